package dev.nnj.api;

import java.util.List;

/**
 * One step of a feed-forward network, working on whole mini-batches (rows are examples; an example
 * of shape [C, H, W] is one row of C·H·W values, row-major).
 *
 * <p>A layer owns its parameters and buffers but not its activation buffers: the model allocates the
 * input, output and gradient tensors once per maximum batch size and passes them in, so that several
 * inference contexts can share one set of parameters. {@code forward} and {@code backward} must not
 * allocate.
 *
 * <h2>Two generations of the pass methods</h2>
 * A 0.1 layer implements {@link #forward(Tensor, Tensor, Mode)} and
 * {@link #backward(Tensor, Tensor, Tensor, Tensor)}, and keeps working unchanged. A layer that needs
 * per-pass data (batch statistics, a dropout mask, scratch for an im2col) implements
 * {@link #newState(StateRequest)}, {@link #forward(Tensor, Tensor, LayerContext)} and
 * {@link #backward(Tensor, Tensor, Tensor, Tensor, LayerContext)} instead, and keeps that data in its
 * state, never in fields: the model asks for one state per workspace, once, and hands it back in the
 * {@link LayerContext} of every pass, so that one instance serves any number of workspaces and
 * threads. nnj always calls the context methods; their defaults call the 0.1 ones. Implement one
 * pair or the other.
 *
 * <p>Training passes that update buffers (a batch-norm's running statistics) must not run
 * concurrently on one instance, just as optimizer steps on its parameters must not; inference
 * passes may.
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
     * @throws UnsupportedOperationException by default: a layer that implements
     *     {@link #forward(Tensor, Tensor, LayerContext)} instead needs its context
     */
    default void forward(Tensor in, Tensor out, Mode mode) {
        throw new UnsupportedOperationException(getClass().getName() + " runs with a LayerContext: call "
                + "forward(in, out, context), or run it in a model's workspace; a layer implements one of the two.");
    }

    /**
     * Computes the output of a mini-batch, with this layer's state in the workspace. Must not
     * allocate. The default calls {@link #forward(Tensor, Tensor, Mode)}.
     *
     * @param in [batch, in] input; not modified
     * @param out [batch, out] output; overwritten (its rows are already set to batch)
     * @param context the mode, this layer's state and random stream in this workspace
     * @throws ShapeMismatchException if {@code in} does not have the number of columns this layer
     *     takes
     */
    default void forward(Tensor in, Tensor out, LayerContext context) {
        forward(in, out, context.mode());
    }

    /**
     * Accumulates the gradients of the parameters and computes the gradient with respect to the
     * input.
     *
     * @param in [batch, in] the input of the last forward pass; not modified
     * @param out [batch, out] the output of the last forward pass; not modified
     * @param gradOut [batch, out] dL/dOut; not modified
     * @param gradIn [batch, in] dL/dIn; overwritten; {@code null} when nobody needs it (first layer)
     * @throws UnsupportedOperationException by default: a layer that implements
     *     {@link #backward(Tensor, Tensor, Tensor, Tensor, LayerContext)} instead needs its context
     */
    default void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn) {
        throw new UnsupportedOperationException(getClass().getName() + " runs with a LayerContext: call "
                + "backward(in, out, gradOut, gradIn, context), or run it in a model's workspace.");
    }

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
     * Back-propagates a mini-batch, with this layer's state in the workspace: the same as
     * {@link #backward(Tensor, Tensor, Tensor, Tensor, GradientListener)}, which the default calls
     * with {@link LayerContext#gradients()}. In {@link Mode#INFERENCE} (gradient checks, saliency) a
     * layer back-propagates through what its inference forward pass computed.
     *
     * @param in [batch, in] the input of the last forward pass in this workspace; not modified
     * @param out [batch, out] the output of that pass; not modified
     * @param gradOut [batch, out] dL/dOut; not modified
     * @param gradIn [batch, in] dL/dIn; overwritten; {@code null} when nobody needs it (first layer)
     * @param context the mode of the last forward pass, this layer's state in this workspace, and
     *     where to report final gradients
     */
    default void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, LayerContext context) {
        backward(in, out, gradOut, gradIn, context.gradients());
    }

    /**
     * Creates this layer's per-pass data for one workspace: scratch tensors, batch statistics, a
     * mask. Called once per workspace, when the workspace is made, never during a pass; the result
     * comes back from {@link LayerContext#state()}.
     *
     * @param request the largest batch and the shapes around this layer
     * @return the state, allocated for {@code request.maxBatch()} rows; {@code null} (the default)
     *     for a layer that needs none
     */
    default Object newState(StateRequest request) {
        return null;
    }

    /**
     * The buffers this layer keeps: non-trainable state that is saved with the model (running
     * statistics, counters); the model adds its prefix ({@link Buffer#withPrefix}).
     *
     * @return the buffers, named locally ({@code running_mean}); empty (the default) if none
     */
    default List<Buffer> buffers() {
        return List.of();
    }

    /**
     * Learns from the training data before training (Keras's {@code adapt}), e.g. a normalisation's
     * mean and variance, into buffers. nnj's trainer and nn-spark call it once, before training
     * from the first epoch, for every layer that overrides it, in layer order; a run resumed at a
     * later epoch, or one that fine-tunes loaded weights, keeps what was learned, saved with the
     * model. The default does nothing.
     *
     * @param data every training example as it arrives at this layer
     */
    default void adapt(AdaptData data) {
    }

    /**
     * Whether this layer computes in an element type: whether its passes take tensors of it (read
     * with {@link Tensor#floatData()} for {@link DType#F32}) and its parameters are allocated in it.
     * In a float32 model, nnj runs a layer that says no in float64 behind a boundary that converts
     * its input, output and gradients (see {@code docs/float32.md}).
     *
     * @param type an element type
     * @return {@code true} for {@link DType#F64} by default
     */
    default boolean supports(DType type) {
        return type == DType.F64;
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
