package dev.nnj.optim;

/**
 * {@code rmsprop}, as PyTorch's {@code torch.optim.RMSprop}. Per value:
 *
 * <pre>
 *   g = g + λ·w
 *   v = α·v + (1 - α)·g²
 *   centered: a = α·a + (1 - α)·g;  d = √(v - a²) + ε      else d = √v + ε
 *   momentum μ > 0: b = μ·b + g/d;  w = w - lr·b              else w = w - lr·g/d
 * </pre>
 *
 * Defaults as PyTorch: lr 1e-2, α 0.99, ε 1e-8, λ 0, μ 0, centered false.
 */
public final class RmsProp extends PerParameterOptimizer {
    private final double alpha;
    private final double epsilon;
    private final double weightDecay;
    private final double momentum;
    private final boolean centered;

    /**
     * An RMSprop optimizer; its state per parameter is {@code square_avg} (v), {@code grad_avg} (a)
     * and {@code momentum_buffer} (b), PyTorch's names.
     *
     * @param learningRate lr, finite and &gt; 0
     * @param alpha α, the decay of the squared gradient's running mean, in [0, 1)
     * @param epsilon ε, added to the denominator for stability, &gt;= 0
     * @param weightDecay λ, the L2 penalty added to the gradient, &gt;= 0
     * @param momentum μ, in [0, 1); 0 for none
     * @param centered whether to divide by the estimated variance rather than the raw second moment
     * @throws IllegalArgumentException naming the value and the allowed range
     */
    public RmsProp(double learningRate, double alpha, double epsilon, double weightDecay, double momentum, boolean centered) {
        super(learningRate, "square_avg", "grad_avg", "momentum_buffer");
        require(alpha >= 0 && alpha < 1, "alpha must be in [0, 1); got " + alpha + ".");
        require(epsilon >= 0, "epsilon must be >= 0; got " + epsilon + ".");
        require(weightDecay >= 0, "weightDecay must be >= 0; got " + weightDecay + ".");
        require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1); got " + momentum + ".");
        this.alpha = alpha;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.centered = centered;
    }

    @Override
    void update(double[] w, double[] g, int from, int to, double[][] state, long t) {
        double[] v = state[0];
        double[] a = state[1];
        double[] b = state[2];
        double lr = learningRate();
        for (int j = from; j < to; j++) {
            double gj = g[j] + weightDecay * w[j];
            v[j] = alpha * v[j] + (1 - alpha) * gj * gj;
            double d;
            if (centered) {
                a[j] = alpha * a[j] + (1 - alpha) * gj;
                d = Math.sqrt(v[j] - a[j] * a[j]) + epsilon;
            } else {
                d = Math.sqrt(v[j]) + epsilon;
            }
            if (momentum > 0) {
                b[j] = momentum * b[j] + gj / d;
                w[j] -= lr * b[j];
            } else {
                w[j] -= lr * gj / d;
            }
        }
    }

    @Override
    void update(float[] w, float[] g, int from, int to, float[][] state, long t) {
        float[] v = state[0];
        float[] a = state[1];
        float[] b = state[2];
        float lr = (float) learningRate();
        float decay = (float) weightDecay;
        float al = (float) alpha;
        float oneMinusAlpha = (float) (1 - alpha);
        float eps = (float) epsilon;
        float mu = (float) momentum;
        for (int j = from; j < to; j++) {
            float gj = g[j] + decay * w[j];
            v[j] = al * v[j] + oneMinusAlpha * gj * gj;
            float d;
            if (centered) {
                a[j] = al * a[j] + oneMinusAlpha * gj;
                d = (float) Math.sqrt(v[j] - a[j] * a[j]) + eps;
            } else {
                d = (float) Math.sqrt(v[j]) + eps;
            }
            if (mu > 0) {
                b[j] = mu * b[j] + gj / d;
                w[j] -= lr * b[j];
            } else {
                w[j] -= lr * gj / d;
            }
        }
    }

    @Override
    public String toString() {
        return "RmsProp[learningRate=" + learningRate() + ", alpha=" + alpha + ", epsilon=" + epsilon + ", weightDecay="
                + weightDecay + ", momentum=" + momentum + ", centered=" + centered + "]";
    }
}
