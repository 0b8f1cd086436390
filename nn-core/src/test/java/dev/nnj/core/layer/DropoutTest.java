package dev.nnj.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.GradientCheck;
import dev.nnj.api.testkit.LayerContract;
import dev.nnj.core.random.Seeds;
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
            return new Dropout(input.size(), 0.3, new SplittableRandom(1));
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
                return new Dropout(input.size(), 0.3, new SplittableRandom(1));
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
        Dropout d = new Dropout(4, 0.5, new SplittableRandom(1));
        Tensor x = GradientCheck.randomTensor(3, 4, new SplittableRandom(2));
        Tensor y = Tensor.zeros(3, 4);
        d.forward(x, y, Mode.INFERENCE);
        assertArrayEquals(x.data(), y.data(), 0.0);
    }

    /** 100,000 values at p = 0.3: the kept fraction's standard deviation is 0.0014; 0.01 is 7 of them. */
    @Test
    void keepsOneMinusPOfTheValuesScaledUp() {
        Dropout d = new Dropout(N, 0.3, new SplittableRandom(3));
        Tensor x = Tensor.zeros(1, N);
        java.util.Arrays.fill(x.data(), 2.0);
        Tensor y = Tensor.zeros(1, N);
        d.forward(x, y, Mode.TRAIN);
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
        Dropout d = new Dropout(1000, 0.5, new SplittableRandom(4));
        Tensor x = Tensor.zeros(1, 1000);
        java.util.Arrays.fill(x.data(), 1.0);
        Tensor y = Tensor.zeros(1, 1000);
        d.forward(x, y, Mode.TRAIN);
        Tensor g = GradientCheck.randomTensor(1, 1000, new SplittableRandom(5));
        Tensor gIn = Tensor.zeros(1, 1000);
        d.backward(x, y, g, gIn);
        for (int i = 0; i < 1000; i++) {
            assertEquals(g.data()[i] * y.data()[i], gIn.data()[i], 1e-15);
        }
    }

    @Test
    void theSameSeedGivesTheSameMasks() {
        Tensor x = GradientCheck.randomTensor(8, 50, new SplittableRandom(6));
        Tensor a = Tensor.zeros(8, 50);
        Tensor b = Tensor.zeros(8, 50);
        new Dropout(50, 0.4, Seeds.stream(42, "init:layers.1.dropout")).forward(x, a, Mode.TRAIN);
        new Dropout(50, 0.4, Seeds.stream(42, "init:layers.1.dropout")).forward(x, b, Mode.TRAIN);
        assertArrayEquals(a.data(), b.data(), 0.0);
        Tensor c = Tensor.zeros(8, 50);
        new Dropout(50, 0.4, Seeds.stream(43, "init:layers.1.dropout")).forward(x, c, Mode.TRAIN);
        assertTrue(!java.util.Arrays.equals(a.data(), c.data()));
    }
}
