package dev.nnj.core.activation;

/** {@code tanh}: a = tanh z, a' = 1 - a². */
public final class Tanh extends ElementwiseActivation {
    @Override
    protected double apply(double z) {
        return Math.tanh(z);
    }

    @Override
    protected double derivative(double z, double a) {
        return 1.0 - a * a;
    }
}
