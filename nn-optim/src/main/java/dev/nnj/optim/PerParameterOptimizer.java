package dev.nnj.optim;

import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import java.util.ArrayList;
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
    private final String[] stateNames;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<double[][]> states = new ArrayList<>();
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
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            double[][] state = states.get(i);
            long t = (long) ++state[stateNames.length][0];
            update(p.value().data(), p.gradient().data(), p.value().size(), state, t);
        }
    }

    /**
     * @param w the values; updated
     * @param g the gradient; not modified
     * @param n how many values
     * @param state this parameter's buffers, in the order of the state names
     * @param t the step number, from 1
     */
    abstract void update(double[] w, double[] g, int n, double[][] state, long t);

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
