package dev.nnj.api;

import java.util.Optional;

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

    /**
     * Whether this activation turns scores into an output distribution (softmax, sigmoid), which a
     * loss that takes raw scores (logits) applies itself: nnj then refuses it before such a loss.
     *
     * @return {@code false} by default
     */
    default boolean outputFunction() {
        return false;
    }

    /**
     * The initialiser that suits the weights of the layer before this activation, e.g.
     * {@code he-uniform} before a ReLU; a layer that takes an {@code activation} key uses it when
     * the model file names no {@code weightInit}.
     *
     * @return the initialiser's type id, or empty (the default) for the layer's own default
     *     ({@code xavier-uniform} for nnj's)
     */
    default Optional<String> preferredInitializer() {
        return Optional.empty();
    }

    /**
     * Whether this activation takes tensors of an element type (read with
     * {@link Tensor#floatData()} or {@link Tensor#get(int)} for {@link DType#F32}). In a float32
     * model nnj runs an activation that says no in float64, converting at its boundary.
     *
     * @param type an element type
     * @return {@code true} for {@link DType#F64} by default
     */
    default boolean supports(DType type) {
        return type == DType.F64;
    }
}
