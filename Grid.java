package dev.nnj.core.layer;

import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;

/**
 * A {@link Window2d} laid over images of one shape [C, H, W]: the sizes the passes of a
 * convolution or pooling loop over, checked once when the layer is made.
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
     * @throws ShapeMismatchException if {@code input} is not [C, H, W] or the window does not fit
     *     the padded image
     */
    static Grid of(Shape input, Window2d window) {
        if (input.rank() != 3) {
            throw new ShapeMismatchException("expected examples of shape [C, H, W] (channels, height, width); got "
                    + input + ", of rank " + input.rank() + ".");
        }
        int h = input.dim(1);
        int w = input.dim(2);
        int paddedH = h + 2 * window.padHeight();
        int paddedW = w + 2 * window.padWidth();
        if (window.kernelHeight() > paddedH || window.kernelWidth() > paddedW) {
            throw new ShapeMismatchException("the kernel [" + window.kernelHeight() + ", " + window.kernelWidth()
                    + "] does not fit the input " + input + " padded by [" + window.padHeight() + ", "
                    + window.padWidth() + "], whose image is [" + paddedH + ", " + paddedW + "]; use a kernel of at "
                    + "most that, or more padding.");
        }
        return new Grid(input.dim(0), h, w, window, (paddedH - window.kernelHeight()) / window.strideHeight() + 1,
                (paddedW - window.kernelWidth()) / window.strideWidth() + 1);
    }

    /** @return [C, H, W] */
    Shape input() {
        return Shape.of(channels, height, width);
    }

    /** @return H·W, the values of one input channel */
    int inPlane() {
        return height * width;
    }

    /** @return P = OH·OW, the windows per channel */
    int outPlane() {
        return outHeight * outWidth;
    }

    /**
     * Checks that a layer made for this grid's input takes {@code input}.
     *
     * @throws ShapeMismatchException if {@code input} is not [C, H, W] or another [C, H, W]
     */
    void check(Shape input) {
        if (input.rank() != 3) {
            throw new ShapeMismatchException("expected examples of shape [C, H, W] (channels, height, width); got "
                    + input + ", of rank " + input.rank() + ".");
        }
        if (!input.equals(input())) {
            throw new ShapeMismatchException("expected examples of shape " + input() + ", as the layer was made for; "
                    + "got " + input + ".");
        }
    }

    /**
     * Checks the width of a batch.
     *
     * @throws ShapeMismatchException if {@code cols} is not C·H·W
     */
    void checkColumns(int cols, String shape) {
        if (cols != channels * height * width) {
            throw new ShapeMismatchException("input has " + cols + " values; expected [*, " + channels * height * width
                    + "] (examples of " + input() + "), got " + shape + ".");
        }
    }
}
