package dev.nnj.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.DType;
import dev.nnj.api.Kernels;
import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.ModelConfigException;
import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import dev.nnj.api.spi.MapConfig;
import dev.nnj.api.testkit.Allocations;
import dev.nnj.api.testkit.GradientCheck;
import dev.nnj.api.testkit.LayerContract;
import dev.nnj.core.init.HeUniform;
import dev.nnj.core.init.XavierUniform;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.model.Workspace;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Conv2dTest {
    /**
     * The layer is linear in its input and in its parameters, so central differences are exact up
     * to rounding: a tight tolerance.
     */
    private static final double TOLERANCE = 1e-8;
    /**
     * Against torch in float64: sums of at most 75 products, added in another order than torch's.
     * The worst error seen is 1.5e-15 (a few ulps, in the weight gradient of conv2d-stride-pad).
     */
    private static final double TORCH_TOLERANCE = 1e-14;

    /** Kernel [3, 2], stride [2, 1], padding [1, 1] with a bias, on the nn-api's plain kernels. */
    @Nested
    class Contract extends LayerContract {
        @Override
        protected Layer createLayer(Shape input) {
            return randomized(new Conv2d(input, 3, new Window2d(3, 2, 2, 1, 1, 1), true, Kernels.plain()));
        }

        @Override
        protected Shape inputShape() {
            return Shape.of(2, 5, 6);
        }

        @Override
        protected double tolerance() {
            return TOLERANCE;
        }
    }

    /** Kernel 3 without padding or bias, on nn-core's default kernels (EJML). */
    @Nested
    class ContractWithoutBiasOnEjml extends LayerContract {
        @Override
        protected Layer createLayer(Shape input) {
            return randomized(new Conv2d(input, 2, new Window2d(3, 3, 1, 1, 0, 0), false));
        }

        @Override
        protected Shape inputShape() {
            return Shape.of(2, 5, 6);
        }

        @Override
        protected double tolerance() {
            return TOLERANCE;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv2d-basic", "conv2d-stride-pad", "conv2d-nobias", "conv2d-1x1"})
    void matchesPyTorch(String name) {
        TorchFixture.Case c = TorchFixture.load(name);
        for (Kernels kernels : List.of(Kernels.plain(), dev.nnj.core.math.Kernels.defaultKernels())) {
            Layer layer = new Conv2dProvider().create(c.mapConfig(), new TestBuildContext(c.inputShape(), kernels));
            assertEquals(c.outputShape(), layer.outputShape(c.inputShape()));
            c.loadInto(layer);
            c.check(layer, TORCH_TOLERANCE);
        }
    }

    @Test
    void declaresItsParametersInPyTorchsLayout() {
        Conv2d layer = new Conv2d(Shape.of(3, 6, 7), 4, new Window2d(3, 2, 2, 1, 1, 2), true);
        assertEquals(Shape.of(4, 3, 10), layer.outputShape(Shape.of(3, 6, 7)));
        Parameter weight = layer.weight();
        assertEquals(Shape.of(4, 3, 3, 2), weight.shape());
        assertEquals("[4, 18]", weight.value().shapeString());
        assertEquals(false, weight.transposed());
        assertEquals(Shape.of(4), layer.bias().orElseThrow().shape());
        assertEquals(List.of("weight", "bias"), layer.parameters().stream().map(Parameter::path).toList());
        assertEquals(List.of("weight"), new Conv2d(Shape.of(1, 3, 3), 2, new Window2d(1, 1, 1, 1, 0, 0), false)
                .parameters().stream().map(Parameter::path).toList());
    }

    /** One filter of ones over a 3x3 image of 1..9, kernel 2, padding 1: each output sums its window. */
    @Test
    void sumsEachWindowWithZeroPadding() {
        Conv2d layer = new Conv2d(Shape.of(1, 3, 3), 1, new Window2d(2, 2, 2, 2, 1, 1), true, Kernels.plain());
        java.util.Arrays.fill(layer.weight().value().data(), 1.0);
        layer.bias().orElseThrow().value().data()[0] = 0.5;
        Tensor in = Tensor.of(new double[][] {{1, 2, 3, 4, 5, 6, 7, 8, 9}});
        Tensor out = Tensor.zeros(1, 4);
        new dev.nnj.api.testkit.LayerPasses(layer, Shape.of(1, 3, 3), 1, 1).forward(in, out, Mode.INFERENCE);
        // windows: {1}, {2, 3}, {4, 7}, {5, 6, 8, 9}
        assertArrayEquals(new double[] {1.5, 5.5, 11.5, 28.5}, out.data(), 0.0);
    }

    @Test
    void initialisesWithTheActivationsPreferredInitialiserOverFanInAndFanOut() {
        Shape input = Shape.of(2, 5, 5);
        Conv2d relu = (Conv2d) new Conv2dProvider().create(
                MapConfig.of("layers[0]", "conv2d", "filters", 3, "kernel", 3, "activation", "relu"),
                new TestBuildContext(input));
        Tensor expected = Tensor.zeros(3, 18);
        new HeUniform().initialize(expected, 18, 27, new SplittableRandom("weight".hashCode()));
        assertArrayEquals(expected.data(), relu.weight().value().data(), 0.0);
        assertArrayEquals(new double[3], relu.bias().orElseThrow().value().data(), 0.0);

        Conv2d plain = (Conv2d) new Conv2dProvider().create(
                MapConfig.of("layers[0]", "conv2d", "filters", 3, "kernel", 3), new TestBuildContext(input));
        new XavierUniform().initialize(expected, 18, 27, new SplittableRandom("weight".hashCode()));
        assertArrayEquals(expected.data(), plain.weight().value().data(), 0.0);
    }

    @Test
    void refusesAnInputOfRankOne() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> new Conv2dProvider().create(
                MapConfig.of("layers[0]", "conv2d", "filters", 2, "kernel", 3), new TestBuildContext(Shape.of(30))));
        assertEquals("expected examples of shape [C, H, W] (channels, height, width); got [30], of rank 1.",
                e.getMessage());
    }

    @Test
    void refusesAKernelLargerThanThePaddedInput() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> new Conv2dProvider().create(
                MapConfig.of("layers[0]", "conv2d", "filters", 2, "kernel", List.of(7, 3), "padding", 1),
                new TestBuildContext(Shape.of(1, 4, 4))));
        assertEquals("the kernel [7, 3] does not fit the input [1, 4, 4] padded by [1, 1]: the padded image is "
                + "[6, 6]; use a kernel of at most that, or more padding.", e.getMessage());
    }

    @Test
    void refusesInvalidKeysNamingTheKeyAndWhatItTakes() {
        assertEquals("layers[0].filters: expected an integer >= 1, got 0.",
                invalid("filters", 0, "kernel", 3));
        assertEquals("layers[0].kernel: expected an integer >= 1 or a list [height, width] of them, got nothing.",
                invalid("filters", 2));
        assertEquals("layers[0].kernel: expected an integer >= 1 or a list [height, width] of them, got [3, 3, 3].",
                invalid("filters", 2, "kernel", List.of(3, 3, 3)));
        assertEquals("layers[0].stride: expected an integer >= 1 or a list [height, width] of them, got 0.",
                invalid("filters", 2, "kernel", 3, "stride", 0));
        assertEquals("layers[0].padding: expected an integer >= 0 or a list [height, width] of them, got [1, -1].",
                invalid("filters", 2, "kernel", 3, "padding", List.of(1, -1)));
    }

    private static String invalid(Object... keyValues) {
        return assertThrows(ModelConfigException.class, () -> new Conv2dProvider().create(
                MapConfig.of("layers[0]", "conv2d", keyValues), new TestBuildContext(Shape.of(2, 5, 5)))).getMessage();
    }

    /** conv2d, max-pool2d, flatten and dense in one workspace: training passes allocate nothing. */
    @Test
    void aConvolutionalNetworkTrainsInAWorkspaceWithoutAllocating() {
        Shape input = Shape.of(1, 8, 8);
        Conv2d conv = randomized(new Conv2d(input, 4, new Window2d(3, 3, 1, 1, 1, 1), true));
        MaxPool2d pool = new MaxPool2d(Shape.of(4, 8, 8), new Window2d(2, 2, 2, 2, 0, 0));
        Flatten flatten = new Flatten(Shape.of(4, 4, 4));
        DenseLayer dense = new DenseLayer(64, 3);
        java.util.Arrays.fill(dense.weight().value().data(), 0.1);
        Sequential model = Sequential.builder(input).add(conv).add(pool).add(flatten).add(dense).build();
        assertEquals(Shape.of(3), model.outputShape(3));
        Workspace workspace = model.newWorkspace(5);
        Tensor x = GradientCheck.randomTensor(5, 64, new SplittableRandom(3));
        Allocations.assertAllocatesAtMost(16, 500, () -> {
            Tensor y = workspace.forward(x, Mode.TRAIN);
            System.arraycopy(y.data(), 0, workspace.outputGradient().data(), 0, y.size());
            workspace.backward();
        });
        assertTrue(conv.weight().gradient().data()[0] != 0.0, "no gradient reached the convolution");
    }

    private static Conv2d randomized(Conv2d layer) {
        SplittableRandom random = new SplittableRandom(11);
        for (Parameter p : layer.parameters()) {
            double[] d = p.value().data();
            for (int i = 0; i < d.length; i++) {
                d[i] = 2 * random.nextDouble() - 1;
            }
        }
        return layer;
    }

    /** With bias, stride and padding; and without bias: float32 products on the plain kernels, within rounding. */
    @Test
    void computesInFloat32AsInFloat64WithinRounding() {
        Shape input = Shape.of(2, 5, 6);
        Float32Equivalence.assertEquivalent(
                t -> new Conv2d(input, 3, new Window2d(3, 2, 2, 1, 1, 1), true, Kernels.plain(), t), input, 4);
        Float32Equivalence.assertEquivalent(
                t -> new Conv2d(input, 2, new Window2d(3, 3, 1, 1, 0, 0), false, Kernels.plain(), t), input, 3);
    }

    /** A float32 model's convolution starts from the float64 model's initial values, rounded. */
    @Test
    void theProviderBuildsTheModelsElementTypeFromTheFloat64Initialisation() {
        Shape input = Shape.of(2, 5, 5);
        MapConfig config = MapConfig.of("layers[0]", "conv2d", "filters", 3, "kernel", 3, "biasInit", "xavier-uniform");
        Conv2d wide = (Conv2d) new Conv2dProvider().create(config, new TestBuildContext(input));
        Conv2d narrow = (Conv2d) new Conv2dProvider().create(config, new TestBuildContext(input, DType.F32));
        Float32Equivalence.assertBuiltIn(narrow, DType.F32);
        for (int p = 0; p < 2; p++) {
            Tensor w = wide.parameters().get(p).value();
            Tensor n = narrow.parameters().get(p).value();
            for (int i = 0; i < w.size(); i++) {
                assertEquals((float) w.get(i), n.floatData()[i]);
            }
        }
    }

    @Test
    void refusesFloat32OnKernelsThatComputeOnlyFloat64() {
        Kernels float64Only = new Kernels() {
            @Override
            public void mult(Tensor a, Tensor b, Tensor c) {
                Kernels.plain().mult(a, b, c);
            }

            @Override
            public void multAddTransA(Tensor a, Tensor b, Tensor c) {
                Kernels.plain().multAddTransA(a, b, c);
            }

            @Override
            public void multTransB(Tensor a, Tensor b, Tensor c) {
                Kernels.plain().multTransB(a, b, c);
            }

            @Override
            public String description() {
                return "float64-only";
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Conv2d(Shape.of(1, 3, 3),
                1, new Window2d(1, 1, 1, 1, 0, 0), true, float64Only, DType.F32));
        assertEquals("The kernels float64-only do not compute in F32; choose another backend or dtype.",
                e.getMessage());
    }

    /** Every layer of this package built in float32: after warm-up a training step allocates nothing. */
    @Test
    void float32PassesDoNotAllocate() {
        Shape image = Shape.of(2, 6, 6);
        Shape pooled = Shape.of(3, 3, 3);
        List<Layer> layers = List.of(
                new Conv2d(image, 3, new Window2d(3, 3, 1, 1, 1, 1), true, Kernels.plain(), DType.F32),
                new BatchNorm(Shape.of(3, 6, 6), 0.1, 1e-5, DType.F32),
                new MaxPool2d(Shape.of(3, 6, 6), new Window2d(2, 2, 2, 2, 0, 0), DType.F32),
                new AvgPool2d(pooled, new Window2d(3, 3, 1, 1, 1, 1), DType.F32),
                new LayerNorm(pooled, 1e-5, DType.F32),
                new Dropout(27, 0.3, DType.F32),
                new Flatten(pooled, DType.F32),
                new Normalization(Shape.of(27), DType.F32));
        List<Shape> inputs = List.of(image, Shape.of(3, 6, 6), Shape.of(3, 6, 6), pooled, pooled, Shape.of(27),
                pooled, Shape.of(27));
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            int in = inputs.get(l).size();
            int out = layer.outputShape(inputs.get(l)).size();
            Tensor x = Float32Equivalence.narrowed(GradientCheck.randomTensor(4, in, new SplittableRandom(l)));
            Tensor y = Tensor.zeros(4, out, DType.F32);
            Tensor g = Float32Equivalence.narrowed(GradientCheck.randomTensor(4, out, new SplittableRandom(l + 9)));
            Tensor dx = Tensor.zeros(4, in, DType.F32);
            dev.nnj.api.LayerContext context = new dev.nnj.api.testkit.LayerPasses(layer, inputs.get(l), 4, 1)
                    .context(Mode.TRAIN, dev.nnj.api.GradientListener.NONE);
            Allocations.assertAllocatesAtMost(16, 200, () -> {
                layer.forward(x, y, context);
                layer.backward(x, y, g, dx, context);
            });
        }
    }
}
