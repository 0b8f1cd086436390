package dev.nnj.core.activation;

/** {@code relu}: a = max(0, z), a' = 1 for z > 0, else 0 (PyTorch's choice at z = 0). */
public final class Relu extends ElementwiseActivation {
    @Override
    protected double apply(double z) {
        return z > 0 ? z : 0.0;
    }

    @Override
    protected double derivative(double z, double a) {
        return z > 0 ? 1.0 : 0.0;
    }
}
