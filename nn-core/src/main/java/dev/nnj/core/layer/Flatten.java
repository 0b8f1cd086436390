package dev.nnj.core.layer;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.DType;
import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;

/**
 * {@code flatten}: examples of any shape, e.g. [C, H, W], become rows [C·H·W] of the same values in
 * the same (row-major) order, as PyTorch's {@code nn.Flatten()}; backward passes the gradient back
 * unchanged. Examples are already rows of a tensor, so both passes are a copy, of float64 or
 * float32 values as the layer was built. It keeps no state.
 */
public final class Flatten implements Layer {
    private final Shape input;
    private final DType dtype;

    /**
     * A flatten for examples of {@code input}, in float64.
     *
     * @param input the shape of one input example
     * @throws NullPointerException if {@code input} is null
     */
    public Flatten(Shape input) {
        this(input, DType.F64);
    }

    /**
     * A flatten for examples of {@code input} whose passes take tensors of an element type.
     *
     * @param input the shape of one input example
     * @param dtype {@link DType#F64} or {@link DType#F32}
     * @throws IllegalArgumentException if {@code dtype} is neither
     * @throws NullPointerException if an argument is null
     */
    public Flatten(Shape input, DType dtype) {
        this.input = requireNonNull(input, "input is null");
        this.dtype = LayerInit.checkFloat(dtype, "flatten");
    }

    /**
     * Takes any shape of as many values as the one the layer was made for.
     *
     * @throws ShapeMismatchException if {@code input} holds another number of values
     */
    @Override
    public Shape outputShape(Shape input) {
        if (input.size() != this.input.size()) {
            throw new ShapeMismatchException("input has " + input.size() + " values " + input + "; expected "
                    + this.input.size() + " (" + this.input + ").");
        }
        return Shape.of(input.size());
    }

    @Override
    public void forward(Tensor in, Tensor out, Mode mode) {
        if (in.cols() != input.size()) {
            throw new ShapeMismatchException("input has " + in.cols() + " values; expected [*, " + input.size()
                    + "], got " + in.shapeString() + ".");
        }
        Spans.copy(in, out, in.size());
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn) {
        if (gradIn != null) {
            Spans.copy(gradOut, gradIn, gradOut.size());
        }
    }

    /** The element type it was built in ({@link #Flatten(Shape, DType)}). */
    @Override
    public boolean supports(DType type) {
        return type == dtype;
    }

    @Override
    public String toString() {
        return "Flatten[" + input + " -> [" + input.size() + "]]";
    }
}
