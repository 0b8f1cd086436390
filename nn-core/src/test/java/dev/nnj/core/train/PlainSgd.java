package dev.nnj.core.train;

import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import java.util.ArrayList;
import java.util.List;

/** w -= lr · g: a test fixture, since nn-core does not see nn-optim. */
final class PlainSgd implements Optimizer {
    private final List<Parameter> parameters = new ArrayList<>();
    private double learningRate;

    PlainSgd(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public void attach(List<Parameter> params) {
        parameters.addAll(params);
    }

    @Override
    public void step() {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            double[] w = p.value().data();
            double[] g = p.gradient().data();
            for (int j = 0; j < p.value().size(); j++) {
                w[j] -= learningRate * g[j];
            }
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
