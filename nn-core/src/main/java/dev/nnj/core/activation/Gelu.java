package dev.nnj.core.activation;

/**
 * {@code gelu}: a = z·Φ(z) = ½z(1 + erf(z/√2)), PyTorch's default (exact) GELU; a' = Φ(z) + z·φ(z).
 * erf is computed to about 1e-15 by the series erf(x) = (2/√π)·e^(-x²)·Σ 2ⁿx^(2n+1)/(1·3···(2n+1)),
 * whose terms are all positive (no cancellation), and is ±1 to double precision beyond |x| = 6.
 */
public final class Gelu extends ElementwiseActivation {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955125739;
    private static final double INV_SQRT_2 = 0.70710678118654752440;
    private static final double INV_SQRT_2PI = 0.39894228040143267794;

    /**
     * The exact GELU. It holds no state, so one instance may serve any number of layers and threads.
     */
    public Gelu() {
    }

    /**
     * The error function, which {@link Math} lacks.
     *
     * @param x any value; NaN gives NaN
     * @return erf(x), absolute error about 1e-15
     */
    public static double erf(double x) {
        double ax = Math.abs(x);
        if (ax > 6) {
            return Math.signum(x);
        }
        double x2 = ax * ax;
        double term = ax;
        double sum = ax;
        for (int n = 1; n < 500 && term > 1e-17 * sum; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
        }
        double r = TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
        return x < 0 ? -r : r;
    }

    @Override
    protected double apply(double z) {
        return 0.5 * z * (1 + erf(z * INV_SQRT_2));
    }

    @Override
    protected double derivative(double z, double a) {
        return 0.5 * (1 + erf(z * INV_SQRT_2)) + z * INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    }
}
