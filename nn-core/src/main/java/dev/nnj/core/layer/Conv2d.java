package dev.nnj.core.layer;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.DType;
import dev.nnj.api.GradientListener;
import dev.nnj.api.Kernels;
import dev.nnj.api.Layer;
import dev.nnj.api.LayerContext;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.StateRequest;
import dev.nnj.api.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * {@code conv2d}: a 2-D convolution (PyTorch's {@code nn.Conv2d}, cross-correlation, zero padding),
 * from images [C, H, W] to [F, OH, OW] (sizes as in {@link Window2d}):
 * y[f, i, j] = b[f] + Σ_c Σ_u Σ_v W[f, c, u, v] · x[c, i·sh - ph + u, j·sw - pw + v].
 *
 * <p>Computed with im2col ({@link Im2col}) and the backend's products, for the whole batch at once
 * (P = OH·OW, K = C·kh·kw, W kept as [F, K]):
 * <ul>
 *   <li>forward: col [B·P, K] = im2col(x); T [B·P, F] = col·Wᵀ; y[n, f·P + p] = T[n·P + p, f] + b[f];
 *   <li>backward: dT[n·P + p, f] = dY[n, f·P + p]; dX = col2im(dT·W); dW += dTᵀ·col;
 *       db[f] += Σ_n Σ_p dY[n, f·P + p].
 * </ul>
 * The column matrix and the products' scratch live in the workspace's state of this layer
 * ({@link #newState}), so one instance serves any number of workspaces.
 *
 * <p>Built in float32 ({@link #Conv2d(Shape, int, Window2d, boolean, Kernels, DType)}), its
 * parameters, columns and scratch are float32 and the products are the kernels' float32 ones; the
 * bias gradient sums each filter's values in double and rounds once per pass.
 */
public final class Conv2d implements Layer {
    private final Grid grid;
    private final int filters;
    private final Kernels kernels;
    private final Parameter weight;
    private final Parameter bias;
    private final List<Parameter> parameters;

    /**
     * A convolution with zero weights and biases, computing with nn-core's default kernels (EJML);
     * fill them through {@link #weight()} and {@link #bias()}.
     *
     * @param input the shape of one input example, [C, H, W]
     * @param filters F, the output channels, &gt;= 1
     * @param window the kernel [kh, kw], stride and padding
     * @param bias whether the layer adds a bias per filter
     * @throws IllegalArgumentException if {@code filters} is below 1
     * @throws ShapeMismatchException if {@code input} is not [C, H, W] or the kernel does not fit it
     */
    public Conv2d(Shape input, int filters, Window2d window, boolean bias) {
        this(input, filters, window, bias, dev.nnj.core.math.Kernels.defaultKernels());
    }

    /**
     * A convolution with zero weights and biases, computing with {@code kernels}; fill them through
     * {@link #weight()} and {@link #bias()}.
     *
     * @param input the shape of one input example, [C, H, W]
     * @param filters F, the output channels, &gt;= 1
     * @param window the kernel [kh, kw], stride and padding
     * @param bias whether the layer adds a bias per filter
     * @param kernels the matrix products, e.g. from {@code BuildContext.kernels()}
     * @throws IllegalArgumentException if {@code filters} is below 1
     * @throws NullPointerException if {@code input}, {@code window} or {@code kernels} is null
     * @throws ShapeMismatchException if {@code input} is not [C, H, W] or the kernel does not fit it
     */
    public Conv2d(Shape input, int filters, Window2d window, boolean bias, Kernels kernels) {
        this(input, filters, window, bias, kernels, DType.F64);
    }

    /**
     * A convolution with zero weights and biases of an element type, computing with {@code kernels};
     * fill them through {@link #weight()} and {@link #bias()}.
     *
     * @param input the shape of one input example, [C, H, W]
     * @param filters F, the output channels, &gt;= 1
     * @param window the kernel [kh, kw], stride and padding
     * @param bias whether the layer adds a bias per filter
     * @param kernels the matrix products, e.g. from {@code BuildContext.kernels()}; for
     *     {@link DType#F32} they must support it
     * @param dtype {@link DType#F64} or {@link DType#F32}: of the parameters, the state and the passes
     * @throws IllegalArgumentException if {@code filters} is below 1, {@code dtype} is neither type or
     *     {@code kernels} cannot compute in it
     * @throws NullPointerException if {@code input}, {@code window}, {@code kernels} or {@code dtype} is
     *     null
     * @throws ShapeMismatchException if {@code input} is not [C, H, W] or the kernel does not fit it
     */
    public Conv2d(Shape input, int filters, Window2d window, boolean bias, Kernels kernels, DType dtype) {
        requireNonNull(input, "input is null");
        requireNonNull(window, "window is null");
        this.kernels = requireNonNull(kernels, "kernels is null");
        if (filters < 1) {
            throw new IllegalArgumentException("A conv2d layer needs filters >= 1; got " + filters + ".");
        }
        if (!kernels.supports(LayerInit.checkFloat(dtype, "conv2d"))) {
            throw new IllegalArgumentException("The kernels " + kernels.description() + " do not compute in " + dtype
                    + "; choose another backend or dtype.");
        }
        this.grid = Grid.of(input, window);
        this.filters = filters;
        int c = grid.channels();
        int kh = window.kernelHeight();
        int kw = window.kernelWidth();
        this.weight = Parameter.of("weight", ParameterRole.WEIGHT, Tensor.zeros(filters, c * kh * kw, dtype),
                Shape.of(filters, c, kh, kw));
        this.bias = bias ? Parameter.of("bias", ParameterRole.BIAS, Tensor.zeros(1, filters, dtype), Shape.of(filters))
                : null;
        this.parameters = bias ? List.of(weight, this.bias) : List.of(weight);
    }

    /**
     * The number of output channels.
     *
     * @return F
     */
    public int filters() {
        return filters;
    }

    /**
     * The window the kernel slides with.
     *
     * @return the kernel size, stride and padding
     */
    public Window2d window() {
        return grid.window();
    }

    /**
     * The kernels, to initialise or inspect them.
     *
     * @return W, kept as [F, C·kh·kw] and saved as [F, C, kh, kw], named {@code weight}
     */
    public Parameter weight() {
        return weight;
    }

    /**
     * The bias, to initialise or inspect it.
     *
     * @return b, kept as [1, F] and saved as [F], named {@code bias}; empty for a layer without bias
     */
    public Optional<Parameter> bias() {
        return Optional.ofNullable(bias);
    }

    @Override
    public Shape outputShape(Shape input) {
        grid.check(input);
        return Shape.of(filters, grid.outHeight(), grid.outWidth());
    }

    @Override
    public Object newState(StateRequest request) {
        int rows = request.maxBatch() * grid.outPlane();
        int patch = weight.value().cols();
        DType type = weight.value().dtype();
        return new Scratch(Tensor.zeros(rows, patch, type), Tensor.zeros(rows, filters, type),
                Tensor.zeros(rows, patch, type));
    }

    @Override
    public void forward(Tensor in, Tensor out, LayerContext context) {
        grid.checkColumns(in);
        Scratch s = Scratch.of(context);
        int batch = in.rows();
        s.rows(batch, grid.outPlane());
        Im2col.im2col(grid, in, batch, s.col);
        kernels.multTransB(s.col, weight.value(), s.tmp);
        reorder(s.tmp, out, batch, true);
    }

    /**
     * Between T [B·P, F] (a row per position) and Y [B, F·P] (the image's layout): forward
     * ({@code toImage}), y[n, f·P + p] = T[n·P + p, f] + b[f]; backward, T[n·P + p, f] = y[n, f·P + p].
     */
    private void reorder(Tensor t, Tensor y, int batch, boolean toImage) {
        float[] tf = Spans.floats(t);
        float[] yf = Spans.floats(y);
        double[] td = Spans.doubles(t);
        double[] yd = Spans.doubles(y);
        int p = grid.outPlane();
        for (int n = 0; n < batch; n++) {
            for (int f = 0; f < filters; f++) {
                double shift = bias == null || !toImage ? 0.0 : bias.value().get(f);
                int o = (n * filters + f) * p;
                int row = n * p;
                for (int q = 0; q < p; q++) {
                    int at = (row + q) * filters + f;
                    if (toImage && yf != null) {
                        yf[o + q] = tf[at] + (float) shift;
                    } else if (toImage) {
                        yd[o + q] = td[at] + shift;
                    } else if (yf != null) {
                        tf[at] = yf[o + q];
                    } else {
                        td[at] = yd[o + q];
                    }
                }
            }
        }
    }

    /** dX first, while W is unchanged; then dW, reported as the kernels finish its parts; then db. */
    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, LayerContext context) {
        Scratch s = Scratch.of(context);
        int batch = gradOut.rows();
        int p = grid.outPlane();
        s.rows(batch, p);
        reorder(s.tmp, gradOut, batch, false);
        if (gradIn != null) {
            kernels.mult(s.tmp, weight.value(), s.dCol);
            Im2col.col2im(grid, s.dCol, batch, gradIn);
        }
        GradientListener ready = context.gradients();
        kernels.multAddTransA(s.tmp, s.col, weight, ready);
        if (bias != null) {
            Tensor db = bias.gradient();
            for (int f = 0; f < filters; f++) {
                double sum = db.get(f);
                for (int n = 0; n < batch; n++) {
                    int o = (n * filters + f) * p;
                    sum += Spans.sum(0, gradOut, o, o + p);
                }
                db.set(f, sum);
            }
            ready.gradientReady(bias, 0, filters);
        }
    }

    /** The element type it was built in ({@link #Conv2d(Shape, int, Window2d, boolean, Kernels, DType)}). */
    @Override
    public boolean supports(DType type) {
        return type == weight.value().dtype();
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return "Conv2d[" + grid.input() + " -> " + outputShape(grid.input()) + ", " + grid.window()
                + (bias == null ? ", no bias" : "") + "]";
    }

    /** One workspace's scratch: the columns of the last forward pass, the products' T or dT, and dCol. */
    private static final class Scratch {
        private final Tensor col;
        private final Tensor tmp;
        private final Tensor dCol;

        Scratch(Tensor col, Tensor tmp, Tensor dCol) {
            this.col = col;
            this.tmp = tmp;
            this.dCol = dCol;
        }

        static Scratch of(LayerContext context) {
            Scratch s = context.state();
            if (s == null) {
                throw new IllegalStateException("conv2d keeps its columns in its state: pass the context of a "
                        + "workspace, or one made with LayerContext.of(mode, layer.newState(request), ...).");
            }
            return s;
        }

        /** Uses batch·p rows of each tensor. */
        void rows(int batch, int p) {
            int rows = batch * p;
            if (rows > col.capacityRows()) {
                throw new ShapeMismatchException("A batch of " + batch + " rows does not fit this layer's state, "
                        + "made for " + col.capacityRows() / p + "; make a state for the larger batch.");
            }
            col.setRows(rows);
            tmp.setRows(rows);
            dCol.setRows(rows);
        }
    }
}
