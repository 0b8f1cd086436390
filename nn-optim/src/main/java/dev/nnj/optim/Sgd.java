package dev.nnj.optim;

import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, by
 * PyTorch's {@code torch.optim.SGD} (dampening 0), per parameter w with gradient g:
 *
 * <pre>
 *   g' = g + weightDecay · w
 *   v  = momentum · v + g'                (v starts at 0, so the first v is g')
 *   d  = nesterov ? g' + momentum · v : v (d = g' without momentum)
 *   w  = w - learningRate · d
 * </pre>
 *
 * The momentum buffer of each parameter is its state, keyed by the parameter's path.
 */
public final class Sgd implements Optimizer {
    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private double learningRate;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<double[]> velocities = new ArrayList<>();

    /**
     * @param learningRate > 0
     * @param momentum in [0, 1)
     * @param nesterov requires momentum > 0
     * @param weightDecay >= 0
     * @throws IllegalArgumentException naming the value and the allowed range
     */
    public Sgd(double learningRate, double momentum, boolean nesterov, double weightDecay) {
        setLearningRate(learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1); got " + momentum + ".");
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("nesterov needs a momentum > 0; got momentum 0.");
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be finite and >= 0; got " + weightDecay + ".");
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    @Override
    public void attach(List<Parameter> params) {
        if (!parameters.isEmpty()) {
            throw new IllegalStateException("This optimizer is attached already; create one per model.");
        }
        for (Parameter p : params) {
            if (p.trainable()) {
                parameters.add(p);
                velocities.add(momentum == 0 ? null : new double[p.value().size()]);
            }
        }
    }

    @Override
    public void step() {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            double[] w = p.value().data();
            double[] g = p.gradient().data();
            double[] v = velocities.get(i);
            int n = p.value().size();
            for (int j = 0; j < n; j++) {
                double d = g[j] + weightDecay * w[j];
                if (v != null) {
                    v[j] = momentum * v[j] + d;
                    d = nesterov ? d + momentum * v[j] : v[j];
                }
                w[j] -= learningRate * d;
            }
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be finite and > 0; got " + learningRate + ".");
        }
        this.learningRate = learningRate;
    }

    public double momentum() {
        return momentum;
    }

    public boolean nesterov() {
        return nesterov;
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public Map<String, Map<String, double[]>> state() {
        Map<String, Map<String, double[]>> state = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            if (velocities.get(i) != null) {
                state.put(parameters.get(i).path(), Map.of("momentum", velocities.get(i)));
            }
        }
        return state;
    }

    @Override
    public String toString() {
        return "Sgd[learningRate=" + learningRate + ", momentum=" + momentum + ", nesterov=" + nesterov
                + ", weightDecay=" + weightDecay + "]";
    }
}
