package dev.nnj.core.activation;

/** {@code sigmoid}: a = 1 / (1 + e^-z), a' = a (1 - a); computed without overflow for large |z|. */
public final class Sigmoid extends ElementwiseActivation {
    /**
     * The logistic sigmoid. It holds no state, so one instance may serve any number of layers and
     * threads.
     */
    public Sigmoid() {
    }

    /**
     * The logistic function, shared with the losses and activations that need it.
     *
     * @param z any value
     * @return σ(z), in [0, 1]; stable for any z (no overflow of e^-z for large negative z)
     */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    @Override
    protected double apply(double z) {
        return sigmoid(z);
    }

    @Override
    protected double derivative(double z, double a) {
        return a * (1.0 - a);
    }

    /** A loss on logits applies this itself, so nnj refuses it before one. */
    @Override
    public boolean outputFunction() {
        return true;
    }
}
