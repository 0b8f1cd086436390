package dev.nnj.api.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.DType;
import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Optimizer} must do: make progress on a convex quadratic, leave frozen
 * parameters and the gradient buffers alone, key its state by parameter path, be restored by
 * writing into {@link Optimizer#stateTensors()} (as a checkpoint is resumed), and allocate nothing
 * in {@code step} after warm-up; if it updates in parts, give {@code step()}'s result to the bit
 * that way; if it {@linkplain Optimizer#supports supports} float32 parameters, all of that in
 * float32 too, following its float64 self. The exact update rule is the optimizer's own test's
 * business: compare it there with the published formula.
 */
public abstract class OptimizerContract {

    /** @return an optimizer with settings under which 200 steps on ½·Σ a_i (w_i - c_i)² make progress */
    protected abstract Optimizer createOptimizer();

    /**
     * Whether the optimizer under test must update float32 parameters: if so, one that does not
     * support them fails instead of skipping the float32 checks.
     *
     * @return {@code false} by default, for optimizers written before float32
     */
    protected boolean mustSupportFloat32() {
        return false;
    }

    private static final double[] A = {1.0, 3.0, 0.5, 2.0};
    private static final double[] C = {0.5, -1.0, 2.0, 0.0};

    private static double loss(double[] w) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += 0.5 * A[i] * (w[i] - C[i]) * (w[i] - C[i]);
        }
        return s;
    }

    /** The quadratic's gradient at the parameter's values, in the parameter's element type. */
    private static void gradient(Parameter p) {
        for (int i = 0; i < A.length; i++) {
            p.gradient().set(i, A[i] * (p.value().get(i) - C[i]));
        }
    }

    private static Parameter quadratic(String path) {
        return quadratic(path, DType.F64);
    }

    private static Parameter quadratic(String path, DType type) {
        Tensor start = Tensor.wrap(new double[] {1.0, 2.0, -1.0, 0.3}, 2, 2);
        Tensor value = Tensor.zeros(2, 2, type);
        value.copyFrom(start);
        return Parameter.of(path, ParameterRole.WEIGHT, value);
    }

    private static double[] values(Parameter p) {
        return values(p.value());
    }

    private static double[] values(Tensor t) {
        double[] out = new double[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.get(i);
        }
        return out;
    }

    /** @return whether to run the float32 checks: the optimizer supports float32, or fails if it must */
    private boolean float32(Optimizer optimizer) {
        if (optimizer.supports(DType.F32)) {
            return true;
        }
        assertFalse(mustSupportFloat32(), optimizer + " does not support float32 parameters");
        return false;
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
     * On float32 parameters the optimizer makes the same progress as on float64 ones: after 200
     * steps every value within 1e-4 of the float64 run's (float32 rounds each value to about 6e-8,
     * relative; nnj's SGD and Adam end 2.4e-7 apart at most; the bound leaves room for optimizers
     * that amplify rounding more), the gradient's buffer left alone, its state keyed by the
     * parameter's path.
     */
    @Test
    void updatesFloat32ParametersAsFloat64Ones() {
        Optimizer wide = createOptimizer();
        Optimizer narrow = createOptimizer();
        if (!float32(narrow)) {
            return;
        }
        Parameter p64 = quadratic("layers.0.weight");
        Parameter p32 = quadratic("layers.0.weight", DType.F32);
        wide.attach(List.of(p64));
        narrow.attach(List.of(p32));
        for (int i = 0; i < 200; i++) {
            gradient(p64);
            gradient(p32);
            float[] gradient = p32.gradient().floatData().clone();
            wide.step();
            narrow.step();
            assertArrayEquals(gradient, p32.gradient().floatData(), 0f, "step must not change the gradient");
        }
        assertEquals(DType.F32, p32.value().dtype());
        assertArrayEquals(values(p64), values(p32), 1e-4, "float32 values after 200 steps against float64");
        assertTrue(loss(values(p32)) < 0.1 * loss(new double[] {1.0, 2.0, -1.0, 0.3}), "no progress in float32");
        for (String path : narrow.stateTensors().keySet()) {
            assertEquals("layers.0.weight", path, "state key '" + path + "' is not a parameter path");
        }
    }

    /**
     * Writing saved state into {@link Optimizer#stateTensors()} restores it, as resuming a
     * checkpoint does: a second optimizer given the first's values and state takes the same next
     * step, to the bit, in each element type the optimizer supports.
     */
    @Test
    void writingIntoItsStateTensorsRestoresIt() {
        for (DType type : types()) {
            Parameter a = quadratic("layers.0.weight", type);
            Optimizer first = createOptimizer();
            first.attach(List.of(a));
            for (int i = 0; i < 3; i++) {
                gradient(a);
                first.step();
            }
            Parameter b = quadratic("layers.0.weight", type);
            b.value().copyFrom(a.value());
            Optimizer second = createOptimizer();
            second.attach(List.of(b));
            Map<String, Map<String, Tensor>> saved = first.stateTensors();
            Map<String, Map<String, Tensor>> live = second.stateTensors();
            assertEquals(saved.keySet(), live.keySet(), type + ": state keys");
            saved.forEach((path, buffers) -> {
                assertEquals(buffers.keySet(), live.get(path).keySet(), type + ": state names of " + path);
                buffers.forEach((name, buffer) -> live.get(path).get(name).copyFrom(buffer));
            });
            gradient(a);
            gradient(b);
            first.step();
            second.step();
            assertArrayEquals(values(a), values(b), 0.0, type + ": the step after restoring the state");
        }
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
     * the parameters; leaves alone a parameter it does not hold; and allocates nothing; in each
     * element type it supports.
     */
    @Test
    void updatingInPartsEqualsAWholeStep() {
        Optimizer probe = createOptimizer();
        if (!probe.updatesInParts()) {
            assertThrows(UnsupportedOperationException.class, probe::beginStep);
            return;
        }
        for (DType type : types()) {
            Optimizer whole = createOptimizer();
            Optimizer parts = createOptimizer();
            Parameter a = quadratic("layers.0.weight", type);
            Parameter b = quadratic("layers.0.weight", type);
            whole.attach(List.of(a));
            parts.attach(List.of(b.withPrefix("view")));
            Parameter stranger = quadratic("stranger", type);
            double[] strangerBefore = values(stranger);
            for (int step = 0; step < 5; step++) {
                gradient(a);
                gradient(b);
                whole.step();
                parts.beginStep();
                parts.update(b, 3, 4);
                parts.update(b, 0, 1);
                parts.update(stranger, 0, 4);
                parts.update(b, 1, 3);
                assertArrayEquals(values(a), values(b), 0.0, type + ": values after step " + (step + 1));
            }
            assertArrayEquals(strangerBefore, values(stranger), 0.0, type + ": a parameter it does not hold changed");
            Map<String, Tensor> wholeState = whole.stateTensors().get("layers.0.weight");
            Map<String, Tensor> partsState = parts.stateTensors().get("view.layers.0.weight");
            assertEquals(wholeState.keySet(), partsState.keySet(), type + ": state names");
            wholeState.forEach((name, buffer) -> assertArrayEquals(values(buffer), values(partsState.get(name)), 0.0,
                    type + ": state " + name));
            Allocations.assertAllocatesAtMost(16, 2_000, () -> {
                parts.beginStep();
                parts.update(b, 0, 2);
                parts.update(b, 2, 4);
            });
        }
    }

    @Test
    void stepAllocatesNothingAfterWarmUp() {
        for (DType type : types()) {
            Parameter p = quadratic("w", type);
            Optimizer optimizer = createOptimizer();
            optimizer.attach(List.of(p));
            Allocations.assertAllocatesAtMost(16, 2_000, optimizer::step);
        }
    }

    /** @return float64, and float32 if the optimizer supports it (failing if it must and does not) */
    private List<DType> types() {
        return float32(createOptimizer()) ? List.of(DType.F64, DType.F32) : List.of(DType.F64);
    }
}
