package dev.nnj.core.layer;

import dev.nnj.api.Tensor;

/**
 * The unrolling that turns a convolution into one matrix product, and its adjoint. For a batch of
 * images x [B, C·H·W] and a {@link Grid}, the column matrix col [B·P, C·kh·kw] (P = OH·OW) holds in
 * row n·P + i·OW + j the window (i, j) of image n, channel by channel, row-major:
 * col[n·P + i·OW + j, (c·kh + u)·kw + v] = x[n, c·H·W + (i·sh - ph + u)·W + (j·sw - pw + v)], or 0
 * where that position lies in the padding. Both take tensors of either element type (x and col of
 * the same); the adjoint adds in it. Neither method allocates.
 */
final class Im2col {
    private Im2col() {
    }

    /**
     * Fills the column matrix of a batch.
     *
     * @param grid the window over the images
     * @param x [batch, C·H·W] the images; not modified
     * @param batch B, the number of images
     * @param col [B·P, C·kh·kw] the columns, row-major from index 0; overwritten
     */
    static void im2col(Grid grid, Tensor x, int batch, Tensor col) {
        walk(grid, x, batch, col, false);
    }

    /**
     * The adjoint of {@link #im2col}: adds every column value back onto the image position it was
     * read from (positions in the padding are dropped), so that gradX = im2colᵀ(gradCol).
     *
     * @param grid the window over the images
     * @param col [B·P, C·kh·kw] the gradient of the columns; not modified
     * @param batch B, the number of images
     * @param x [batch, C·H·W] the gradient of the images; overwritten (zeroed, then accumulated into)
     */
    static void col2im(Grid grid, Tensor col, int batch, Tensor x) {
        Spans.fill(x, 0, batch * grid.inSize(), 0.0);
        walk(grid, x, batch, col, true);
    }

    /** Visits col in order, with each entry's image position: copies x into col, or ({@code adjoint}) adds col onto x. */
    private static void walk(Grid grid, Tensor images, int batch, Tensor columns, boolean adjoint) {
        float[] xf = Spans.floats(images);
        float[] colf = Spans.floats(columns);
        double[] x = Spans.doubles(images);
        double[] col = Spans.doubles(columns);
        Window2d w = grid.window();
        int kh = w.kernelHeight();
        int kw = w.kernelWidth();
        int height = grid.height();
        int width = grid.width();
        int k = 0;
        for (int n = 0; n < batch; n++) {
            int image = n * grid.inSize();
            for (int i = 0; i < grid.outHeight(); i++) {
                int top = i * w.strideHeight() - w.padHeight();
                for (int j = 0; j < grid.outWidth(); j++) {
                    int left = j * w.strideWidth() - w.padWidth();
                    for (int c = 0; c < grid.channels(); c++) {
                        int plane = image + c * grid.inPlane();
                        for (int u = 0; u < kh; u++) {
                            int row = top + u;
                            boolean inside = row >= 0 && row < height;
                            for (int v = 0; v < kw; v++, k++) {
                                int column = left + v;
                                boolean in = inside && column >= 0 && column < width;
                                int at = plane + row * width + column;
                                if (adjoint) {
                                    if (in && colf != null) {
                                        xf[at] += colf[k];
                                    } else if (in) {
                                        x[at] += col[k];
                                    }
                                } else if (colf != null) {
                                    colf[k] = in ? xf[at] : 0f;
                                } else {
                                    col[k] = in ? x[at] : 0.0;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
