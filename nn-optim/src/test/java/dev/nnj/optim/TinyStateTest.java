package dev.nnj.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.DType;
import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Tensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * State that decays with no gradient (a dead unit's momentum) is flushed to zero once it is
 * subnormal, at the latest 16 steps later, instead of staying subnormal for ever (where
 * {@code 0.9·v} rounds back to {@code v}), and normal values are left exactly as the update rule
 * computed them.
 */
class TinyStateTest {

    private static boolean subnormal(double v, DType type) {
        double smallestNormal = type == DType.F32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        return v != 0 && Math.abs(v) < smallestNormal;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F64", "F32"})
    void momentumWithNoGradientEndsAtZeroNotSubnormal(DType type) {
        Parameter p = Parameter.of("layers.0.weight", ParameterRole.WEIGHT, Tensor.zeros(1, 2, type));
        p.value().set(0, 0.5);
        p.value().set(1, 0.5);
        Optimizer sgd = new Sgd(0.05, 0.9, false, 0);
        sgd.attach(List.of(p));
        Tensor momentum = sgd.stateTensors().get("layers.0.weight").get("momentum");
        p.gradient().set(0, 1e-3); // value 1 gets no gradient at all: its momentum stays 0
        sgd.step();
        p.gradient().set(0, 0);
        double weight = p.value().get(0);
        int firstSubnormal = -1;
        int steps = type == DType.F32 ? 2_000 : 12_000; // 0.9^k·1e-3 is subnormal from k ≈ 770 (float32), 6,650 (float64)
        for (int t = 2; t <= steps; t++) {
            sgd.step();
            double v = momentum.get(0);
            if (subnormal(v, type) && firstSubnormal < 0) {
                firstSubnormal = t;
            }
            if (firstSubnormal > 0 && t > firstSubnormal + 16) {
                assertEquals(0.0, v, "momentum still " + v + " at step " + t + ", subnormal since " + firstSubnormal);
            }
            weight -= 0.05 * v; // as the update rule computes it, in double: the flush moves no weight
        }
        assertTrue(firstSubnormal > 0, "the momentum never became subnormal; the test tests nothing");
        assertEquals(0.0, momentum.get(0));
        assertEquals(0.0, momentum.get(1));
        assertEquals(0.5, p.value().get(1));
        assertEquals(weight, p.value().get(0), type == DType.F32 ? 1e-7 : 1e-15);
    }

    /**
     * Over 48 steps (three flushes) of values far from the subnormal range, momentum in float32 is
     * bit for bit the rule computed in float: the flush leaves normal values alone.
     */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F64", "F32"})
    void normalStateIsLeftExactlyAsTheRuleComputedIt(DType type) {
        Parameter p = Parameter.of("layers.0.weight", ParameterRole.WEIGHT, Tensor.zeros(1, 3, type));
        double[] w = {1.0, -2.0, 0.25};
        for (int i = 0; i < 3; i++) {
            p.value().set(i, w[i]);
        }
        Optimizer sgd = new Sgd(0.05, 0.9, false, 0);
        sgd.attach(List.of(p));
        float[] w32 = {1.0f, -2.0f, 0.25f};
        float[] v32 = new float[3];
        double[] v = new double[3];
        for (int t = 1; t <= 48; t++) {
            for (int i = 0; i < 3; i++) {
                double g = type == DType.F32 ? (float) (w32[i] * 1e-30f) : w[i] * 1e-30; // tiny but normal
                p.gradient().set(i, g);
                if (type == DType.F32) {
                    v32[i] = 0.9f * v32[i] + (float) g;
                    w32[i] -= 0.05f * v32[i];
                } else {
                    v[i] = 0.9 * v[i] + g;
                    w[i] -= 0.05 * v[i];
                }
            }
            sgd.step();
        }
        Tensor momentum = sgd.stateTensors().get("layers.0.weight").get("momentum");
        for (int i = 0; i < 3; i++) {
            assertEquals(type == DType.F32 ? v32[i] : v[i], momentum.get(i), 0.0, "momentum " + i);
            assertEquals(type == DType.F32 ? w32[i] : w[i], p.value().get(i), 0.0, "weight " + i);
        }
    }
}
