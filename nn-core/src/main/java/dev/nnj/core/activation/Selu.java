package dev.nnj.core.activation;

/**
 * {@code selu}: a = λ·z for z > 0, else λα(e^z - 1), with PyTorch's constants
 * α = 1.6732632423543772, λ = 1.0507009873554805 (Klambauer et al. 2017).
 */
public final class Selu extends ElementwiseActivation {
    /** α, the saturation value of the negative part before scaling (PyTorch's {@code alpha}). */
    public static final double ALPHA = 1.6732632423543772848170429916717;
    /** λ, the factor applied to both parts (PyTorch's {@code scale}). */
    public static final double SCALE = 1.0507009873554804934193349852946;

    /**
     * The SELU, with the constants above. It holds no state, so one instance may serve any number
     * of layers and threads.
     */
    public Selu() {
    }

    @Override
    protected double apply(double z) {
        return z > 0 ? SCALE * z : SCALE * ALPHA * Math.expm1(z);
    }

    @Override
    protected double derivative(double z, double a) {
        return z > 0 ? SCALE : a + SCALE * ALPHA;
    }
}
