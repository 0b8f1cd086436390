package dev.nnj.core.activation;

/** {@code tanh}: a = tanh z, a' = 1 - a². */
public final class Tanh extends ElementwiseActivation {
    /**
     * The hyperbolic tangent. It holds no state, so one instance may serve any number of layers and
     * threads.
     */
    public Tanh() {
    }

    @Override
    protected double apply(double z) {
        return Math.tanh(z);
    }

    @Override
    protected double derivative(double z, double a) {
        return 1.0 - a * a;
    }
}
