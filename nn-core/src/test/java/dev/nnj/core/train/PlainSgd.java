package dev.nnj.core.train;

import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * w -= lr · g, whole in {@link #step()} or, made with {@link #inParts}, also part by part during
 * backward: a test fixture, since nn-core does not see nn-optim.
 */
final class PlainSgd implements Optimizer {
    private final List<Parameter> parameters = new ArrayList<>();
    private final boolean inParts;
    private double learningRate;

    PlainSgd(double learningRate) {
        this(learningRate, false);
    }

    private PlainSgd(double learningRate, boolean inParts) {
        this.learningRate = learningRate;
        this.inParts = inParts;
    }

    /** @return an SGD that says it updates in parts, so that the trainer updates during backward */
    static PlainSgd inParts(double learningRate) {
        return new PlainSgd(learningRate, true);
    }

    @Override
    public void attach(List<Parameter> params) {
        parameters.addAll(params);
    }

    @Override
    public void step() {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            update(p, 0, p.value().size());
        }
    }

    @Override
    public boolean updatesInParts() {
        return inParts;
    }

    @Override
    public void beginStep() {
    }

    @Override
    public void update(Parameter p, int from, int to) {
        double[] w = p.value().data();
        double[] g = p.gradient().data();
        for (int j = from; j < to; j++) {
            w[j] -= learningRate * g[j];
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }
}
