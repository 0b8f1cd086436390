package com.acme.nnj.spi2;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.Buffer;
import dev.nnj.api.Kernels;
import dev.nnj.api.Layer;
import dev.nnj.api.LayerContext;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.StateRequest;
import dev.nnj.api.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * {@code acme.channel-mix}, the Layer SPI 2 example of docs/extending.md: scales each channel of an
 * image [C, H, W] to unit root mean square, then mixes the channels at every position as a 1×1
 * convolution without bias: x̂[c, p] = x[c, p]/s[c], y[f, p] = Σ_c W[f, c]·x̂[c, p], output
 * [F, H, W].
 *
 * <ul>
 *   <li>Training: s[c] = √(mean of x[c, p]² over the batch and the positions + ε); the buffer
 *       {@code running_rms} moves toward it, {@code running = (1 - momentum)·running + momentum·s},
 *       and {@code num_batches_tracked} counts training batches.
 *   <li>Inference: s = {@code running_rms}; no buffer changes.
 * </ul>
 *
 * Parameter {@code weight} (W, kept as [F, C], saved as PyTorch's {@code Conv2d} weight [F, C, 1, 1]);
 * buffers {@code running_rms} ([C], 1) and {@code num_batches_tracked} ([], I64). The products run
 * on the kernels the provider was given, one strided {@link Kernels#gemm} per example.
 */
public final class ChannelMix implements Layer {
    private static final double EPS = 1e-5;

    private final Shape input;
    private final int channels;
    private final int positions;
    private final int filters;
    private final double momentum;
    private final Kernels kernels;
    private final Parameter weight;
    private final Tensor runningRms;
    private final Tensor batches;
    private final List<Buffer> buffers;

    /**
     * A channel mix with W = 0 and running_rms = 1.
     *
     * @param input the shape of one example, [C, H, W] ({@link #outputShape} refuses any other)
     * @param filters F, the number of output channels, at least 1
     * @param momentum the weight of a batch in running_rms, in [0, 1]
     * @param kernels what computes the products, e.g. {@code BuildContext.kernels()}
     * @throws IllegalArgumentException if {@code filters} or {@code momentum} is out of range
     */
    public ChannelMix(Shape input, int filters, double momentum, Kernels kernels) {
        this.input = requireNonNull(input, "input is null");
        this.kernels = requireNonNull(kernels, "kernels is null");
        if (filters < 1 || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("acme.channel-mix: filters must be >= 1 and momentum in [0, 1]; got "
                    + "filters " + filters + ", momentum " + momentum + ".");
        }
        this.channels = input.dim(0);
        this.positions = input.size() / channels;
        this.filters = filters;
        this.momentum = momentum;
        this.weight = Parameter.of("weight", ParameterRole.WEIGHT, Tensor.zeros(filters, channels),
                Shape.of(filters, channels, 1, 1));
        this.runningRms = Tensor.zeros(1, channels);
        Arrays.fill(runningRms.data(), 1.0);
        this.batches = Tensor.zeros(1, 1);
        this.buffers = List.of(Buffer.of("running_rms", runningRms, Shape.of(channels)),
                Buffer.ofInt64("num_batches_tracked", batches, Shape.scalar()));
    }

    @Override
    public Shape outputShape(Shape in) {
        if (in.rank() != 3 || !in.equals(input)) {
            throw new ShapeMismatchException("input has shape " + in + "; acme.channel-mix takes images [C, H, W]"
                    + (input.rank() == 3 ? " and was built for " + input : "") + ".");
        }
        return Shape.of(filters, in.dim(1), in.dim(2));
    }

    @Override
    public Object newState(StateRequest request) {
        int values = request.maxBatch() * channels * positions;
        return new State(new double[values], new double[values], new double[channels]);
    }

    /** Per-pass data of one workspace: x̂ and dL/dx̂ of the last passes, and 1/s per channel. */
    private record State(double[] xhat, double[] gradXhat, double[] invRms) {
    }

    @Override
    public void forward(Tensor in, Tensor out, LayerContext context) {
        int width = channels * positions;
        if (in.cols() != width) {
            throw new ShapeMismatchException("input has " + in.cols() + " values; expected [*, " + width + "] (shape "
                    + input + "), got " + in.shapeString() + ".");
        }
        State s = context.state();
        if (context.mode() == Mode.TRAIN) {
            batchRms(in, s);
        } else {
            for (int c = 0; c < channels; c++) {
                s.invRms[c] = 1.0 / runningRms.data()[c];
            }
        }
        double[] x = in.data();
        for (int i = 0, n = in.size(); i < n; i++) {
            s.xhat[i] = x[i] * s.invRms[i % width / positions];
        }
        for (int b = 0, rows = in.rows(); b < rows; b++) {
            // y_b [F, P] = W [F, C] · x̂_b [C, P], both inside larger arrays
            kernels.gemm(false, false, filters, positions, channels, 1.0, weight.value().data(), 0, channels,
                    s.xhat, b * width, positions, 0.0, out.data(), b * filters * positions, positions);
        }
    }

    private void batchRms(Tensor in, State s) {
        double[] x = in.data();
        int width = channels * positions;
        double n = (double) in.rows() * positions;
        for (int c = 0; c < channels; c++) {
            double squares = 0;
            for (int r = 0, rows = in.rows(); r < rows; r++) {
                for (int i = r * width + c * positions, end = i + positions; i < end; i++) {
                    squares += x[i] * x[i];
                }
            }
            double rms = Math.sqrt(squares / n + EPS);
            s.invRms[c] = 1.0 / rms;
            runningRms.data()[c] = (1 - momentum) * runningRms.data()[c] + momentum * rms;
        }
        batches.data()[0] += 1;
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, LayerContext context) {
        State s = context.state();
        int width = channels * positions;
        double[] dy = gradOut.data();
        if (gradIn != null) {
            for (int b = 0, rows = in.rows(); b < rows; b++) {
                // dL/dx̂_b [C, P] = Wᵀ [C, F] · dy_b [F, P]
                kernels.gemm(true, false, channels, positions, filters, 1.0, weight.value().data(), 0, channels,
                        dy, b * filters * positions, positions, 0.0, s.gradXhat, b * width, positions);
            }
            inputGradient(in.rows(), s, context.mode() == Mode.TRAIN, gradIn.data());
        }
        for (int b = 0, rows = in.rows(); b < rows; b++) {
            // dW [F, C] += dy_b [F, P] · x̂_bᵀ [P, C]
            kernels.gemm(false, true, filters, channels, positions, 1.0, dy, b * filters * positions, positions,
                    s.xhat, b * width, positions, 1.0, weight.gradient().data(), 0, channels);
        }
        context.gradients().gradientReady(weight, 0, weight.value().size());
    }

    /** dL/dx = (dL/dx̂ - x̂·mean(dL/dx̂ ⊙ x̂))/s per channel in training (s depends on x), dL/dx̂ / s else. */
    private void inputGradient(int rows, State s, boolean training, double[] dx) {
        int width = channels * positions;
        double n = (double) rows * positions;
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int r = 0; training && r < rows; r++) {
                for (int i = r * width + c * positions, end = i + positions; i < end; i++) {
                    sum += s.gradXhat[i] * s.xhat[i];
                }
            }
            double mean = sum / n;
            for (int r = 0; r < rows; r++) {
                for (int i = r * width + c * positions, end = i + positions; i < end; i++) {
                    dx[i] = s.invRms[c] * (s.gradXhat[i] - s.xhat[i] * mean);
                }
            }
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight);
    }

    @Override
    public List<Buffer> buffers() {
        return buffers;
    }

    /**
     * W, to initialise or inspect it.
     *
     * @return the weight, [F, C], saved as [F, C, 1, 1]
     */
    public Parameter weight() {
        return weight;
    }

    @Override
    public String toString() {
        return "ChannelMix[" + input + " -> " + filters + " channels, momentum=" + momentum + "]";
    }
}
