package dev.nnj.core.layer;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.DType;
import dev.nnj.api.Layer;
import dev.nnj.api.LayerContext;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;

/**
 * {@code avg-pool2d}: the mean of each window of each channel (PyTorch's {@code nn.AvgPool2d} with
 * {@code count_include_pad=True}), from [C, H, W] to [C, OH, OW] (sizes as in {@link Window2d}):
 * y[c, i, j] = (1 / (kh·kw)) Σ over the window (i, j) of x[c], padded positions counting as 0 (the
 * divisor is always kh·kw). Backward spreads each output gradient, divided by kh·kw, over its
 * window. The padding is at most half the kernel. It keeps no per-pass data. Built in float32, it
 * sums each window in double and rounds the mean once; backward adds the float32 share.
 */
public final class AvgPool2d implements Layer {
    private final Grid grid;
    private final DType dtype;

    /**
     * An average pooling over examples of {@code input}, in float64.
     *
     * @param input the shape of one input example, [C, H, W]
     * @param window the window's size, stride and padding; the padding at most half the size
     * @throws IllegalArgumentException if the padding is more than half the size
     * @throws NullPointerException if an argument is null
     * @throws ShapeMismatchException if {@code input} is not [C, H, W] or the window does not fit it
     */
    public AvgPool2d(Shape input, Window2d window) {
        this(input, window, DType.F64);
    }

    /**
     * An average pooling over examples of {@code input} whose passes take tensors of an element type.
     *
     * @param input the shape of one input example, [C, H, W]
     * @param window the window's size, stride and padding; the padding at most half the size
     * @param dtype {@link DType#F64} or {@link DType#F32}
     * @throws IllegalArgumentException if the padding is more than half the size, or {@code dtype} is
     *     neither type
     * @throws NullPointerException if an argument is null
     * @throws ShapeMismatchException if {@code input} is not [C, H, W] or the window does not fit it
     */
    public AvgPool2d(Shape input, Window2d window, DType dtype) {
        this.grid = Pooling.grid(requireNonNull(input, "input is null"), requireNonNull(window, "window is null"));
        this.dtype = LayerInit.checkFloat(dtype, "avg-pool2d");
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

    @Override
    public void forward(Tensor in, Tensor out, LayerContext context) {
        grid.checkColumns(in);
        pass(in.rows(), in, out, false);
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, LayerContext context) {
        if (gradIn == null) {
            return;
        }
        int batch = gradOut.rows();
        Spans.fill(gradIn, 0, batch * grid.inSize(), 0.0);
        pass(batch, gradIn, gradOut, true);
    }

    /** The element type it was built in ({@link #AvgPool2d(Shape, Window2d, DType)}). */
    @Override
    public boolean supports(DType type) {
        return type == dtype;
    }

    /**
     * Walks every window: forward, y[o] = Σ x / (kh·kw); backward ({@code adjoint}), x += y[o] / (kh·kw)
     * over the window, x then being the input gradient and y the output gradient. Divides, as PyTorch does.
     * x and y are of one element type; the sums are in double.
     */
    private void pass(int batch, Tensor xs, Tensor ys, boolean adjoint) {
        float[] xf = Spans.floats(xs);
        float[] yf = Spans.floats(ys);
        double[] x = Spans.doubles(xs);
        double[] y = Spans.doubles(ys);
        Window2d w = grid.window();
        double area = w.kernelHeight() * w.kernelWidth();
        int width = grid.width();
        int o = 0;
        for (int n = 0; n < batch; n++) {
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
                        if (adjoint) {
                            double share = (yf != null ? yf[o] : y[o]) / area;
                            for (int r = rowFrom; r < rowTo; r++) {
                                for (int q = colFrom; q < colTo; q++) {
                                    int at = plane + r * width + q;
                                    if (xf != null) {
                                        xf[at] += (float) share;
                                    } else {
                                        x[at] += share;
                                    }
                                }
                            }
                        } else {
                            double sum = 0;
                            for (int r = rowFrom; r < rowTo; r++) {
                                for (int q = colFrom; q < colTo; q++) {
                                    int at = plane + r * width + q;
                                    sum += xf != null ? xf[at] : x[at];
                                }
                            }
                            if (yf != null) {
                                yf[o] = (float) (sum / area);
                            } else {
                                y[o] = sum / area;
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "AvgPool2d[" + grid.input() + ", " + grid.window() + "]";
    }
}
