package dev.nnj.core.layer;

import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;

/**
 * A {@link Window2d} laid over images of one shape [C, H, W]: the sizes that the passes of a
 * convolution or a pooling loop over, checked once, when the layer is made.
 *
 * @param channels C
 * @param height H
 * @param width W
 * @param window the window
 * @param outHeight OH, the rows of windows, &gt;= 1
 * @param outWidth OW, the columns of windows, &gt;= 1
 */
record Grid(int channels, int height, int width, Window2d window, int outHeight, int outWidth) {

    /**
     * Lays {@code window} over images of shape {@code input}.
     *
     * @throws ShapeMismatchException if {@code input} is not [C, H, W] or the window does not fit the
     *     padded image
     */
    static Grid of(Shape input, Window2d window) {
        checkRank(input);
        int h = input.dim(1);
        int w = input.dim(2);
        int paddedH = h + 2 * window.padHeight();
        int paddedW = w + 2 * window.padWidth();
        if (window.kernelHeight() > paddedH || window.kernelWidth() > paddedW) {
            throw new ShapeMismatchException("the kernel [" + window.kernelHeight() + ", " + window.kernelWidth()
                    + "] does not fit the input " + input + " padded by [" + window.padHeight() + ", "
                    + window.padWidth() + "]: the padded image is [" + paddedH + ", " + paddedW + "]; use a kernel of "
                    + "at most that, or more padding.");
        }
        return new Grid(input.dim(0), h, w, window, (paddedH - window.kernelHeight()) / window.strideHeight() + 1,
                (paddedW - window.kernelWidth()) / window.strideWidth() + 1);
    }

    private static void checkRank(Shape input) {
        if (input.rank() != 3) {
            throw new ShapeMismatchException("expected examples of shape [C, H, W] (channels, height, width); got "
                    + input + ", of rank " + input.rank() + ".");
        }
    }

    /** @return [C, H, W] */
    Shape input() {
        return Shape.of(channels, height, width);
    }

    /** @return C·H·W, the values of one input example */
    int inSize() {
        return channels * height * width;
    }

    /** @return H·W, the values of one input channel */
    int inPlane() {
        return height * width;
    }

    /** @return P = OH·OW, the windows over one channel */
    int outPlane() {
        return outHeight * outWidth;
    }

    /**
     * Checks that a layer made for this grid takes examples of {@code input}.
     *
     * @throws ShapeMismatchException if {@code input} is not this grid's [C, H, W]
     */
    void check(Shape input) {
        checkRank(input);
        if (!input.equals(input())) {
            throw new ShapeMismatchException("expected examples of shape " + input() + ", which the layer was made "
                    + "for; got " + input + ".");
        }
    }

    /**
     * Checks the width of a batch; allocates nothing unless it throws.
     *
     * @throws ShapeMismatchException if {@code in} does not have C·H·W columns
     */
    void checkColumns(Tensor in) {
        if (in.cols() != inSize()) {
            throw new ShapeMismatchException("input has " + in.cols() + " values; expected [*, " + inSize()
                    + "] (examples of " + input() + "), got " + in.shapeString() + ".");
        }
    }
}
