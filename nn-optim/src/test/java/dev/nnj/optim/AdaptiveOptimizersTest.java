package dev.nnj.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Tensor;
import dev.nnj.api.spi.MapConfig;
import dev.nnj.api.testkit.OptimizerContract;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Adam, AdamW, RMSprop and Adagrad against their published update rules (torch.optim's
 * documentation), written out here independently, on the quadratic ½·Σ a_i (w_i - c_i)² over 10
 * steps; every value within 1e-13 (the same operations in another order).
 */
class AdaptiveOptimizersTest {
    private static final double[] A = {1.0, 3.0, 0.5, 2.0};
    private static final double[] C = {0.5, -1.0, 2.0, 0.0};
    private static final double[] W0 = {1.0, 2.0, -1.0, 0.3};
    private static final int STEPS = 10;
    private static final double TOLERANCE = 1e-13;

    /** One step of the reference: w and the state arrays are updated in place. */
    interface Reference {
        void step(double[] w, double[] g, int t);
    }

    private static void compare(Optimizer optimizer, Reference reference) {
        Parameter p = Parameter.of("layers.0.weight", ParameterRole.WEIGHT, Tensor.wrap(W0.clone(), 2, 2));
        optimizer.attach(List.of(p));
        double[] w = W0.clone();
        for (int t = 1; t <= STEPS; t++) {
            double[] g = new double[4];
            for (int i = 0; i < 4; i++) {
                g[i] = A[i] * (w[i] - C[i]);
                p.gradient().data()[i] = A[i] * (p.value().data()[i] - C[i]);
            }
            optimizer.step();
            reference.step(w, g, t);
            assertArrayEquals(w, p.value().data(), TOLERANCE, "after step " + t);
        }
    }

    @Test
    void adamFollowsItsRule() {
        double lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.01;
        double[] m = new double[4], v = new double[4];
        compare(new Adam(lr, b1, b2, eps, wd, false), (w, g, t) -> {
            for (int i = 0; i < 4; i++) {
                double gi = g[i] + wd * w[i];
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        });
    }

    @Test
    void adamWDecaysWeightsApartFromTheGradient() {
        double lr = 0.05, b1 = 0.8, b2 = 0.99, eps = 1e-8, wd = 0.1;
        double[] m = new double[4], v = new double[4];
        compare(new Adam(lr, b1, b2, eps, wd, true), (w, g, t) -> {
            for (int i = 0; i < 4; i++) {
                w[i] = w[i] * (1 - lr * wd);
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                w[i] -= lr / (1 - Math.pow(b1, t)) * m[i] / (Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps);
            }
        });
    }

    @Test
    void rmsPropFollowsItsRuleCenteredWithMomentum() {
        double lr = 0.01, alpha = 0.9, eps = 1e-8, wd = 0.01, mu = 0.5;
        double[] v = new double[4], a = new double[4], b = new double[4];
        compare(new RmsProp(lr, alpha, eps, wd, mu, true), (w, g, t) -> {
            for (int i = 0; i < 4; i++) {
                double gi = g[i] + wd * w[i];
                v[i] = alpha * v[i] + (1 - alpha) * gi * gi;
                a[i] = alpha * a[i] + (1 - alpha) * gi;
                double d = Math.sqrt(v[i] - a[i] * a[i]) + eps;
                b[i] = mu * b[i] + gi / d;
                w[i] -= lr * b[i];
            }
        });
    }

    @Test
    void rmsPropFollowsItsPlainRule() {
        double lr = 0.01, alpha = 0.99, eps = 1e-8;
        double[] v = new double[4];
        compare(new RmsProp(lr, alpha, eps, 0, 0, false), (w, g, t) -> {
            for (int i = 0; i < 4; i++) {
                v[i] = alpha * v[i] + (1 - alpha) * g[i] * g[i];
                w[i] -= lr * g[i] / (Math.sqrt(v[i]) + eps);
            }
        });
    }

    @Test
    void adagradFollowsItsRule() {
        double lr = 0.1, decay = 0.01, wd = 0.001, init = 0.1, eps = 1e-10;
        double[] s = {init, init, init, init};
        compare(new Adagrad(lr, decay, wd, init, eps), (w, g, t) -> {
            double clr = lr / (1 + (t - 1) * decay);
            for (int i = 0; i < 4; i++) {
                double gi = g[i] + wd * w[i];
                s[i] += gi * gi;
                w[i] -= clr * gi / (Math.sqrt(s[i]) + eps);
            }
        });
    }

    @Test
    void providersUsePyTorchsDefaults() {
        List<String> ids = new OptimExtension().optimizers().stream().map(p -> p.type()).toList();
        assertEquals(List.of("sgd", "momentum", "adam", "adamw", "rmsprop", "adagrad"), ids);
        Optimizer adamw = new OptimExtension().optimizers().get(3).create(MapConfig.of("optimizer", "adamw"), null);
        assertEquals("AdamW[learningRate=0.001, beta1=0.9, beta2=0.999, epsilon=1.0E-8, weightDecay=0.01]", adamw.toString());
        Optimizer adagrad = new OptimExtension().optimizers().get(5).create(MapConfig.of("optimizer", "adagrad"), null);
        assertEquals("Adagrad[learningRate=0.01, lrDecay=0.0, weightDecay=0.0, initialAccumulatorValue=0.0, "
                + "epsilon=1.0E-10]", adagrad.toString());
    }

    @Nested
    class AdamContract extends OptimizerContract {
        @Override
        protected boolean mustSupportFloat32() {
            return true;
        }

        @Override
        protected Optimizer createOptimizer() {
            return new Adam(0.1, 0.9, 0.999, 1e-8, 0, false);
        }
    }

    @Nested
    class AdamWContract extends OptimizerContract {
        @Override
        protected boolean mustSupportFloat32() {
            return true;
        }

        @Override
        protected Optimizer createOptimizer() {
            return new Adam(0.1, 0.9, 0.999, 1e-8, 0.01, true);
        }
    }

    @Nested
    class RmsPropContract extends OptimizerContract {
        @Override
        protected boolean mustSupportFloat32() {
            return true;
        }

        @Override
        protected Optimizer createOptimizer() {
            return new RmsProp(0.01, 0.99, 1e-8, 0, 0.5, true);
        }
    }

    @Nested
    class AdagradContract extends OptimizerContract {
        @Override
        protected boolean mustSupportFloat32() {
            return true;
        }

        @Override
        protected Optimizer createOptimizer() {
            return new Adagrad(0.5, 0, 0, 0, 1e-10);
        }
    }
}
