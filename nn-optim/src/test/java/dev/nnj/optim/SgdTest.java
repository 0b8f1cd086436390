package dev.nnj.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.OptimizerContract;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Sgd against the published update rule of torch.optim.SGD (dampening 0), written out here
 * independently: on step t with gradient g of w,
 * g = g + wd·w; if mu != 0: b = (t == 1 ? g : mu·b + g); g = nesterov ? g + mu·b : b; w = w - lr·g.
 * The loss is the quadratic L = ½ Σ a_i (w_i - c_i)², so g_i = a_i (w_i - c_i).
 */
class SgdTest {

    /** The optimizer contract of the nn-api test kit, for plain SGD and for Nesterov momentum. */
    @Nested
    class PlainContract extends OptimizerContract {
        @Override
        protected boolean mustSupportFloat32() {
            return true;
        }

        @Override
        protected Optimizer createOptimizer() {
            return new Sgd(0.1, 0.0, false, 0.0);
        }
    }

    @Nested
    class NesterovContract extends OptimizerContract {
        @Override
        protected boolean mustSupportFloat32() {
            return true;
        }

        @Override
        protected Optimizer createOptimizer() {
            return new Sgd(0.05, 0.9, true, 1e-4);
        }
    }

    private static final double[] A = {1.0, 3.0, 0.5, 2.0};
    private static final double[] C = {0.5, -1.0, 2.0, 0.0};
    private static final double[] W0 = {1.0, 2.0, -1.0, 0.3};
    private static final int STEPS = 7;

    @ParameterizedTest(name = "lr {0}, momentum {1}, nesterov {2}, weightDecay {3}")
    @CsvSource({"0.1, 0, false, 0", "0.1, 0.9, false, 0", "0.05, 0.9, true, 0", "0.1, 0.5, false, 0.01",
            "0.02, 0.8, true, 0.1"})
    void followsPyTorchsUpdateRuleOnAQuadratic(double lr, double mu, boolean nesterov, double wd) {
        Parameter p = Parameter.of("layers.0.weight", ParameterRole.WEIGHT, Tensor.wrap(W0.clone(), 2, 2));
        Sgd sgd = new Sgd(lr, mu, nesterov, wd);
        sgd.attach(List.of(p));

        double[] w = W0.clone();
        double[] b = new double[w.length];
        for (int t = 1; t <= STEPS; t++) {
            double[] g = p.gradient().data();
            for (int i = 0; i < w.length; i++) {
                g[i] = A[i] * (p.value().data()[i] - C[i]);
            }
            sgd.step();
            for (int i = 0; i < w.length; i++) {
                double gi = A[i] * (w[i] - C[i]) + wd * w[i];
                if (mu != 0) {
                    b[i] = t == 1 ? gi : mu * b[i] + gi;
                    gi = nesterov ? gi + mu * b[i] : b[i];
                }
                w[i] = w[i] - lr * gi;
            }
            assertArrayEquals(w, p.value().data(), 1e-14, "after step " + t);
        }
        if (mu != 0) {
            assertArrayEquals(b, sgd.state().get("layers.0.weight").get("momentum"), 1e-14);
        }
    }

    @Test
    void leavesTheGradientAndFrozenParametersAlone() {
        Parameter frozen = new Parameter("frozen", ParameterRole.WEIGHT, Tensor.wrap(new double[] {1}, 1, 1),
                Tensor.wrap(new double[] {5}, 1, 1), false);
        Parameter live = Parameter.of("live", ParameterRole.BIAS, Tensor.wrap(new double[] {1}, 1, 1));
        live.gradient().data()[0] = 2;
        Sgd sgd = new Sgd(0.1, 0.0, false, 0.5);
        sgd.attach(List.of(frozen, live));
        sgd.step();
        assertEquals(1.0, frozen.value().data()[0]);
        assertEquals(1 - 0.1 * (2 + 0.5), live.value().data()[0], 1e-15);
        assertEquals(2.0, live.gradient().data()[0]);
    }

    @Test
    void rejectsValuesOutOfRange() {
        assertEquals("learningRate must be finite and > 0; got 0.0.",
                assertThrows(IllegalArgumentException.class, () -> new Sgd(0, 0, false, 0)).getMessage());
        assertEquals("momentum must be in [0, 1); got 1.0.",
                assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1, 1, false, 0)).getMessage());
        assertEquals("nesterov needs a momentum > 0; got momentum 0.",
                assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1, 0, true, 0)).getMessage());
    }
}
