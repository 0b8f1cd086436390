package dev.nnj.core.activation;

/**
 * {@code swish}: a = z·σ(βz) (SiLU for β = 1, PyTorch's {@code nn.SiLU}); a' = s + βz·s(1 - s)
 * with s = σ(βz). Key {@code beta} (default 1).
 */
public final class Swish extends ElementwiseActivation {
    private final double beta;

    /**
     * A swish of the given β.
     *
     * @param beta β, any finite value: 1 gives SiLU, 0 gives z/2, large values approach ReLU
     * @throws IllegalArgumentException if {@code beta} is infinite or NaN
     */
    public Swish(double beta) {
        if (!Double.isFinite(beta)) {
            throw new IllegalArgumentException("swish: beta must be finite; got " + beta + ".");
        }
        this.beta = beta;
    }

    @Override
    protected double apply(double z) {
        return z * Sigmoid.sigmoid(beta * z);
    }

    @Override
    protected double derivative(double z, double a) {
        double s = Sigmoid.sigmoid(beta * z);
        return s + beta * z * s * (1 - s);
    }
}
