package dev.nnj.core.activation;

/** {@code identity}: a = z. */
public final class Identity extends ElementwiseActivation {
    /**
     * The identity. It holds no state, so one instance may serve any number of layers and threads.
     */
    public Identity() {
    }

    @Override
    protected double apply(double z) {
        return z;
    }

    @Override
    protected double derivative(double z, double a) {
        return 1.0;
    }
}
