package dev.nnj.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.spi.MapConfig;
import dev.nnj.api.DType;
import dev.nnj.api.GradientListener;
import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.GradientCheck;
import dev.nnj.api.testkit.LayerContract;
import dev.nnj.api.testkit.LayerPasses;
import dev.nnj.core.model.Sequential;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DropoutTest {
    private static final int N = 100_000;

    /** The layer contract, its gradient checked in inference mode (where dropout is the identity). */
    @Nested
    class Contract extends LayerContract {
        @Override
        protected Layer createLayer(Shape input) {
            return new Dropout(input.size(), 0.3);
        }

        @Override
        protected boolean deterministicInTraining() {
            return false;
        }

        @Override
        protected Mode gradientCheckMode() {
            return Mode.INFERENCE;
        }
    }

    @Test
    void theKitRefusesAGradientCheckOfDropoutInTrainingMode() {
        LayerContract training = new LayerContract() {
            @Override
            protected Layer createLayer(Shape input) {
                return new Dropout(input.size(), 0.3);
            }

            @Override
            protected boolean deterministicInTraining() {
                return false;
            }
        };
        AssertionError e = assertThrows(AssertionError.class, () -> {
            java.lang.reflect.Method m = LayerContract.class.getDeclaredMethod("gradientsMatchCentralDifferences");
            m.setAccessible(true);
            try {
                m.invoke(training);
            } catch (java.lang.reflect.InvocationTargetException ite) {
                throw ite.getCause();
            }
        });
        assertTrue(e.getMessage().startsWith("A gradient check of a layer that is random in training mode is "
                + "meaningless"), e.getMessage());
    }

    @Test
    void isTheIdentityAtInference() {
        Dropout d = new Dropout(4, 0.5);
        Tensor x = GradientCheck.randomTensor(3, 4, new SplittableRandom(2));
        Tensor y = Tensor.zeros(3, 4);
        new LayerPasses(d, Shape.of(4), 3, 1).forward(x, y, Mode.INFERENCE);
        assertArrayEquals(x.data(), y.data(), 0.0);
    }

    /** 100,000 values at p = 0.3: the kept fraction's standard deviation is 0.0014; 0.01 is 7 of them. */
    @Test
    void keepsOneMinusPOfTheValuesScaledUp() {
        Dropout d = new Dropout(N, 0.3);
        Tensor x = Tensor.zeros(1, N);
        java.util.Arrays.fill(x.data(), 2.0);
        Tensor y = Tensor.zeros(1, N);
        new LayerPasses(d, Shape.of(N), 1, 3).forward(x, y, Mode.TRAIN);
        int kept = 0;
        for (double v : y.data()) {
            if (v != 0) {
                assertEquals(2.0 / 0.7, v, 1e-15);
                kept++;
            }
        }
        assertEquals(0.7, kept / (double) N, 0.01);
    }

    @Test
    void backwardUsesTheSameMask() {
        Dropout d = new Dropout(1000, 0.5);
        LayerPasses passes = new LayerPasses(d, Shape.of(1000), 1, 4);
        Tensor x = Tensor.zeros(1, 1000);
        java.util.Arrays.fill(x.data(), 1.0);
        Tensor y = Tensor.zeros(1, 1000);
        passes.forward(x, y, Mode.TRAIN);
        Tensor g = GradientCheck.randomTensor(1, 1000, new SplittableRandom(5));
        Tensor gIn = Tensor.zeros(1, 1000);
        passes.backward(x, y, g, gIn, Mode.TRAIN, GradientListener.NONE);
        for (int i = 0; i < 1000; i++) {
            assertEquals(g.data()[i] * y.data()[i], gIn.data()[i], 1e-15);
        }
    }

    /**
     * Masks come from the workspace's stream of the layer: the model's seed, the layer's name and the
     * workspace's name decide them, so runs repeat and two workspaces do not share masks.
     */
    @Test
    void theSameSeedGivesTheSameMasks() {
        Tensor x = GradientCheck.randomTensor(8, 50, new SplittableRandom(6));
        double[] a = masked(42, "trainer", x);
        assertArrayEquals(a, masked(42, "trainer", x), 0.0);
        assertTrue(!java.util.Arrays.equals(a, masked(43, "trainer", x)), "another seed, the same masks");
        assertTrue(!java.util.Arrays.equals(a, masked(42, "shard:1", x)), "another workspace, the same masks");
    }

    private static double[] masked(long seed, String stream, Tensor x) {
        Sequential model = Sequential.builder(Shape.of(50)).add(new Dropout(50, 0.4)).seed(seed).build();
        return model.newWorkspace(8, stream).forward(x, Mode.TRAIN).data().clone();
    }

    /** The same stream draws the same numbers: the same mask in either type, so the passes agree within rounding. */
    @Test
    void computesInFloat32AsInFloat64WithTheSameMask() {
        Float32Equivalence.assertEquivalent(t -> new Dropout(40, 0.3, t), Shape.of(40), 5);
        Tensor x = GradientCheck.randomTensor(5, 40, new SplittableRandom(8));
        Tensor y64 = Tensor.zeros(5, 40);
        Tensor y32 = Tensor.zeros(5, 40, DType.F32);
        new LayerPasses(new Dropout(40, 0.3), Shape.of(40), 5, 9).forward(x, y64, Mode.TRAIN);
        new LayerPasses(new Dropout(40, 0.3, DType.F32), Shape.of(40), 5, 9)
                .forward(Float32Equivalence.narrowed(x), y32, Mode.TRAIN);
        int dropped = 0;
        for (int i = 0; i < x.size(); i++) {
            assertEquals(y64.get(i) == 0, y32.get(i) == 0, "value " + i + " dropped in one type only");
            dropped += y64.get(i) == 0 ? 1 : 0;
        }
        assertTrue(dropped > 0 && dropped < x.size(), dropped + " of " + x.size() + " dropped");
    }

    @Test
    void theProviderBuildsTheModelsElementType() {
        Layer layer = new DropoutProvider().create(MapConfig.of("layers[0]", "dropout", "rate", 0.5),
                new TestBuildContext(Shape.of(6), DType.F32));
        Float32Equivalence.assertBuiltIn(layer, DType.F32);
    }
}
