package com.acme.nnj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.OptimizerContract;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nnj's optimizer contract, and Lion's update compared with the paper's rule written out here. */
class LionTest extends OptimizerContract {
    @Override
    protected Optimizer createOptimizer() {
        return new Lion(0.03, 0.9, 0.99, 0.0);
    }

    @Test
    void followsThePublishedUpdateRule() {
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.99;
        double wd = 0.1;
        Parameter p = Parameter.of("w", ParameterRole.WEIGHT, Tensor.wrap(new double[] {1.0, -2.0, 0.5}, 1, 3));
        Lion lion = new Lion(lr, b1, b2, wd);
        lion.attach(List.of(p));
        double[] w = {1.0, -2.0, 0.5};
        double[] m = new double[3];
        for (int t = 0; t < 5; t++) {
            for (int i = 0; i < 3; i++) {
                p.gradient().data()[i] = Math.sin(t + i) * (p.value().data()[i] - 0.3);
            }
            lion.step();
            for (int i = 0; i < 3; i++) {
                double g = Math.sin(t + i) * (w[i] - 0.3);
                double u = Math.signum(b1 * m[i] + (1 - b1) * g);
                w[i] = w[i] - lr * (u + wd * w[i]);
                m[i] = b2 * m[i] + (1 - b2) * g;
            }
            assertArrayEquals(w, p.value().data(), 1e-15, "step " + (t + 1));
        }
    }
}
