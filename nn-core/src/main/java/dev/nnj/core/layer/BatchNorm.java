package dev.nnj.core.layer;

import dev.nnj.api.Buffer;
import dev.nnj.api.GradientListener;
import dev.nnj.api.Layer;
import dev.nnj.api.LayerContext;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.StateRequest;
import dev.nnj.api.Tensor;
import dev.nnj.api.TrainingException;
import java.util.Arrays;
import java.util.List;

/**
 * {@code batch-norm}: batch normalisation per channel, as PyTorch's {@code BatchNorm1d} (input [C]
 * or [C, L]) and {@code BatchNorm2d} (input [C, H, W]): y = γ·(x - μ)/√(σ² + ε) + β, the statistics
 * taken per channel over the batch and every position.
 *
 * <ul>
 *   <li>Training: μ and σ² are the batch's mean and biased variance; the running statistics move
 *       toward them, {@code running = (1 - momentum)·running + momentum·batch}, the variance's
 *       unbiased (×n/(n - 1)); {@code num_batches_tracked} counts training batches. A batch of one
 *       value per channel is refused, as PyTorch does.
 *   <li>Inference: the running statistics; no buffer changes.
 * </ul>
 *
 * Parameters {@code weight} (γ, [C], starts at 1) and {@code bias} (β, [C], 0); buffers
 * {@code running_mean} ([C], 0), {@code running_var} ([C], 1) and {@code num_batches_tracked} ([],
 * I64), named and shaped as PyTorch's. Keys {@code momentum} (0.1) and {@code eps} (1e-5). The
 * normalised values and statistics of the last forward pass are kept in the workspace's state.
 */
public final class BatchNorm implements Layer {
    private final Shape input;
    private final int channels;
    private final int positions;
    private final double momentum;
    private final double eps;
    private final Parameter weight;
    private final Parameter bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor batches;
    private final List<Buffer> buffers;

    /**
     * A batch-norm layer with γ = 1, β = 0, running mean 0 and running variance 1.
     *
     * @param input the shape of one example: [C] or [C, ...]; statistics per C
     * @param momentum the weight of a batch in the running statistics, in [0, 1]
     * @param eps added to the variance, &gt; 0
     * @throws IllegalArgumentException if {@code momentum} or {@code eps} is out of range
     */
    public BatchNorm(Shape input, double momentum, double eps) {
        if (!(momentum >= 0 && momentum <= 1) || !(eps > 0)) {
            throw new IllegalArgumentException("batch-norm: momentum must be in [0, 1] and eps > 0; got momentum "
                    + momentum + ", eps " + eps + ".");
        }
        this.input = input;
        this.channels = input.dim(0);
        this.positions = input.size() / channels;
        this.momentum = momentum;
        this.eps = eps;
        Tensor gamma = Tensor.zeros(1, channels);
        Arrays.fill(gamma.data(), 1.0);
        this.weight = Parameter.of("weight", ParameterRole.WEIGHT, gamma, Shape.of(channels));
        this.bias = Parameter.of("bias", ParameterRole.BIAS, Tensor.zeros(1, channels), Shape.of(channels));
        this.runningMean = Tensor.zeros(1, channels);
        this.runningVar = Tensor.zeros(1, channels);
        Arrays.fill(runningVar.data(), 1.0);
        this.batches = Tensor.zeros(1, 1);
        this.buffers = List.of(Buffer.of("running_mean", runningMean, Shape.of(channels)),
                Buffer.of("running_var", runningVar, Shape.of(channels)),
                Buffer.ofInt64("num_batches_tracked", batches, Shape.scalar()));
    }

    /**
     * γ, to initialise or inspect it.
     *
     * @return the scale, [1, C], saved as [C]
     */
    public Parameter weight() {
        return weight;
    }

    /**
     * β, to initialise or inspect it.
     *
     * @return the shift, [1, C], saved as [C]
     */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Shape outputShape(Shape in) {
        if (!in.equals(input)) {
            throw new ShapeMismatchException("input has shape " + in + "; this batch-norm was built for " + input
                    + " (statistics per " + channels + " channels).");
        }
        return in;
    }

    @Override
    public Object newState(StateRequest request) {
        return new State(new double[request.maxBatch() * input.size()], new double[channels], new double[channels]);
    }

    @Override
    public void forward(Tensor in, Tensor out, LayerContext context) {
        if (in.cols() != input.size()) {
            throw new ShapeMismatchException("input has " + in.cols() + " values; expected [*, " + input.size()
                    + "] (shape " + input + "), got " + in.shapeString() + ".");
        }
        State s = context.state();
        if (context.mode() == Mode.TRAIN) {
            batchStatistics(in, s);
        } else {
            for (int c = 0; c < channels; c++) {
                s.mean[c] = runningMean.data()[c];
                s.invStd[c] = 1.0 / Math.sqrt(runningVar.data()[c] + eps);
            }
        }
        double[] x = in.data();
        double[] y = out.data();
        double[] g = weight.value().data();
        double[] b = bias.value().data();
        int width = input.size();
        for (int r = 0, rows = in.rows(); r < rows; r++) {
            for (int c = 0; c < channels; c++) {
                int from = r * width + c * positions;
                double mean = s.mean[c];
                double invStd = s.invStd[c];
                for (int i = from; i < from + positions; i++) {
                    double xhat = (x[i] - mean) * invStd;
                    s.xhat[i] = xhat;
                    y[i] = g[c] * xhat + b[c];
                }
            }
        }
    }

    private void batchStatistics(Tensor in, State s) {
        long n = (long) in.rows() * positions;
        if (n < 2) {
            throw new TrainingException("batch-norm: a training batch of " + in.rows() + " example" + (in.rows() == 1
                    ? "" : "s") + " gives " + n + " value per channel; batch statistics need at least 2 (as in "
                    + "PyTorch). Choose a batch size that leaves no final batch of one example, or set "
                    + "\"dropLast\": true.");
        }
        double[] x = in.data();
        int width = input.size();
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int r = 0, rows = in.rows(); r < rows; r++) {
                for (int i = r * width + c * positions, end = i + positions; i < end; i++) {
                    sum += x[i];
                }
            }
            double mean = sum / n;
            double squares = 0;
            for (int r = 0, rows = in.rows(); r < rows; r++) {
                for (int i = r * width + c * positions, end = i + positions; i < end; i++) {
                    double d = x[i] - mean;
                    squares += d * d;
                }
            }
            double variance = squares / n;
            s.mean[c] = mean;
            s.invStd[c] = 1.0 / Math.sqrt(variance + eps);
            runningMean.data()[c] = (1 - momentum) * runningMean.data()[c] + momentum * mean;
            runningVar.data()[c] = (1 - momentum) * runningVar.data()[c] + momentum * squares / (n - 1);
        }
        batches.data()[0] += 1;
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, LayerContext context) {
        State s = context.state();
        boolean training = context.mode() == Mode.TRAIN;
        double[] dy = gradOut.data();
        double[] g = weight.value().data();
        double[] dg = weight.gradient().data();
        double[] db = bias.gradient().data();
        int width = input.size();
        int rows = in.rows();
        double n = (double) rows * positions;
        for (int c = 0; c < channels; c++) {
            double sumDy = 0;
            double sumDyXhat = 0;
            for (int r = 0; r < rows; r++) {
                for (int i = r * width + c * positions, end = i + positions; i < end; i++) {
                    sumDy += dy[i];
                    sumDyXhat += dy[i] * s.xhat[i];
                }
            }
            if (gradIn != null) {
                double[] dx = gradIn.data();
                double scale = g[c] * s.invStd[c];
                double meanDy = training ? sumDy / n : 0;
                double meanDyXhat = training ? sumDyXhat / n : 0;
                for (int r = 0; r < rows; r++) {
                    for (int i = r * width + c * positions, end = i + positions; i < end; i++) {
                        dx[i] = scale * (dy[i] - meanDy - s.xhat[i] * meanDyXhat);
                    }
                }
            }
            dg[c] += sumDyXhat;
            db[c] += sumDy;
        }
        GradientListener ready = context.gradients();
        ready.gradientReady(weight, 0, channels);
        ready.gradientReady(bias, 0, channels);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public List<Buffer> buffers() {
        return buffers;
    }

    @Override
    public String toString() {
        return "BatchNorm[" + input + ", momentum=" + momentum + ", eps=" + eps + "]";
    }

    /** The normalised values and the statistics of the last forward pass in one workspace. */
    private record State(double[] xhat, double[] mean, double[] invStd) {
    }
}
