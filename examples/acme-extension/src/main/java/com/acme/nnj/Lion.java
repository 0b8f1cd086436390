package com.acme.nnj;

import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code acme.lion}: the Lion optimizer (Chen et al., "Symbolic Discovery of Optimization
 * Algorithms", 2023), per parameter w with gradient g and momentum m (starting at 0):
 *
 * <pre>
 *   u = sign(β1·m + (1 - β1)·g)
 *   w = w - lr·(u + λ·w)
 *   m = β2·m + (1 - β2)·g
 * </pre>
 *
 * Keys: {@code learningRate} (default 1e-4), {@code beta1} (0.9), {@code beta2} (0.99),
 * {@code weightDecay} λ (0). The paper advises a learning rate 3-10x smaller than AdamW's.
 */
public final class Lion implements Optimizer {
    private double learningRate;
    private final double beta1;
    private final double beta2;
    private final double weightDecay;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<double[]> momenta = new ArrayList<>();

    public Lion(double learningRate, double beta1, double beta2, double weightDecay) {
        setLearningRate(learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1); got " + beta1 + " and " + beta2 + ".");
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay must be >= 0; got " + weightDecay + ".");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.weightDecay = weightDecay;
    }

    @Override
    public void attach(List<Parameter> params) {
        for (Parameter p : params) {
            if (p.trainable()) {
                parameters.add(p);
                momenta.add(new double[p.value().size()]);
            }
        }
    }

    @Override
    public void step() {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            double[] w = p.value().data();
            double[] g = p.gradient().data();
            double[] m = momenta.get(i);
            for (int j = 0, n = p.value().size(); j < n; j++) {
                double u = Math.signum(beta1 * m[j] + (1 - beta1) * g[j]);
                w[j] -= learningRate * (u + weightDecay * w[j]);
                m[j] = beta2 * m[j] + (1 - beta2) * g[j];
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

    @Override
    public Map<String, Map<String, double[]>> state() {
        Map<String, Map<String, double[]>> state = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            state.put(parameters.get(i).path(), Map.of("momentum", momenta.get(i)));
        }
        return state;
    }

    @Override
    public String toString() {
        return "Lion[learningRate=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", weightDecay="
                + weightDecay + "]";
    }
}
