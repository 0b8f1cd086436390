package dev.nnj.optim;

/**
 * {@code adam} and {@code adamw}, as PyTorch's {@code torch.optim.Adam} and {@code AdamW}
 * (amsgrad off). Per value, at step t:
 *
 * <pre>
 *   adamw: w = w·(1 - lr·λ)          adam: g = g + λ·w   (λ = weightDecay)
 *   m = β1·m + (1 - β1)·g
 *   v = β2·v + (1 - β2)·g²
 *   w = w - lr/(1 - β1^t) · m / (√v / √(1 - β2^t) + ε)
 * </pre>
 *
 * Defaults as PyTorch: lr 1e-3, β1 0.9, β2 0.999, ε 1e-8, λ 0 (adam) or 1e-2 (adamw).
 */
public final class Adam extends PerParameterOptimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final boolean decoupled;

    /**
     * An Adam or AdamW optimizer; its state per parameter is {@code exp_avg} (m) and
     * {@code exp_avg_sq} (v), PyTorch's names.
     *
     * @param learningRate lr, finite and &gt; 0
     * @param beta1 β1, the decay of the gradient's running mean, in [0, 1)
     * @param beta2 β2, the decay of the squared gradient's running mean, in [0, 1)
     * @param epsilon ε, added to the denominator for stability, &gt;= 0
     * @param weightDecay λ, &gt;= 0
     * @param decoupled true for AdamW's decoupled weight decay, false for Adam's L2
     * @throws IllegalArgumentException naming the value and the allowed range
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, boolean decoupled) {
        super(learningRate, "exp_avg", "exp_avg_sq");
        require(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1); got " + beta1 + ".");
        require(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1); got " + beta2 + ".");
        require(epsilon >= 0, "epsilon must be >= 0; got " + epsilon + ".");
        require(weightDecay >= 0, "weightDecay must be >= 0; got " + weightDecay + ".");
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    @Override
    void update(double[] w, double[] g, int from, int to, double[][] state, long t) {
        double[] m = state[0];
        double[] v = state[1];
        double lr = learningRate();
        double stepSize = lr / (1 - Math.pow(beta1, t));
        double correction2 = Math.sqrt(1 - Math.pow(beta2, t));
        for (int j = from; j < to; j++) {
            double gj = g[j];
            if (decoupled) {
                w[j] *= 1 - lr * weightDecay;
            } else {
                gj += weightDecay * w[j];
            }
            m[j] = beta1 * m[j] + (1 - beta1) * gj;
            v[j] = beta2 * v[j] + (1 - beta2) * gj * gj;
            w[j] -= stepSize * m[j] / (Math.sqrt(v[j]) / correction2 + epsilon);
        }
    }

    @Override
    void update(float[] w, float[] g, int from, int to, float[][] state, long t) {
        float[] m = state[0];
        float[] v = state[1];
        double lr = learningRate();
        float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
        float correction2 = (float) Math.sqrt(1 - Math.pow(beta2, t));
        float shrink = (float) (1 - lr * weightDecay);
        float decay = (float) weightDecay;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        for (int j = from; j < to; j++) {
            float gj = g[j];
            if (decoupled) {
                w[j] *= shrink;
            } else {
                gj += decay * w[j];
            }
            m[j] = b1 * m[j] + c1 * gj;
            v[j] = b2 * v[j] + c2 * gj * gj;
            w[j] -= stepSize * m[j] / ((float) Math.sqrt(v[j]) / correction2 + eps);
        }
    }

    @Override
    public String toString() {
        return (decoupled ? "AdamW" : "Adam") + "[learningRate=" + learningRate() + ", beta1=" + beta1 + ", beta2=" + beta2
                + ", epsilon=" + epsilon + ", weightDecay=" + weightDecay + "]";
    }
}
