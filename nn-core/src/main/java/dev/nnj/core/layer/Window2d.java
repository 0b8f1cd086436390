package dev.nnj.core.layer;

import java.util.Arrays;

/**
 * The sliding window of a 2-D convolution or pooling over an image [C, H, W]: its size [kh, kw],
 * its stride [sh, sw] and the zero padding [ph, pw] added on each side. Window (i, j) covers rows
 * i·sh - ph to i·sh - ph + kh - 1 and columns j·sw - pw to j·sw - pw + kw - 1 of the image, and
 * there are OH = floor((H + 2ph - kh) / sh) + 1 rows and OW = floor((W + 2pw - kw) / sw) + 1
 * columns of windows, as in PyTorch without {@code ceil_mode} or dilation.
 *
 * @param kernelHeight kh, the window's height, &gt;= 1
 * @param kernelWidth kw, the window's width, &gt;= 1
 * @param strideHeight sh, the step between window rows, &gt;= 1
 * @param strideWidth sw, the step between window columns, &gt;= 1
 * @param padHeight ph, the rows of padding above and below the image, &gt;= 0
 * @param padWidth pw, the columns of padding left and right of the image, &gt;= 0
 */
public record Window2d(int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int padHeight,
        int padWidth) {

    /**
     * Checks the window.
     *
     * @param kernelHeight kh, &gt;= 1
     * @param kernelWidth kw, &gt;= 1
     * @param strideHeight sh, &gt;= 1
     * @param strideWidth sw, &gt;= 1
     * @param padHeight ph, &gt;= 0
     * @param padWidth pw, &gt;= 0
     * @throws IllegalArgumentException naming the value out of range and the range
     */
    public Window2d {
        if (kernelHeight < 1 || kernelWidth < 1) {
            throw new IllegalArgumentException("The kernel must be at least [1, 1]; got [" + kernelHeight + ", "
                    + kernelWidth + "].");
        }
        if (strideHeight < 1 || strideWidth < 1) {
            throw new IllegalArgumentException("The stride must be at least [1, 1]; got [" + strideHeight + ", "
                    + strideWidth + "].");
        }
        if (padHeight < 0 || padWidth < 0) {
            throw new IllegalArgumentException("The padding must be at least [0, 0]; got [" + padHeight + ", "
                    + padWidth + "].");
        }
    }

    /**
     * A window from [height, width] pairs, as the model-file keys give them.
     *
     * @param kernel [kh, kw]; not modified
     * @param stride [sh, sw]; not modified
     * @param padding [ph, pw]; not modified
     * @return the window
     * @throws IllegalArgumentException if a pair does not hold two values or a value is out of range
     */
    public static Window2d of(int[] kernel, int[] stride, int[] padding) {
        if (kernel.length != 2 || stride.length != 2 || padding.length != 2) {
            throw new IllegalArgumentException("kernel, stride and padding must each be [height, width]; got "
                    + Arrays.toString(kernel) + ", " + Arrays.toString(stride) + " and " + Arrays.toString(padding)
                    + ".");
        }
        return new Window2d(kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1]);
    }

    /**
     * Whether the padding is at most half the kernel on each axis (ph &lt;= kh / 2 and pw &lt;= kw / 2,
     * in integers), as PyTorch requires of pooling: every window then covers part of the image.
     *
     * @return {@code true} if the padding is at most half the kernel
     */
    public boolean padsAtMostHalfTheKernel() {
        return padHeight <= kernelHeight / 2 && padWidth <= kernelWidth / 2;
    }

    /** @return e.g. {@code kernel [3, 3], stride [1, 1], padding [0, 0]} */
    @Override
    public String toString() {
        return "kernel [" + kernelHeight + ", " + kernelWidth + "], stride [" + strideHeight + ", " + strideWidth
                + "], padding [" + padHeight + ", " + padWidth + "]";
    }
}
