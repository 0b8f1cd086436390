package dev.nnj.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.DType;
import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.GradientCheck;
import dev.nnj.core.activation.Tanh;
import dev.nnj.core.json.Safetensors;
import dev.nnj.core.json.Weights;
import dev.nnj.core.layer.ActivationLayer;
import dev.nnj.core.layer.DenseLayer;
import dev.nnj.core.math.Kernels;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A float32 model against the same model in float64: the workspace's conversions at the model's
 * boundary and around a float64-only layer, the gradients that reach every parameter, and saving.
 * Tolerance: 2e-5 relative (or absolute below 1): float32 rounds each stored value by 2^-24 ≈ 6e-8,
 * and a value here passes through some 100 roundings (products of 16 terms, four layers, back).
 */
class Float32ModelTest {
    private static final double TOLERANCE = 2e-5;

    /** nn-core's default kernels (EJML), which compute in both types. */
    private static final Kernels KERNELS = Kernels.defaultKernels();

    /**
     * A layer as nnj 0.1 wrote them: float64 only, reading data(): y = x · s, one scale per
     * feature.
     */
    static final class Scale implements Layer {
        private final Parameter scale;

        Scale(int width) {
            scale = Parameter.of("scale", ParameterRole.OTHER, Tensor.zeros(1, width));
            for (int j = 0; j < width; j++) {
                scale.value().data()[j] = 0.5 + 0.1 * j;
            }
        }

        @Override
        public Shape outputShape(Shape input) {
            return input;
        }

        @Override
        public void forward(Tensor in, Tensor out, Mode mode) {
            double[] x = in.data();
            double[] y = out.data();
            double[] s = scale.value().data();
            int n = in.cols();
            for (int i = 0; i < in.size(); i++) {
                y[i] = x[i] * s[i % n];
            }
        }

        @Override
        public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn) {
            double[] x = in.data();
            double[] g = gradOut.data();
            double[] s = scale.value().data();
            double[] gs = scale.gradient().data();
            int n = in.cols();
            for (int i = 0; i < in.size(); i++) {
                gs[i % n] += g[i] * x[i];
                if (gradIn != null) {
                    gradIn.data()[i] = g[i] * s[i % n];
                }
            }
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(scale);
        }
    }

    /** 5 -> dense 4 -> tanh -> scale (float64 only) -> dense 3, its weights from seed 11 (rounded to float for both). */
    private static Sequential model(DType dtype) {
        SplittableRandom random = new SplittableRandom(11);
        DenseLayer first = new DenseLayer(5, 4, KERNELS, dtype);
        DenseLayer last = new DenseLayer(4, 3, KERNELS, dtype);
        for (DenseLayer d : List.of(first, last)) {
            for (Parameter p : d.parameters()) {
                for (int i = 0; i < p.value().size(); i++) {
                    p.value().set(i, (float) random.nextDouble(-1, 1));
                }
            }
        }
        return Sequential.builder(Shape.of(5)).dtype(dtype).add(first).add(new ActivationLayer(new Tanh()))
                .add(new Scale(4)).add(last).build();
    }

    private static Tensor input() {
        Tensor x = GradientCheck.randomTensor(6, 5, new SplittableRandom(3));
        for (int i = 0; i < x.size(); i++) {
            x.set(i, (float) x.get(i));
        }
        return x;
    }

    @Test
    void layersRunInTheModelsTypeAndAFloat64OnlyLayerRunsConverted() {
        Sequential m = model(DType.F32);
        assertEquals(DType.F32, m.dtype());
        assertEquals(List.of(DType.F32, DType.F32, DType.F64, DType.F32),
                List.of(m.computeType(0), m.computeType(1), m.computeType(2), m.computeType(3)));
        assertEquals(List.of("layers[2]"), m.convertedLayers());
        assertEquals(DType.F32, m.parameters().get(0).value().dtype());
        assertEquals(DType.F64, m.parameters().get(2).value().dtype());
        assertEquals(List.of(), model(DType.F64).convertedLayers());
    }

    @Test
    void forwardAndBackwardAgreeWithFloat64() {
        Sequential m64 = model(DType.F64);
        Sequential m32 = model(DType.F32);
        Workspace w64 = m64.newWorkspace(8);
        Workspace w32 = m32.newWorkspace(8);
        Tensor x = input();
        Tensor y64 = w64.forward(x, Mode.TRAIN);
        Tensor y32 = w32.forward(x, Mode.TRAIN);
        assertEquals(DType.F64, y32.dtype(), "the model's output is float64 at its boundary");
        assertClose("output", y64, y32);
        Tensor g = GradientCheck.randomTensor(6, 3, new SplittableRandom(5));
        w64.outputGradient().copyFrom(g);
        w32.outputGradient().copyFrom(g);
        assertEquals(DType.F64, w32.outputGradient().dtype());
        w64.backward();
        w32.backward();
        for (int i = 0; i < m64.parameters().size(); i++) {
            assertClose(m64.parameters().get(i).path() + " gradient", m64.parameters().get(i).gradient(),
                    m32.parameters().get(i).gradient());
        }
    }

    @Test
    void theFloat32ModelsGradientsMatchCentralDifferencesOfItsFloat64Twin() {
        // Gradient checks stay in float64: the float32 model's analytic gradients are compared with
        // central differences of the float64 model, whose values are the same (rounded) numbers.
        Sequential m64 = model(DType.F64);
        Sequential m32 = model(DType.F32);
        Workspace w64 = m64.newWorkspace(8);
        Workspace w32 = m32.newWorkspace(8);
        Tensor x = input();
        Tensor g = GradientCheck.randomTensor(6, 3, new SplittableRandom(9));
        w32.forward(x, Mode.TRAIN);
        w32.outputGradient().copyFrom(g);
        w32.backward();
        for (Parameter p64 : m64.parameters()) {
            Parameter p32 = m32.parameters().get(m64.parameters().indexOf(p64));
            for (int i = 0; i < p64.value().size(); i++) {
                double v = p64.value().get(i);
                double h = 1e-6;
                p64.value().set(i, v + h);
                double up = dot(w64.forward(x, Mode.INFERENCE), g);
                p64.value().set(i, v - h);
                double down = dot(w64.forward(x, Mode.INFERENCE), g);
                p64.value().set(i, v);
                double numerical = (up - down) / (2 * h);
                assertEquals(numerical, p32.gradient().get(i), TOLERANCE * Math.max(1, Math.abs(numerical)),
                        p64.path() + "[" + i + "]");
            }
        }
    }

    @Test
    void savedFloat32WeightsAreF32AndLoadBackExactly() {
        Sequential m = model(DType.F32);
        Map<String, Safetensors.Entry> weights = Weights.of(m);
        assertEquals("F32", weights.get("layers.0.weight").dtype());
        assertEquals("F64", weights.get("layers.2.scale").dtype(), "the float64-only layer keeps float64");
        Map<String, Safetensors.Entry> read = Safetensors.read(Safetensors.write(weights, Map.of()), "m.safetensors");
        assertEquals("F32", read.get("layers.3.bias").dtype());
        Sequential loaded = model(DType.F32);
        for (Parameter p : loaded.parameters()) {
            p.value().zero();
        }
        Weights.apply(loaded, read, "m.safetensors");
        for (int i = 0; i < m.parameters().size(); i++) {
            Tensor a = m.parameters().get(i).value();
            Tensor b = loaded.parameters().get(i).value();
            for (int j = 0; j < a.size(); j++) {
                assertEquals(a.get(j), b.get(j), 0.0, m.parameters().get(i).path());
            }
        }
        Sequential wide = model(DType.F64);
        Weights.apply(wide, read, "m.safetensors");
        assertEquals(m.parameters().get(0).value().get(3), wide.parameters().get(0).value().get(3), 0.0);
    }

    @Test
    void aFloat64ModelKeepsItsOwnOutputTensors() {
        Workspace w = model(DType.F64).newWorkspace(8);
        Tensor y = w.forward(input(), Mode.INFERENCE);
        assertSame(y, w.forward(input(), Mode.INFERENCE));
        assertTrue(y.dtype() == DType.F64);
    }

    /** A backend written before float32 (its kernels say nothing of it) is refused for a float32 model, by name. */
    @Test
    void aFloat32ModelOnAFloat64OnlyBackendIsRefusedNamingIt() {
        Kernels old = new Kernels() {
            @Override
            public void mult(Tensor a, Tensor b, Tensor c) {
            }

            @Override
            public void multAddTransA(Tensor a, Tensor b, Tensor c) {
            }

            @Override
            public void multTransB(Tensor a, Tensor b, Tensor c) {
            }

            @Override
            public String description() {
                return "an 0.1 backend";
            }
        };
        dev.nnj.core.NnRuntime runtime = new dev.nnj.core.NnRuntime(
                dev.nnj.core.registry.ExtensionDiscovery.discover(getClass().getClassLoader()), old);
        String file = "{\"input\": [4], \"dtype\": \"float32\", \"layers\": [{\"type\": \"dense\", \"units\": 2}], "
                + "\"loss\": \"mse\", \"optimizer\": \"sgd\"}";
        dev.nnj.api.ModelConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.nnj.api.ModelConfigException.class,
                () -> runtime.assemble(dev.nnj.core.json.ModelFileReader.read(file, "m.json")));
        assertEquals("m.json: dtype: the backend an 0.1 backend does not compute in F32; choose another backend "
                + "(--backend) or \"dtype\": \"float64\".", e.getMessage());
    }

    @Test
    void aDtypeThatIsNeitherIsReportedNamingTheKey() {
        dev.nnj.api.ModelConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.nnj.api.ModelConfigException.class, () -> dev.nnj.core.json.ModelFileReader.read(
                        "{\"input\": [4], \"dtype\": \"float16\", \"layers\": [\"dense\"], \"loss\": \"mse\", "
                                + "\"optimizer\": \"sgd\"}", "m.json"));
        assertTrue(e.getMessage().startsWith("m.json: dtype: expected \"float64\" or \"float32\""), e.getMessage());
        assertEquals(DType.F32, dev.nnj.core.json.ModelFileReader.read("{\"input\": [4], \"dtype\": \"float32\", "
                + "\"layers\": [\"dense\"], \"loss\": \"mse\", \"optimizer\": \"sgd\"}", "m.json").dtype());
    }

    private static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += a.get(i) * b.get(i);
        }
        return s;
    }

    private static void assertClose(String what, Tensor expected, Tensor actual) {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i);
            assertEquals(e, actual.get(i), TOLERANCE * Math.max(1, Math.abs(e)), what + "[" + i + "]");
        }
    }
}
