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
 * buffers per parameter (allocated once, in {@link #attach}), the step count (kept per parameter
 * as state {@code step}, as PyTorch does, so that it is checkpointed and restored with the rest),
 * and the learning rate.
 * Subclasses implement {@link #update} for one parameter.
 */
abstract class PerParameterOptimizer implements Optimizer {
    /**
     * Float32 parameters are updated in chunks widened to double, so that one update rule serves
     * both types and the state stays float64 (the {@link Optimizer#state()} of every optimizer is
     * {@code double[]}); per thread, because parts of a step run on the kernels' threads.
     */
    private static final int CHUNK = 512;
    private static final ThreadLocal<double[][]> CHUNKS = ThreadLocal.withInitial(() -> new double[2][CHUNK]);

    private final String[] stateNames;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<double[][]> states = new ArrayList<>();
    /** Index of each attached parameter by its value tensor, which every view of it shares. */
    private final Map<Tensor, Integer> indexByValue = new IdentityHashMap<>();
    private double learningRate;

    PerParameterOptimizer(double learningRate, String... stateNames) {
        setLearningRate(learningRate);
        this.stateNames = stateNames.clone();
    }

    @Override
    public final void attach(List<Parameter> params) {
        if (!parameters.isEmpty()) {
            throw new IllegalStateException("This optimizer is attached already; create one per model.");
        }
        for (Parameter p : params) {
            if (p.trainable()) {
                indexByValue.put(p.value(), parameters.size());
                parameters.add(p);
                double[][] buffers = new double[stateNames.length + 1][];
                for (int i = 0; i < stateNames.length; i++) {
                    buffers[i] = new double[p.value().size()];
                }
                buffers[stateNames.length] = new double[1];
                states.add(buffers);
            }
        }
    }

    @Override
    public final void step() {
        beginStep();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            update(i, 0, p.value().size());
        }
    }

    /** Element-wise: each value's update reads only its own gradient and state. */
    @Override
    public final boolean updatesInParts() {
        return true;
    }

    @Override
    public final void beginStep() {
        for (int i = 0; i < states.size(); i++) {
            ++states.get(i)[stateNames.length][0];
        }
    }

    @Override
    public final void update(Parameter parameter, int from, int to) {
        Integer index = indexByValue.get(parameter.value());
        if (index == null) {
            return;
        }
        int size = parameter.value().size();
        if (from < 0 || from > to || to > size) {
            throw new IllegalArgumentException("Part [" + from + ", " + to + ") is outside parameter '"
                    + parameters.get(index).path() + "' of " + size + " values.");
        }
        update(index, from, to);
    }

    private void update(int index, int from, int to) {
        Parameter p = parameters.get(index);
        double[][] state = states.get(index);
        long t = (long) state[stateNames.length][0];
        if (t == 0) {
            throw new IllegalStateException("update(...) before the first beginStep(); call beginStep() once per step.");
        }
        if (p.value().dtype() == DType.F64) {
            update(p.value().data(), p.gradient().data(), 0, from, to, state, t);
            return;
        }
        float[] w = p.value().floatData();
        float[] g = p.gradient().floatData();
        double[][] chunk = CHUNKS.get();
        double[] wide = chunk[0];
        double[] grad = chunk[1];
        for (int start = from; start < to; start += CHUNK) {
            int n = Math.min(CHUNK, to - start);
            for (int j = 0; j < n; j++) {
                wide[j] = w[start + j];
                grad[j] = g[start + j];
            }
            update(wide, grad, start, start, start + n, state, t);
            for (int j = 0; j < n; j++) {
                w[start + j] = (float) wide[j];
            }
        }
    }

    /**
     * Updates values {@code [from, to)}; called for disjoint parts from several threads at once.
     * Value {@code j} is {@code w[j - offset]} and its gradient {@code g[j - offset]}; the state is
     * indexed by {@code j} itself.
     *
     * @param w the values; updated
     * @param g the gradient; not modified
     * @param offset the index of {@code w[0]} and {@code g[0]} in the parameter: 0 for a float64
     *     parameter, the chunk's start for a float32 one widened chunk by chunk
     * @param from the first value to update
     * @param to one past the last
     * @param state this parameter's buffers, in the order of the state names
     * @param t the step number, from 1
     */
    abstract void update(double[] w, double[] g, int offset, int from, int to, double[][] state, long t);

    /** Both element types: float32 values are updated in double and rounded; the state is double. */
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

    @Override
    public final Map<String, Map<String, double[]>> state() {
        Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            Map<String, double[]> buffers = new LinkedHashMap<>();
            for (int s = 0; s < stateNames.length; s++) {
                buffers.put(stateNames[s], states.get(i)[s]);
            }
            buffers.put("step", states.get(i)[stateNames.length]);
            out.put(parameters.get(i).path(), buffers);
        }
        return out;
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
