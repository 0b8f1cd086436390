package dev.nnj.api.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Optimizer} must do: make progress on a convex quadratic, leave frozen
 * parameters and the gradient buffers alone, key its state by parameter path, and allocate nothing
 * in {@code step} after warm-up; if it updates in parts, give {@code step()}'s result to the bit
 * that way. The exact update rule is the optimizer's own test's business:
 * compare it there with the published formula.
 */
public abstract class OptimizerContract {

    /** @return an optimizer with settings under which 200 steps on ½·Σ a_i (w_i - c_i)² make progress */
    protected abstract Optimizer createOptimizer();

    private static final double[] A = {1.0, 3.0, 0.5, 2.0};
    private static final double[] C = {0.5, -1.0, 2.0, 0.0};

    private static double loss(double[] w) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += 0.5 * A[i] * (w[i] - C[i]) * (w[i] - C[i]);
        }
        return s;
    }

    private static void gradient(Parameter p) {
        for (int i = 0; i < A.length; i++) {
            p.gradient().data()[i] = A[i] * (p.value().data()[i] - C[i]);
        }
    }

    private static Parameter quadratic(String path) {
        return Parameter.of(path, ParameterRole.WEIGHT, Tensor.wrap(new double[] {1.0, 2.0, -1.0, 0.3}, 2, 2));
    }

    @Test
    void reducesAConvexQuadratic() {
        Parameter p = quadratic("layers.0.weight");
        Optimizer optimizer = createOptimizer();
        optimizer.attach(List.of(p));
        double start = loss(p.value().data());
        for (int i = 0; i < 200; i++) {
            gradient(p);
            optimizer.step();
        }
        double end = loss(p.value().data());
        assertTrue(end < 0.1 * start, "loss went from " + start + " to " + end + " in 200 steps");
    }

    /**
     * A parameter that is not trainable, made so or a {@linkplain Parameter#frozen() frozen view}
     * (a frozen layer's), keeps its value, even with a gradient. (Whether it gets state is left to
     * the optimizer: nnj's training step attaches trainable parameters only, and the kit asks no
     * more of optimizers written against 0.1.)
     */
    @Test
    void leavesFrozenParametersAndGradientsAlone() {
        Parameter frozen = new Parameter("frozen", ParameterRole.WEIGHT, Tensor.wrap(new double[] {1, 2}, 1, 2),
                Tensor.wrap(new double[] {5, 5}, 1, 2), false);
        Parameter view = quadratic("layers.0.weight").frozen();
        gradient(view);
        double[] viewBefore = view.value().data().clone();
        Parameter live = quadratic("live");
        Optimizer optimizer = createOptimizer();
        optimizer.attach(List.of(frozen, view, live));
        gradient(live);
        double[] gradient = live.gradient().data().clone();
        optimizer.step();
        assertArrayEquals(new double[] {1, 2}, frozen.value().data(), 0.0);
        assertArrayEquals(viewBefore, view.value().data(), 0.0, "a frozen view changed");
        assertArrayEquals(gradient, live.gradient().data(), 0.0, "step must not change the gradient");
    }

    @Test
    void keysItsStateByParameterPath() {
        Parameter p = quadratic("layers.3.bias");
        Optimizer optimizer = createOptimizer();
        optimizer.attach(List.of(p));
        gradient(p);
        optimizer.step();
        for (String path : optimizer.state().keySet()) {
            assertTrue(path.equals("layers.3.bias"), "state key '" + path + "' is not a parameter path");
        }
    }

    /**
     * An optimizer that does not update in parts refuses to begin such a step. One that does gives
     * {@code step()}'s values and state to the bit when the parts come in any order, through views of
     * the parameters; leaves alone a parameter it does not hold; and allocates nothing.
     */
    @Test
    void updatingInPartsEqualsAWholeStep() {
        Optimizer whole = createOptimizer();
        Optimizer parts = createOptimizer();
        if (!parts.updatesInParts()) {
            assertThrows(UnsupportedOperationException.class, parts::beginStep);
            return;
        }
        Parameter a = quadratic("layers.0.weight");
        Parameter b = quadratic("layers.0.weight");
        whole.attach(List.of(a));
        parts.attach(List.of(b.withPrefix("view")));
        Parameter stranger = quadratic("stranger");
        double[] strangerBefore = stranger.value().data().clone();
        for (int step = 0; step < 5; step++) {
            gradient(a);
            gradient(b);
            whole.step();
            parts.beginStep();
            parts.update(b, 3, 4);
            parts.update(b, 0, 1);
            parts.update(stranger, 0, 4);
            parts.update(b, 1, 3);
            assertArrayEquals(a.value().data(), b.value().data(), 0.0, "values after step " + (step + 1));
        }
        assertArrayEquals(strangerBefore, stranger.value().data(), 0.0, "a parameter it does not hold changed");
        Map<String, double[]> wholeState = whole.state().get("layers.0.weight");
        Map<String, double[]> partsState = parts.state().get("view.layers.0.weight");
        assertEquals(wholeState.keySet(), partsState.keySet());
        wholeState.forEach((name, buffer) -> assertArrayEquals(buffer, partsState.get(name), 0.0, "state " + name));
        Allocations.assertAllocatesAtMost(16, 2_000, () -> {
            parts.beginStep();
            parts.update(b, 0, 2);
            parts.update(b, 2, 4);
        });
    }

    @Test
    void stepAllocatesNothingAfterWarmUp() {
        Parameter p = quadratic("w");
        Optimizer optimizer = createOptimizer();
        optimizer.attach(List.of(p));
        Allocations.assertAllocatesAtMost(16, 2_000, optimizer::step);
    }
}
