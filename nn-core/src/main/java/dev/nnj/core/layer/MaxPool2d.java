package dev.nnj.core.layer;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.DType;
import dev.nnj.api.Layer;
import dev.nnj.api.LayerContext;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.StateRequest;
import dev.nnj.api.Tensor;

/**
 * {@code max-pool2d}: the largest value of each window of each channel (PyTorch's
 * {@code nn.MaxPool2d}), from [C, H, W] to [C, OH, OW] (sizes as in {@link Window2d}):
 * y[c, i, j] = max over the window (i, j) of x[c], padded positions counting as -∞. Of equal values
 * the first in the window (row-major) wins, and a NaN wins over numbers, as in PyTorch. Backward
 * routes each output gradient to the position that won, whose index the forward pass keeps in the
 * workspace's state of this layer (in inference too, for saliency). The padding is at most half the
 * kernel, so every window covers part of the image. Built in float32, it compares and routes
 * float32 values (exactly, as the float64 layer would their widened values).
 */
public final class MaxPool2d implements Layer {
    private final Grid grid;
    private final DType dtype;

    /**
     * A max pooling over examples of {@code input}, in float64.
     *
     * @param input the shape of one input example, [C, H, W]
     * @param window the window's size, stride and padding; the padding at most half the size
     * @throws IllegalArgumentException if the padding is more than half the size
     * @throws NullPointerException if an argument is null
     * @throws ShapeMismatchException if {@code input} is not [C, H, W] or the window does not fit it
     */
    public MaxPool2d(Shape input, Window2d window) {
        this(input, window, DType.F64);
    }

    /**
     * A max pooling over examples of {@code input} whose passes take tensors of an element type.
     *
     * @param input the shape of one input example, [C, H, W]
     * @param window the window's size, stride and padding; the padding at most half the size
     * @param dtype {@link DType#F64} or {@link DType#F32}
     * @throws IllegalArgumentException if the padding is more than half the size, or {@code dtype} is
     *     neither type
     * @throws NullPointerException if an argument is null
     * @throws ShapeMismatchException if {@code input} is not [C, H, W] or the window does not fit it
     */
    public MaxPool2d(Shape input, Window2d window, DType dtype) {
        this.grid = Pooling.grid(requireNonNull(input, "input is null"), requireNonNull(window, "window is null"));
        this.dtype = LayerInit.checkFloat(dtype, "max-pool2d");
    }

    /**
     * The window the pooling slides.
     *
     * @return its size, stride and padding
     */
    public Window2d window() {
        return grid.window();
    }

    @Override
    public Shape outputShape(Shape input) {
        grid.check(input);
        return Shape.of(grid.channels(), grid.outHeight(), grid.outWidth());
    }

    /** @return the index in its example of each output's winner, an {@code int[]} for maxBatch·C·OH·OW outputs */
    @Override
    public Object newState(StateRequest request) {
        return new int[request.maxBatch() * grid.channels() * grid.outPlane()];
    }

    @Override
    public void forward(Tensor in, Tensor out, LayerContext context) {
        grid.checkColumns(in);
        int[] winners = Pooling.state(context, in.rows(), grid);
        float[] xf = Spans.floats(in);
        float[] yf = Spans.floats(out);
        double[] x = Spans.doubles(in);
        double[] y = Spans.doubles(out);
        Window2d w = grid.window();
        int width = grid.width();
        int o = 0;
        for (int n = 0; n < in.rows(); n++) {
            for (int c = 0; c < grid.channels(); c++) {
                int plane = n * grid.inSize() + c * grid.inPlane();
                for (int i = 0; i < grid.outHeight(); i++) {
                    int top = i * w.strideHeight() - w.padHeight();
                    int rowFrom = Math.max(top, 0);
                    int rowTo = Math.min(top + w.kernelHeight(), grid.height());
                    for (int j = 0; j < grid.outWidth(); j++, o++) {
                        int left = j * w.strideWidth() - w.padWidth();
                        int colFrom = Math.max(left, 0);
                        int colTo = Math.min(left + w.kernelWidth(), width);
                        int best = rowFrom * width + colFrom;
                        double max = Double.NEGATIVE_INFINITY;
                        for (int r = rowFrom; r < rowTo; r++) {
                            for (int q = colFrom; q < colTo; q++) {
                                int at = plane + r * width + q;
                                double v = xf != null ? xf[at] : x[at];
                                if (v > max || Double.isNaN(v)) {
                                    max = v;
                                    best = r * width + q;
                                }
                            }
                        }
                        if (yf != null) {
                            yf[o] = (float) max;
                        } else {
                            y[o] = max;
                        }
                        winners[o] = c * grid.inPlane() + best;
                    }
                }
            }
        }
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, LayerContext context) {
        if (gradIn == null) {
            return;
        }
        int batch = gradOut.rows();
        int[] winners = Pooling.state(context, batch, grid);
        float[] gf = Spans.floats(gradOut);
        float[] df = Spans.floats(gradIn);
        double[] g = Spans.doubles(gradOut);
        double[] d = Spans.doubles(gradIn);
        int size = grid.inSize();
        Spans.fill(gradIn, 0, batch * size, 0.0);
        int outputs = grid.channels() * grid.outPlane();
        for (int n = 0, o = 0; n < batch; n++) {
            int image = n * size;
            for (int k = 0; k < outputs; k++, o++) {
                if (df != null) {
                    df[image + winners[o]] += gf[o];
                } else {
                    d[image + winners[o]] += g[o];
                }
            }
        }
    }

    /** The element type it was built in ({@link #MaxPool2d(Shape, Window2d, DType)}). */
    @Override
    public boolean supports(DType type) {
        return type == dtype;
    }

    @Override
    public String toString() {
        return "MaxPool2d[" + grid.input() + ", " + grid.window() + "]";
    }
}
