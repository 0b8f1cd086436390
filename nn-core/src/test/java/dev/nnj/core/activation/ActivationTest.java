package dev.nnj.core.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Activation;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.ActivationContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ActivationTest {
    // Tolerance: the kit's default 1e-7 (central differences with h = 1e-6 on smooth functions
    // err by ~1e-10).

    /** The kit's float32 check compares only where an activation supports float32: every built-in one does. */
    @Test
    void everyBuiltInActivationComputesFloat32() {
        for (Activation a : new Activation[] {new Identity(), new Sigmoid(), new Tanh(), new Relu(), new LeakyRelu(0.1),
            new Softmax(), new Elu(1.0), new Selu(), new Softplus(1.5, 20), new Swish(1.3), new Gelu()}) {
            assertTrue(a.supports(dev.nnj.api.DType.F32), a.toString());
        }
    }

    // The activation contract of the nn-api test kit, for each built-in activation.

    @Nested
    class IdentityContract extends ActivationContract {
        @Override
        protected Activation createActivation() {
            return new Identity();
        }
    }

    @Nested
    class SigmoidContract extends ActivationContract {
        @Override
        protected Activation createActivation() {
            return new Sigmoid();
        }
    }

    @Nested
    class TanhContract extends ActivationContract {
        @Override
        protected Activation createActivation() {
            return new Tanh();
        }
    }

    @Nested
    class ReluContract extends ActivationContract {
        @Override
        protected Activation createActivation() {
            return new Relu();
        }
    }

    @Nested
    class LeakyReluContract extends ActivationContract {
        @Override
        protected Activation createActivation() {
            return new LeakyRelu(0.1);
        }
    }

    /** Softmax mixes a row's values: the check covers its full Jacobian, not a diagonal. */
    @Nested
    class SoftmaxContract extends ActivationContract {
        @Override
        protected Activation createActivation() {
            return new Softmax();
        }
    }

    @Nested
    class EluContract extends ActivationContract {
        @Override
        protected Activation createActivation() {
            return new Elu(1.0);
        }
    }

    @Nested
    class SeluContract extends ActivationContract {
        @Override
        protected Activation createActivation() {
            return new Selu();
        }
    }

    @Nested
    class SoftplusContract extends ActivationContract {
        @Override
        protected Activation createActivation() {
            return new Softplus(1.5, 20);
        }
    }

    @Nested
    class SwishContract extends ActivationContract {
        @Override
        protected Activation createActivation() {
            return new Swish(1.3);
        }
    }

    @Nested
    class GeluContract extends ActivationContract {
        @Override
        protected Activation createActivation() {
            return new Gelu();
        }
    }

    @Test
    void erfMatchesReferenceValues() {
        // Reference values: erf from the C library (glibc), printed with 17 digits.
        assertEquals(0.52049987781304652, Gelu.erf(0.5), 1e-15);
        assertEquals(0.84270079294971487, Gelu.erf(1), 1e-15);
        assertEquals(0.99532226501895273, Gelu.erf(2), 1e-15);
        assertEquals(-0.99997790950300136, Gelu.erf(-3), 1e-15);
        assertEquals(0.0, Gelu.erf(0), 0.0);
        assertEquals(1.0, Gelu.erf(7), 0.0);
    }

    @Test
    void computesKnownValuesOfTheSmoothFamily() {
        Tensor z = Tensor.of(new double[][] {{-1, 0, 1}});
        assertArrayEquals(new double[] {Math.exp(-1) - 1, 0, 1}, apply(new Elu(1), z), 1e-15);
        assertArrayEquals(new double[] {Selu.SCALE * Selu.ALPHA * (Math.exp(-1) - 1), 0, Selu.SCALE}, apply(new Selu(), z), 1e-15);
        assertArrayEquals(new double[] {Math.log1p(Math.exp(-1)), Math.log(2), Math.log1p(Math.E)}, apply(new Softplus(1, 20), z), 1e-15);
        assertArrayEquals(new double[] {-1 / (1 + Math.E), 0, 1 / (1 + Math.exp(-1))}, apply(new Swish(1), z), 1e-15);
        // GELU(1) = Φ(1) = 0.5 (1 + erf(1/√2)) = 0.8413447460685429...
        assertArrayEquals(new double[] {-(1 - 0.8413447460685429), 0, 0.8413447460685429}, apply(new Gelu(), z), 1e-15);
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

    /** Relu's branch-free loops: the same bits as max(0, z) and [z > 0] at every edge; NaN stays NaN. */
    @Test
    void reluIsExactAtTheEdges() {
        double tiny = Double.MIN_VALUE;
        double[] z = {-0.0, 0.0, tiny, -tiny, 1e-310, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN, -3, 2.5};
        Tensor zt = Tensor.of(new double[][] {z});
        Tensor a = Tensor.zeros(1, z.length);
        Relu relu = new Relu();
        relu.forward(zt, a);
        assertArrayEquals(new double[] {0, 0, tiny, 0, 1e-310, Double.MAX_VALUE, Double.POSITIVE_INFINITY, 0,
            Double.NaN, 0, 2.5}, a.data(), 0.0);
        Tensor gradA = Tensor.of(new double[][] {{1.5, -2, 3, 4, -5, 6, 7, 8, 9, -10, 11}});
        Tensor gradZ = Tensor.zeros(1, z.length);
        relu.backward(zt, a, gradA, gradZ);
        assertArrayEquals(new double[] {0, -0.0, 3, 0, -5, 6, 7, 0, Double.NaN, -0.0, 11}, gradZ.data(), 0.0);
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
