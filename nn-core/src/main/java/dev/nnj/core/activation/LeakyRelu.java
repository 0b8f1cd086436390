package dev.nnj.core.activation;

import java.util.Optional;

/**
 * {@code leaky-relu}: a = z for z > 0, else α·z; key {@code alpha} (default 0.01, PyTorch's
 * {@code negative_slope}).
 */
public final class LeakyRelu extends ElementwiseActivation {
    private final double alpha;

    /**
     * A leaky ReLU with the given negative slope.
     *
     * @param alpha the slope for z &lt;= 0, finite and &gt;= 0
     * @throws IllegalArgumentException if {@code alpha} is negative, infinite or NaN
     */
    public LeakyRelu(double alpha) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("leaky-relu: alpha must be finite and >= 0; got " + alpha + ".");
        }
        this.alpha = alpha;
    }

    /**
     * The negative slope, as configured.
     *
     * @return α, the slope for z &lt;= 0
     */
    public double alpha() {
        return alpha;
    }

    @Override
    protected double apply(double z) {
        return z > 0 ? z : alpha * z;
    }

    @Override
    protected double derivative(double z, double a) {
        return z > 0 ? 1.0 : alpha;
    }

    @Override
    public String toString() {
        return "LeakyRelu[alpha=" + alpha + "]";
    }

    /** He initialisation suits the layer before a ReLU-family activation. */
    @Override
    public Optional<String> preferredInitializer() {
        return Optional.of("he-uniform");
    }
}
