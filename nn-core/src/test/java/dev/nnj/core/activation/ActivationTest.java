package dev.nnj.core.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Activation;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.GradientCheck;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ActivationTest {
    /** Central differences with h = 1e-6 on smooth functions: error ~1e-10; 1e-7 leaves margin. */
    private static final double TOLERANCE = 1e-7;

    static Stream<Activation> all() {
        return Stream.of(new Identity(), new Sigmoid(), new Tanh(), new Relu(), new LeakyRelu(0.1), new Softmax());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void vectorJacobianProductMatchesCentralDifferences(Activation activation) {
        SplittableRandom random = new SplittableRandom(7);
        Tensor z = Tensor.zeros(4, 6);
        for (int i = 0; i < z.size(); i++) {
            // Keep clear of ReLU's kink at 0, where the derivative is undefined.
            double v = 0.1 + 2.9 * random.nextDouble();
            z.data()[i] = random.nextBoolean() ? v : -v;
        }
        GradientCheck.checkActivation(activation, z, TOLERANCE, random);
    }

    @Test
    void computesKnownValues() {
        Tensor z = Tensor.of(new double[][] {{-2, 0, 3}});
        assertArrayEquals(new double[] {0, 0, 3}, apply(new Relu(), z), 0.0);
        assertArrayEquals(new double[] {-0.2, 0, 3}, apply(new LeakyRelu(0.1), z), 1e-15);
        assertArrayEquals(new double[] {Math.tanh(-2), 0, Math.tanh(3)}, apply(new Tanh(), z), 0.0);
        assertArrayEquals(new double[] {1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-3))}, apply(new Sigmoid(), z), 1e-15);
        double sum = Math.exp(-2) + 1 + Math.exp(3);
        assertArrayEquals(new double[] {Math.exp(-2) / sum, 1 / sum, Math.exp(3) / sum}, apply(new Softmax(), z), 1e-15);
    }

    @Test
    void softmaxAndSigmoidStayFiniteForHugeInputs() {
        Tensor z = Tensor.of(new double[][] {{1000, -1000, 999}});
        double[] s = apply(new Softmax(), z);
        assertEquals(1 / (1 + Math.exp(-1)), s[0], 1e-12);
        assertEquals(0.0, s[1]);
        double[] g = apply(new Sigmoid(), z);
        assertEquals(1.0, g[0]);
        assertEquals(0.0, g[1]);
        for (double v : s) {
            assertTrue(Double.isFinite(v));
        }
    }

    private static double[] apply(Activation a, Tensor z) {
        Tensor out = Tensor.zeros(z.rows(), z.cols());
        a.forward(z, out);
        return out.data();
    }
}
