package dev.nnj.core.activation;

import dev.nnj.api.Activation;
import dev.nnj.api.DType;
import dev.nnj.api.Tensor;

/**
 * An activation applied to each value alone, a = f(z). Its Jacobian is diagonal, so the
 * vector-Jacobian product is dL/dz = f'(z) ⊙ dL/da, derived here from {@link #derivative}.
 */
public abstract class ElementwiseActivation implements Activation {

    /**
     * For subclasses, which supply {@link #apply(double)} and {@link #derivative(double, double)}.
     */
    public ElementwiseActivation() {
    }

    /**
     * The function itself.
     *
     * @param z one pre-activation value
     * @return f(z)
     */
    protected abstract double apply(double z);

    /**
     * The derivative of the function, given both its input and its output.
     *
     * @param z the input
     * @param a f(z), for functions whose derivative is cheaper from the output
     * @return f'(z)
     */
    protected abstract double derivative(double z, double a);

    @Override
    public void forward(Tensor z, Tensor a) {
        if (z.dtype() == DType.F32) {
            float[] zf = z.floatData();
            float[] af = a.floatData();
            for (int i = 0, n = z.size(); i < n; i++) {
                af[i] = (float) apply(zf[i]);
            }
            return;
        }
        double[] zd = z.data();
        double[] ad = a.data();
        for (int i = 0, n = z.size(); i < n; i++) {
            ad[i] = apply(zd[i]);
        }
    }

    @Override
    public void backward(Tensor z, Tensor a, Tensor gradA, Tensor gradZ) {
        if (z.dtype() == DType.F32) {
            float[] zf = z.floatData();
            float[] af = a.floatData();
            float[] gaf = gradA.floatData();
            float[] gzf = gradZ.floatData();
            for (int i = 0, n = z.size(); i < n; i++) {
                gzf[i] = (float) (gaf[i] * derivative(zf[i], af[i]));
            }
            return;
        }
        double[] zd = z.data();
        double[] ad = a.data();
        double[] ga = gradA.data();
        double[] gz = gradZ.data();
        for (int i = 0, n = z.size(); i < n; i++) {
            gz[i] = ga[i] * derivative(zd[i], ad[i]);
        }
    }

    /**
     * Both element types; float32 values are computed in double and rounded.
     *
     * @param type an element type
     * @return {@code true} for {@link DType#F64} and {@link DType#F32}
     */
    @Override
    public boolean supports(DType type) {
        return type == DType.F64 || type == DType.F32;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
