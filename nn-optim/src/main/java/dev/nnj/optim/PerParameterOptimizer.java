package dev.nnj.optim;

import dev.nnj.api.DType;
import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import dev.nnj.api.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping every element-wise optimizer shares: the trainable parameters, named state
 * buffers per parameter (allocated once, in {@link #attach}, in the parameter's own element type,
 * as PyTorch keeps them), the step count (kept per parameter as float64 state {@code step}, as
 * PyTorch does, so that it is checkpointed and restored with the rest), and the learning rate.
 * Subclasses implement the update of one part of one parameter, once per element type.
 */
abstract class PerParameterOptimizer implements Optimizer {
    /**
     * Every how many steps tiny state values are flushed ({@link #flushTiny(float[], int, int)}):
     * often enough that a value decaying into the subnormal range is slow for at most 15 steps,
     * rarely enough that the flush costs next to nothing (done every step, it cost 6-9% of the
     * float32 MLP's training speed at batch 32).
     */
    private static final int FLUSH_EVERY = 16;
    /**
     * Values updated at a time before their state is flushed, so that the flush reads what the
     * update has just written from the first-level cache.
     */
    private static final int BLOCK = 2048;

    private final String[] stateNames;
    private final List<Slot> slots = new ArrayList<>();
    /** Each attached parameter's slot by its value tensor, which every view of it shares. */
    private final Map<Tensor, Slot> slotByValue = new IdentityHashMap<>();
    private double learningRate;

    /**
     * One trainable parameter and its state: {@code wide} for a float64 parameter, {@code narrow}
     * for a float32 one (the other is null), one buffer per state name; {@code step} its count.
     */
    private record Slot(Parameter parameter, double[][] wide, float[][] narrow, double[] step) {
    }

    PerParameterOptimizer(double learningRate, String... stateNames) {
        setLearningRate(learningRate);
        this.stateNames = stateNames.clone();
    }

    @Override
    public final void attach(List<Parameter> params) {
        if (!slots.isEmpty()) {
            throw new IllegalStateException("This optimizer is attached already; create one per model.");
        }
        for (Parameter p : params) {
            if (p.trainable()) {
                int size = p.value().size();
                boolean narrow = p.value().dtype() == DType.F32;
                Slot slot = new Slot(p, narrow ? null : new double[stateNames.length][size],
                        narrow ? new float[stateNames.length][size] : null, new double[1]);
                slotByValue.put(p.value(), slot);
                slots.add(slot);
            }
        }
    }

    @Override
    public final void step() {
        beginStep();
        for (int i = 0; i < slots.size(); i++) { // indexed: an iterator would be allocated every step
            Slot slot = slots.get(i);
            update(slot, 0, slot.parameter().value().size());
        }
    }

    /** Element-wise: each value's update reads only its own gradient and state. */
    @Override
    public final boolean updatesInParts() {
        return true;
    }

    @Override
    public final void beginStep() {
        for (int i = 0; i < slots.size(); i++) {
            ++slots.get(i).step()[0];
        }
    }

    @Override
    public final void update(Parameter parameter, int from, int to) {
        Slot slot = slotByValue.get(parameter.value());
        if (slot == null) {
            return;
        }
        int size = parameter.value().size();
        if (from < 0 || from > to || to > size) {
            throw new IllegalArgumentException("Part [" + from + ", " + to + ") is outside parameter '"
                    + slot.parameter().path() + "' of " + size + " values.");
        }
        update(slot, from, to);
    }

    private void update(Slot slot, int from, int to) {
        Parameter p = slot.parameter();
        long t = (long) slot.step()[0];
        if (t == 0) {
            throw new IllegalStateException("update(...) before the first beginStep(); call beginStep() once per step.");
        }
        boolean flush = t % FLUSH_EVERY == 0;
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            if (slot.wide() != null) {
                update(p.value().data(), p.gradient().data(), start, end, slot.wide(), t);
                for (int s = 0; flush && s < stateNames.length; s++) {
                    flushTiny(slot.wide()[s], start, end);
                }
            } else {
                update(p.value().floatData(), p.gradient().floatData(), start, end, slot.narrow(), t);
                for (int s = 0; flush && s < stateNames.length; s++) {
                    flushTiny(slot.narrow()[s], start, end);
                }
            }
        }
    }

    /**
     * Updates values {@code [from, to)} of a float64 parameter; called for disjoint parts from
     * several threads at once.
     *
     * @param w the values; updated
     * @param g the gradient; not modified
     * @param from the first value to update
     * @param to one past the last
     * @param state this parameter's buffers, in the order of the state names
     * @param t the step number, from 1
     */
    abstract void update(double[] w, double[] g, int from, int to, double[][] state, long t);

    /**
     * Updates values {@code [from, to)} of a float32 parameter, in float arithmetic as PyTorch's
     * float32 optimizers (the per-step constants computed in double and rounded once), with
     * every array indexed alike, so that the JIT compiles the loop to vector instructions.
     *
     * @param w the values; updated
     * @param g the gradient; not modified
     * @param from the first value to update
     * @param to one past the last
     * @param state this parameter's float32 buffers, in the order of the state names
     * @param t the step number, from 1
     */
    abstract void update(float[] w, float[] g, int from, int to, float[][] state, long t);

    /** Both element types, each with state of its own type. */
    @Override
    public final boolean supports(DType type) {
        return type == DType.F64 || type == DType.F32;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("learningRate must be finite and > 0; got " + value + ".");
        }
        this.learningRate = value;
    }

    /**
     * The state of float64 parameters as {@code double[]}.
     *
     * @throws IllegalStateException if a parameter is float32, whose state is float32: read
     *     {@link #stateTensors()}
     */
    @Override
    public final Map<String, Map<String, double[]>> state() {
        Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
        for (Slot slot : slots) {
            if (slot.wide() == null) {
                throw new IllegalStateException("The state of float32 parameter '" + slot.parameter().path()
                        + "' is float32, not double[]; read it with stateTensors().");
            }
            Map<String, double[]> buffers = new LinkedHashMap<>();
            for (int s = 0; s < stateNames.length; s++) {
                buffers.put(stateNames[s], slot.wide()[s]);
            }
            buffers.put("step", slot.step());
            out.put(slot.parameter().path(), buffers);
        }
        return out;
    }

    /** Every buffer in its parameter's type, {@code step} in float64; views of the live buffers. */
    @Override
    public final Map<String, Map<String, Tensor>> stateTensors() {
        Map<String, Map<String, Tensor>> out = new LinkedHashMap<>();
        for (Slot slot : slots) {
            Map<String, Tensor> buffers = new LinkedHashMap<>();
            int size = slot.parameter().value().size();
            for (int s = 0; s < stateNames.length; s++) {
                buffers.put(stateNames[s], slot.wide() != null ? Tensor.wrap(slot.wide()[s], 1, size)
                        : Tensor.wrap(slot.narrow()[s], 1, size));
            }
            buffers.put("step", Tensor.wrap(slot.step(), 1, 1));
            out.put(slot.parameter().path(), buffers);
        }
        return out;
    }

    /** 1 / {@link Float#MIN_NORMAL}: 2^126. */
    private static final float FLOAT_SUBNORMAL_SCALE = 0x1p126f;
    /** 1 / {@link Double#MIN_NORMAL}: 2^1022. */
    private static final double DOUBLE_SUBNORMAL_SCALE = 0x1p1022;

    /**
     * Flushes tiny state values toward zero, in {@code [from, to)}, at every {@value #FLUSH_EVERY}th
     * step: a value is unchanged (to the bit) from twice the smallest normal number of its type up
     * ({@code 2^-125}, 2.4e-38, in float32; {@code 2^-1021}, 4.5e-308, in float64), 0 at and below
     * the smallest normal (so every subnormal value), scaled down between. Momentum with no gradient
     * (a dead unit, a pixel that is always 0) decays into the subnormal range and, since
     * {@code 0.9·v} rounds back to {@code v} there, would stay subnormal for ever, every operation on
     * it costing a microcode assist of about a hundred cycles on x86 CPUs (the JVM sets no
     * flush-to-zero mode; PyTorch leaves it off too: {@code torch.set_flush_denormal}). Measured
     * (Fashion-MNIST MLP, float32, momentum, batch 32, Intel Xeon): unflushed, after three epochs
     * 16% of the momentum was subnormal and the third epoch ran at 30,200 samples/s; flushed, 0.06%
     * and 55,900/s. Such a value moves no weight. A loop of its own, branch-free (abs, multiply,
     * max, min), so that the JIT vectorises it, and the update loops stay small enough to be
     * vectorised too.
     */
    private static void flushTiny(float[] x, int from, int to) {
        for (int j = from; j < to; j++) {
            x[j] *= Math.min(Math.max(Math.abs(x[j]) * FLOAT_SUBNORMAL_SCALE - 1f, 0f), 1f);
        }
    }

    /** {@link #flushTiny(float[], int, int)} in float64. */
    private static void flushTiny(double[] x, int from, int to) {
        for (int j = from; j < to; j++) {
            x[j] *= Math.min(Math.max(Math.abs(x[j]) * DOUBLE_SUBNORMAL_SCALE - 1, 0), 1);
        }
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
