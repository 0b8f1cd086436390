package dev.nnj.optim;

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
 * The momentum buffer of each parameter is its state {@code momentum}, keyed by the parameter's path.
 */
public final class Sgd extends PerParameterOptimizer {
    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;

    /**
     * An SGD optimizer; its state is one buffer per parameter, {@code momentum} (v).
     *
     * @param learningRate &gt; 0
     * @param momentum in [0, 1)
     * @param nesterov requires momentum &gt; 0
     * @param weightDecay &gt;= 0
     * @throws IllegalArgumentException naming the value and the allowed range
     */
    public Sgd(double learningRate, double momentum, boolean nesterov, double weightDecay) {
        super(learningRate, "momentum");
        require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1); got " + momentum + ".");
        require(!nesterov || momentum != 0, "nesterov needs a momentum > 0; got momentum 0.");
        require(weightDecay >= 0 && !Double.isInfinite(weightDecay),
                "weightDecay must be finite and >= 0; got " + weightDecay + ".");
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    @Override
    void update(double[] w, double[] g, int from, int to, double[][] state, long t) {
        double[] v = state[0];
        double lr = learningRate();
        for (int j = from; j < to; j++) {
            double d = g[j] + weightDecay * w[j];
            if (momentum != 0) {
                v[j] = momentum * v[j] + d;
                d = nesterov ? d + momentum * v[j] : v[j];
            }
            w[j] -= lr * d;
        }
    }

    @Override
    void update(float[] w, float[] g, int from, int to, float[][] state, long t) {
        float[] v = state[0];
        float lr = (float) learningRate();
        float mu = (float) momentum;
        float decay = (float) weightDecay;
        for (int j = from; j < to; j++) {
            float d = g[j] + decay * w[j];
            if (mu != 0) {
                v[j] = mu * v[j] + d;
                d = nesterov ? d + mu * v[j] : v[j];
            }
            w[j] -= lr * d;
        }
    }

    /**
     * The momentum factor, as configured.
     *
     * @return in [0, 1); 0 for plain SGD
     */
    public double momentum() {
        return momentum;
    }

    /**
     * Whether the update uses Nesterov momentum.
     *
     * @return {@code true} for Nesterov momentum
     */
    public boolean nesterov() {
        return nesterov;
    }

    /**
     * The L2 penalty, as configured.
     *
     * @return the weight decay, &gt;= 0
     */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public String toString() {
        return "Sgd[learningRate=" + learningRate() + ", momentum=" + momentum + ", nesterov=" + nesterov
                + ", weightDecay=" + weightDecay + "]";
    }
}
