package dev.nnj.api;

import java.util.List;

/**
 * One step of a feed-forward network, working on whole mini-batches (rows are examples).
 *
 * <p>A layer owns its parameters but not its activation buffers: the model allocates the input,
 * output and gradient tensors once per maximum batch size and passes them in, so that several
 * inference contexts can share one set of parameters. {@code forward} and {@code backward} must not
 * allocate.
 */
@Spi
public interface Layer {

    /**
     * Checks that this layer can take examples of {@code input}'s shape and says what it gives.
     * Called while the model is built, possibly more than once: it must not change the layer.
     *
     * @param input the shape of one input example
     * @return the shape of one output example
     * @throws ShapeMismatchException if this layer cannot take {@code input}
     */
    Shape outputShape(Shape input);

    /**
     * Computes the output of a mini-batch. Must not allocate.
     *
     * @param in [batch, in] input; not modified
     * @param out [batch, out] output; overwritten (its rows are already set to batch)
     * @param mode {@link Mode#TRAIN} when a backward pass may follow (layers such as dropout then
     *     behave as in training and keep what backward needs), {@link Mode#INFERENCE} otherwise
     * @throws ShapeMismatchException if {@code in} does not have the number of columns this layer
     *     takes
     */
    void forward(Tensor in, Tensor out, Mode mode);

    /**
     * Accumulates the gradients of the parameters and computes the gradient with respect to the
     * input.
     *
     * @param in [batch, in] the input of the last forward pass; not modified
     * @param out [batch, out] the output of the last forward pass; not modified
     * @param gradOut [batch, out] dL/dOut; not modified
     * @param gradIn [batch, in] dL/dIn; overwritten; {@code null} when nobody needs it (first layer)
     */
    void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn);

    /**
     * {@link #backward(Tensor, Tensor, Tensor, Tensor)}, telling {@code ready} which gradients are
     * final. The default reports each parameter whole after the backward pass (nnj's model does the
     * same for a layer that does not override this, without calling {@link #parameters()} each
     * time). A layer may report parts sooner, from its kernels' threads, as long as it reads no
     * parameter value after reporting it (compute the input gradient first): the trainer may be
     * updating it already.
     *
     * @param in [batch, in] the input of the last forward pass; not modified
     * @param out [batch, out] the output of the last forward pass; not modified
     * @param gradOut [batch, out] dL/dOut; not modified
     * @param gradIn [batch, in] dL/dIn; overwritten; {@code null} when nobody needs it (first layer)
     * @param ready told of each part of a parameter's gradient once it is final;
     *     {@link GradientListener#NONE} when nobody updates during the pass
     */
    default void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, GradientListener ready) {
        backward(in, out, gradOut, gradIn);
        List<Parameter> parameters = parameters();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            ready.gradientReady(p, 0, p.value().size());
        }
    }

    /**
     * The parameters this layer owns; the model adds its prefix ({@link Parameter#withPrefix}).
     *
     * @return the parameters, named locally ({@code weight}, {@code bias}); empty if none
     */
    default List<Parameter> parameters() {
        return List.of();
    }
}
