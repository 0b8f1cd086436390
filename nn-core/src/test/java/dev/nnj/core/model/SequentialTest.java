package dev.nnj.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.GradientListener;
import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.Allocations;
import dev.nnj.api.testkit.GradientCheck;
import dev.nnj.core.activation.Softmax;
import dev.nnj.core.activation.Tanh;
import dev.nnj.core.layer.ActivationLayer;
import dev.nnj.core.layer.DenseLayer;
import dev.nnj.core.loss.SoftmaxCrossEntropy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequentialTest {
    /** Central differences (h = 1e-6) through three smooth layers: error ~1e-9; 1e-7 leaves margin. */
    private static final double TOLERANCE = 1e-7;

    @Test
    void backpropThroughTheWholeNetworkMatchesCentralDifferences() {
        SplittableRandom random = new SplittableRandom(11);
        Sequential model = Sequential.builder(Shape.of(4))
                .add(dense(4, 5, random)).add(new ActivationLayer(new Tanh()))
                .add(dense(5, 3, random)).add(new ActivationLayer(new Softmax()))
                .add(dense(3, 3, random))
                .build();
        Tensor x = GradientCheck.randomTensor(6, 4, random);
        Tensor y = Tensor.zeros(6, 3);
        for (int i = 0; i < 6; i++) {
            y.set(i, i % 3, 1);
        }
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Workspace ws = model.newWorkspace(6);

        model.zeroGradients();
        loss.compute(ws.forward(x, Mode.TRAIN), y, ws.outputGradient());
        ws.backward();

        for (Parameter p : model.parameters()) {
            double[] numerical = GradientCheck.numerical(() -> loss.compute(ws.forward(x, Mode.TRAIN), y, null),
                    p.value().data(), p.value().size(), GradientCheck.DEFAULT_STEP);
            GradientCheck.assertClose(p.path(), p.gradient().data(), numerical, p.value().size(), TOLERANCE);
        }
    }

    @Test
    void namesParametersByLayerIndex() {
        SplittableRandom random = new SplittableRandom(1);
        Sequential model = Sequential.builder(Shape.of(2)).add(dense(2, 3, random))
                .add(new ActivationLayer(new Tanh())).add(dense(3, 1, random)).build();
        List<String> paths = model.parameters().stream().map(Parameter::path).toList();
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias"), paths);
        assertEquals(13, model.parameterCount());
    }

    @Test
    void rejectsDataWithTheWrongNumberOfFeaturesNamingTheFirstLayer() {
        Sequential model = Sequential.builder(Shape.of(64)).add(new DenseLayer(64, 10), "layers.0", "layers[0] (dense)")
                .build();
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> model.newWorkspace(32).forward(Tensor.zeros(32, 60), Mode.INFERENCE));
        assertEquals("layers[0] (dense): input has 60 features; expected [*, 64] (input shape [64]), got [32, 60].",
                e.getMessage());
    }

    @Test
    void refusesAWorkspaceLargerThanTheHeapBeforeAllocatingIt() {
        Sequential model = Sequential.builder(Shape.of(64)).add(new DenseLayer(64, 10))
                .add(new ActivationLayer(new Tanh())).build();
        long heap = Runtime.getRuntime().maxMemory();
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> model.newWorkspace(Integer.MAX_VALUE));
        assertEquals("A workspace for batches of 2147483647 needs 687194767040 bytes for the outputs and gradients of "
                + "its 2 layers; this JVM may use " + heap + " in all. Use a smaller batch or fewer or narrower layers, "
                + "or raise the maximum heap with -Xmx.", e.getMessage());
    }

    @Test
    void rejectsLayersThatDoNotFitTogetherNamingTheLayer() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> Sequential.builder(Shape.of(8)).add(new DenseLayer(8, 4)).add(new DenseLayer(5, 2)).build());
        assertEquals("layers[1]: input has 4 features [4]; expected 5.", e.getMessage());
    }

    @Test
    void givesAFrozenLayersParametersAsFrozenViewsAndCountsThemApart() {
        SplittableRandom random = new SplittableRandom(1);
        Sequential model = Sequential.builder(Shape.of(2)).add(dense(2, 3, random), "layers.0", "layers[0]", false)
                .add(new ActivationLayer(new Tanh()), "layers.0.activation", "layers[0].activation", false)
                .add(dense(3, 1, random), "layers.1", "layers[1]").build();
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"),
                model.parameters().stream().map(Parameter::path).toList());
        assertEquals(List.of(false, false, true, true), model.parameters().stream().map(Parameter::trainable).toList());
        assertEquals(List.of("layers.1.weight", "layers.1.bias"),
                model.trainableParameters().stream().map(Parameter::path).toList());
        assertSame(model.parameters().get(0).value(), model.layers().get(0).parameters().get(0).value(),
                "a frozen view shares the layer's value");
        assertEquals(Shape.of(3, 2), model.parameters().get(0).shape(), "saved as nn.Linear's [out, in]");
        assertFalse(model.isTrainable("layers.0"));
        assertTrue(model.isTrainable("layers.1"));
        assertEquals(13, model.parameterCount());
        assertEquals(4, model.trainableParameterCount());
    }

    @Test
    void refusesAnUnknownLayerNameListingTheNames() {
        Sequential model = Sequential.builder(Shape.of(2)).add(new DenseLayer(2, 3))
                .add(new ActivationLayer(new Tanh())).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.isTrainable("layers.2"));
        assertEquals("No layer is named 'layers.2'; the layers are named layers.0, layers.1.", e.getMessage());
    }

    /**
     * Freezing the middle dense layer changes no gradient, the frozen layer's own and the first
     * layer's (which arrives through it) included, to the bit; only whom they are reported to.
     */
    @Test
    void backpropagatesThroughAFrozenLayerUnchangedAndReportsNoneOfItsGradients() {
        Tensor x = GradientCheck.randomTensor(6, 4, new SplittableRandom(5));
        Sequential trained = threeDense(true);
        Sequential frozen = threeDense(false);
        Set<String> reported = new HashSet<>();
        Map<Tensor, String> paths = new IdentityHashMap<>();
        frozen.parameters().forEach(p -> paths.put(p.value(), p.path()));
        for (Sequential model : List.of(trained, frozen)) {
            Workspace ws = model.newWorkspace(6);
            model.zeroGradients();
            Tensor out = ws.forward(x, Mode.TRAIN);
            System.arraycopy(out.data(), 0, ws.outputGradient().data(), 0, out.size());
            ws.backward((parameter, from, to) -> {
                if (model == frozen) {
                    synchronized (reported) {
                        reported.add(paths.get(parameter.value()));
                    }
                }
            });
        }
        for (int i = 0; i < trained.parameters().size(); i++) {
            assertArrayEquals(trained.parameters().get(i).gradient().data(), frozen.parameters().get(i).gradient().data(),
                    frozen.parameters().get(i).path());
        }
        assertEquals(Set.of("layers.2.weight", "layers.2.bias", "layers.0.weight", "layers.0.bias"), reported);
    }

    /** 4-5-3-2 with tanh, the same weights every call; the middle dense layer ({@code layers.1}) trained or frozen. */
    private static Sequential threeDense(boolean middleTrainable) {
        SplittableRandom random = new SplittableRandom(11);
        return Sequential.builder(Shape.of(4)).add(dense(4, 5, random), "layers.0", "layers[0]")
                .add(new ActivationLayer(new Tanh()), "layers.0.activation", "layers[0].activation")
                .add(dense(5, 3, random), "layers.1", "layers[1]", middleTrainable)
                .add(dense(3, 2, random), "layers.2", "layers[2]").build();
    }

    static DenseLayer dense(int in, int out, SplittableRandom random) {
        DenseLayer d = new DenseLayer(in, out);
        Tensor w = GradientCheck.randomTensor(in, out, random);
        System.arraycopy(w.data(), 0, d.weight().value().data(), 0, w.size());
        Tensor b = GradientCheck.randomTensor(1, out, random);
        System.arraycopy(b.data(), 0, d.bias().value().data(), 0, b.size());
        return d;
    }

    /**
     * A layer written before layers could report gradients (it overrides only the plain backward,
     * and its {@code parameters()} allocates a list per call) has each parameter reported whole
     * after its backward pass, once, and the workspace allocates nothing doing it.
     */
    @Test
    void reportsTheGradientsOfALayerThatDoesNotItselfAfterItsBackward() {
        DenseLayer inner = dense(4, 3, new SplittableRandom(2));
        Layer plain = new Layer() {
            @Override
            public Shape outputShape(Shape input) {
                return inner.outputShape(input);
            }

            @Override
            public void forward(Tensor in, Tensor out, Mode mode) {
                inner.forward(in, out, mode);
            }

            @Override
            public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn) {
                inner.backward(in, out, gradOut, gradIn);
                calls.add("backward");
            }

            @Override
            public List<Parameter> parameters() {
                return new ArrayList<>(inner.parameters());
            }
        };
        Sequential model = Sequential.builder(Shape.of(4)).add(plain).build();
        Workspace ws = model.newWorkspace(2);
        ws.forward(GradientCheck.randomTensor(2, 4, new SplittableRandom(3)), Mode.TRAIN);
        ws.backward((parameter, from, to) -> calls.add(parameter.path() + "[" + from + ", " + to + ")"));
        assertEquals(List.of("backward", "weight[0, 12)", "bias[0, 3)"), calls);

        calls = new NoList();
        GradientListener ignore = (parameter, from, to) -> { };
        Allocations.assertAllocatesAtMost(16, 2_000, () -> ws.backward(ignore));
    }

    private List<String> calls = new ArrayList<>();

    /** Takes every add and keeps nothing, so that counting calls allocates nothing. */
    private static final class NoList extends java.util.AbstractList<String> {
        @Override
        public boolean add(String s) {
            return true;
        }

        @Override
        public String get(int index) {
            throw new IndexOutOfBoundsException(index);
        }

        @Override
        public int size() {
            return 0;
        }
    }
}
