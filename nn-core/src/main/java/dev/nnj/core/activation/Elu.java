package dev.nnj.core.activation;

/**
 * {@code elu}: a = z for z &gt; 0, else α(e^z - 1); a' = 1, else a + α. Key {@code alpha} (default 1, as
 * PyTorch).
 */
public final class Elu extends ElementwiseActivation {
    private final double alpha;

    /**
     * An ELU with the given saturation value for large negative inputs.
     *
     * @param alpha α, so that a tends to -α as z goes to -∞; finite and &gt;= 0
     * @throws IllegalArgumentException if {@code alpha} is negative, infinite or NaN
     */
    public Elu(double alpha) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("elu: alpha must be finite and >= 0; got " + alpha + ".");
        }
        this.alpha = alpha;
    }

    @Override
    protected double apply(double z) {
        return z > 0 ? z : alpha * Math.expm1(z);
    }

    @Override
    protected double derivative(double z, double a) {
        return z > 0 ? 1.0 : a + alpha;
    }
}
