package dev.nnj.api;

/**
 * A function applied to a layer's output. Its backward pass is a vector-Jacobian product, so
 * functions that mix a row's values (softmax) fit as well as element-wise ones.
 */
@Spi
public interface Activation {

    /**
     * Applies the function to a batch, row by row. Must not allocate.
     *
     * @param z [batch, n] pre-activation; not modified
     * @param a [batch, n] activation a = f(z); overwritten; may not be {@code z}
     */
    void forward(Tensor z, Tensor a);

    /**
     * Vector-Jacobian product: dL/dz = (da/dz)ᵀ · dL/da, row by row.
     *
     * @param z [batch, n] the forward input; not modified
     * @param a [batch, n] the forward output; not modified
     * @param gradA [batch, n] dL/da; not modified
     * @param gradZ [batch, n] dL/dz; overwritten
     */
    void backward(Tensor z, Tensor a, Tensor gradA, Tensor gradZ);
}
