package dev.nnj.optim;

/**
 * {@code adagrad}, as PyTorch's {@code torch.optim.Adagrad}. Per value, at step t:
 *
 * <pre>
 *   g = g + λ·w
 *   clr = lr / (1 + (t - 1)·lrDecay)
 *   s = s + g²                          (s starts at initialAccumulatorValue)
 *   w = w - clr · g / (√s + ε)
 * </pre>
 *
 * Defaults as PyTorch: lr 1e-2, lrDecay 0, λ 0, initialAccumulatorValue 0, ε 1e-10.
 */
public final class Adagrad extends PerParameterOptimizer {
    private final double lrDecay;
    private final double weightDecay;
    private final double initialAccumulator;
    private final double epsilon;

    /**
     * An Adagrad optimizer; its state is one buffer per parameter, {@code sum} (s).
     *
     * @param learningRate lr, finite and &gt; 0
     * @param lrDecay how fast the rate decays with the step number, &gt;= 0
     * @param weightDecay λ, the L2 penalty added to the gradient, &gt;= 0
     * @param initialAccumulator the value s starts at ({@code initialAccumulatorValue}), &gt;= 0
     * @param epsilon ε, added to √s for stability, &gt;= 0
     * @throws IllegalArgumentException naming the value and the allowed range
     */
    public Adagrad(double learningRate, double lrDecay, double weightDecay, double initialAccumulator, double epsilon) {
        super(learningRate, "sum");
        require(lrDecay >= 0, "lrDecay must be >= 0; got " + lrDecay + ".");
        require(weightDecay >= 0, "weightDecay must be >= 0; got " + weightDecay + ".");
        require(initialAccumulator >= 0, "initialAccumulatorValue must be >= 0; got " + initialAccumulator + ".");
        require(epsilon >= 0, "epsilon must be >= 0; got " + epsilon + ".");
        this.lrDecay = lrDecay;
        this.weightDecay = weightDecay;
        this.initialAccumulator = initialAccumulator;
        this.epsilon = epsilon;
    }

    @Override
    void update(double[] w, double[] g, int from, int to, double[][] state, long t) {
        double[] s = state[0];
        if (t == 1 && initialAccumulator != 0) {
            java.util.Arrays.fill(s, from, to, initialAccumulator);
        }
        double clr = learningRate() / (1 + (t - 1) * lrDecay);
        for (int j = from; j < to; j++) {
            double gj = g[j] + weightDecay * w[j];
            s[j] += gj * gj;
            w[j] -= clr * gj / (Math.sqrt(s[j]) + epsilon);
        }
    }

    @Override
    void update(float[] w, float[] g, int from, int to, float[][] state, long t) {
        float[] s = state[0];
        if (t == 1 && initialAccumulator != 0) {
            java.util.Arrays.fill(s, from, to, (float) initialAccumulator);
        }
        float clr = (float) (learningRate() / (1 + (t - 1) * lrDecay));
        float decay = (float) weightDecay;
        float eps = (float) epsilon;
        for (int j = from; j < to; j++) {
            float gj = g[j] + decay * w[j];
            s[j] += gj * gj;
            w[j] -= clr * gj / ((float) Math.sqrt(s[j]) + eps);
        }
    }

    @Override
    public String toString() {
        return "Adagrad[learningRate=" + learningRate() + ", lrDecay=" + lrDecay + ", weightDecay=" + weightDecay
                + ", initialAccumulatorValue=" + initialAccumulator + ", epsilon=" + epsilon + "]";
    }
}
