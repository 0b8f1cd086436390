package dev.nnj.core.layer;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;

/**
 * {@code flatten}: examples of any shape, e.g. [C, H, W], become rows [C·H·W] of the same values in
 * the same (row-major) order, as PyTorch's {@code nn.Flatten()}; backward passes the gradient back
 * unchanged. Examples are already rows of a tensor, so both passes are a copy. It keeps no state.
 */
public final class Flatten implements Layer {
    private final Shape input;

    /**
     * A flatten for examples of {@code input}.
     *
     * @param input the shape of one input example
     * @throws NullPointerException if {@code input} is null
     */
    public Flatten(Shape input) {
        this.input = requireNonNull(input, "input is null");
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
        System.arraycopy(in.data(), 0, out.data(), 0, in.size());
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn) {
        if (gradIn != null) {
            System.arraycopy(gradOut.data(), 0, gradIn.data(), 0, gradOut.size());
        }
    }

    @Override
    public String toString() {
        return "Flatten[" + input + " -> [" + input.size() + "]]";
    }
}
