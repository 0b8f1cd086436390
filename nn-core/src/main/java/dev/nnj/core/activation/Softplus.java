package dev.nnj.core.activation;

/**
 * {@code softplus}: a = (1/β)·log(1 + e^(βz)), and a = z where βz > threshold (PyTorch's
 * numerical shortcut); a' = σ(βz). Keys {@code beta} (default 1), {@code threshold} (default 20).
 */
public final class Softplus extends ElementwiseActivation {
    private final double beta;
    private final double threshold;

    /**
     * A softplus of the given sharpness.
     *
     * @param beta β, the sharpness, finite and &gt; 0 (larger is closer to ReLU)
     * @param threshold above this value of βz the function is taken as the identity; any value
     * @throws IllegalArgumentException if {@code beta} is not finite and &gt; 0
     */
    public Softplus(double beta, double threshold) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("softplus: beta must be finite and > 0; got " + beta + ".");
        }
        this.beta = beta;
        this.threshold = threshold;
    }

    @Override
    protected double apply(double z) {
        double bz = beta * z;
        return bz > threshold ? z : (Math.max(bz, 0) + Math.log1p(Math.exp(-Math.abs(bz)))) / beta;
    }

    @Override
    protected double derivative(double z, double a) {
        double bz = beta * z;
        return bz > threshold ? 1.0 : Sigmoid.sigmoid(bz);
    }
}
