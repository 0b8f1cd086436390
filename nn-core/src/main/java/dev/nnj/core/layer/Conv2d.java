package dev.nnj.core.layer;

import static java.util.Objects.requireNonNull;

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
        requireNonNull(input, "input is null");
        requireNonNull(window, "window is null");
        this.kernels = requireNonNull(kernels, "kernels is null");
        if (filters < 1) {
            throw new IllegalArgumentException("A conv2d layer needs filters >= 1; got " + filters + ".");
        }
        this.grid = Grid.of(input, window);
        this.filters = filters;
        int c = grid.channels();
        int kh = window.kernelHeight();
        int kw = window.kernelWidth();
        this.weight = Parameter.of("weight", ParameterRole.WEIGHT, Tensor.zeros(filters, c * kh * kw),
                Shape.of(filters, c, kh, kw));
        this.bias = bias ? Parameter.of("bias", ParameterRole.BIAS, Tensor.zeros(1, filters), Shape.of(filters)) : null;
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
        return new Scratch(Tensor.zeros(rows, patch), Tensor.zeros(rows, filters), Tensor.zeros(rows, patch));
    }

    @Override
    public void forward(Tensor in, Tensor out, LayerContext context) {
        grid.checkColumns(in);
        Scratch s = Scratch.of(context);
        int batch = in.rows();
        s.rows(batch, grid.outPlane());
        Im2col.im2col(grid, in.data(), batch, s.col.data());
        kernels.multTransB(s.col, weight.value(), s.tmp);
        double[] t = s.tmp.data();
        double[] y = out.data();
        double[] b = bias == null ? null : bias.value().data();
        int p = grid.outPlane();
        for (int n = 0; n < batch; n++) {
            for (int f = 0; f < filters; f++) {
                double shift = b == null ? 0.0 : b[f];
                int o = (n * filters + f) * p;
                int row = n * p;
                for (int q = 0; q < p; q++) {
                    y[o + q] = t[(row + q) * filters + f] + shift;
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
        double[] g = gradOut.data();
        double[] dt = s.tmp.data();
        for (int n = 0; n < batch; n++) {
            for (int f = 0; f < filters; f++) {
                int o = (n * filters + f) * p;
                int row = n * p;
                for (int q = 0; q < p; q++) {
                    dt[(row + q) * filters + f] = g[o + q];
                }
            }
        }
        if (gradIn != null) {
            kernels.mult(s.tmp, weight.value(), s.dCol);
            Im2col.col2im(grid, s.dCol.data(), batch, gradIn.data());
        }
        GradientListener ready = context.gradients();
        kernels.multAddTransA(s.tmp, s.col, weight, ready);
        if (bias != null) {
            double[] db = bias.gradient().data();
            for (int n = 0; n < batch; n++) {
                for (int f = 0; f < filters; f++) {
                    int o = (n * filters + f) * p;
                    double sum = 0;
                    for (int q = 0; q < p; q++) {
                        sum += g[o + q];
                    }
                    db[f] += sum;
                }
            }
            ready.gradientReady(bias, 0, filters);
        }
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
