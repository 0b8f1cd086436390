package dev.nnj.core.layer;

import dev.nnj.api.Buffer;
import dev.nnj.api.DType;
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
 *
 * <p>Built in float32, γ, β, the running statistics and the normalised values are float32 and the
 * per-value work is float arithmetic; the batch's mean and variance, the running statistics'
 * update and the gradients' sums per channel are computed in double from the float32 values, and
 * rounded once. {@code num_batches_tracked} stays an I64 buffer.
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
     * A batch-norm layer with γ = 1, β = 0, running mean 0 and running variance 1, in float64.
     *
     * @param input the shape of one example: [C] or [C, ...]; statistics per C
     * @param momentum the weight of a batch in the running statistics, in [0, 1]
     * @param eps added to the variance, &gt; 0
     * @throws IllegalArgumentException if {@code momentum} or {@code eps} is out of range
     */
    public BatchNorm(Shape input, double momentum, double eps) {
        this(input, momentum, eps, DType.F64);
    }

    /**
     * A batch-norm layer with γ = 1, β = 0, running mean 0 and running variance 1, whose parameters,
     * running statistics, state and passes are of an element type.
     *
     * @param input the shape of one example: [C] or [C, ...]; statistics per C
     * @param momentum the weight of a batch in the running statistics, in [0, 1]
     * @param eps added to the variance, &gt; 0
     * @param dtype {@link DType#F64} or {@link DType#F32}
     * @throws IllegalArgumentException if {@code momentum} or {@code eps} is out of range, or
     *     {@code dtype} is neither type
     * @throws NullPointerException if {@code dtype} is null
     */
    public BatchNorm(Shape input, double momentum, double eps, DType dtype) {
        LayerInit.checkFloat(dtype, "batch-norm");
        if (!(momentum >= 0 && momentum <= 1) || !(eps > 0)) {
            throw new IllegalArgumentException("batch-norm: momentum must be in [0, 1] and eps > 0; got momentum "
                    + momentum + ", eps " + eps + ".");
        }
        this.input = input;
        this.channels = input.dim(0);
        this.positions = input.size() / channels;
        this.momentum = momentum;
        this.eps = eps;
        Tensor gamma = Tensor.zeros(1, channels, dtype);
        Spans.fill(gamma, 0, channels, 1.0);
        this.weight = Parameter.of("weight", ParameterRole.WEIGHT, gamma, Shape.of(channels));
        this.bias = Parameter.of("bias", ParameterRole.BIAS, Tensor.zeros(1, channels, dtype), Shape.of(channels));
        this.runningMean = Tensor.zeros(1, channels, dtype);
        this.runningVar = Tensor.zeros(1, channels, dtype);
        Spans.fill(runningVar, 0, channels, 1.0);
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
        return new State(Tensor.zeros(request.maxBatch(), input.size(), weight.value().dtype()), new double[channels],
                new double[channels]);
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
                s.mean[c] = runningMean.get(c);
                s.invStd[c] = 1.0 / Math.sqrt(runningVar.get(c) + eps);
            }
        }
        int width = input.size();
        for (int r = 0, rows = in.rows(); r < rows; r++) {
            for (int c = 0; c < channels; c++) {
                int from = r * width + c * positions;
                normalise(in, s.xhat, out, from, from + positions, s.mean[c], s.invStd[c], c);
            }
        }
    }

    /** x̂ = (x - mean)·invStd and y = γ[c]·x̂ + β[c] over [from, to), in the tensors' element type. */
    private void normalise(Tensor in, Tensor xhat, Tensor out, int from, int to, double mean, double invStd, int c) {
        if (in.dtype() == DType.F32) {
            float[] x = in.floatData();
            float[] h = xhat.floatData();
            float[] y = out.floatData();
            float m = (float) mean;
            float scale = (float) invStd;
            float g = weight.value().floatData()[c];
            float b = bias.value().floatData()[c];
            for (int i = from; i < to; i++) {
                h[i] = (x[i] - m) * scale;
                y[i] = g * h[i] + b;
            }
            return;
        }
        double[] x = in.data();
        double[] h = xhat.data();
        double[] y = out.data();
        double g = weight.value().data()[c];
        double b = bias.value().data()[c];
        for (int i = from; i < to; i++) {
            double v = (x[i] - mean) * invStd;
            h[i] = v;
            y[i] = g * v + b;
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
        int width = input.size();
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int r = 0, rows = in.rows(); r < rows; r++) {
                int from = r * width + c * positions;
                sum = Spans.sum(sum, in, from, from + positions);
            }
            double mean = sum / n;
            double squares = 0;
            for (int r = 0, rows = in.rows(); r < rows; r++) {
                int from = r * width + c * positions;
                squares = Spans.squares(squares, in, from, from + positions, mean);
            }
            double variance = squares / n;
            s.mean[c] = mean;
            s.invStd[c] = 1.0 / Math.sqrt(variance + eps);
            runningMean.set(c, (1 - momentum) * runningMean.get(c) + momentum * mean);
            runningVar.set(c, (1 - momentum) * runningVar.get(c) + momentum * squares / (n - 1));
        }
        batches.data()[0] += 1;
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, LayerContext context) {
        State s = context.state();
        boolean training = context.mode() == Mode.TRAIN;
        Tensor dg = weight.gradient();
        Tensor db = bias.gradient();
        int width = input.size();
        int rows = in.rows();
        double n = (double) rows * positions;
        for (int c = 0; c < channels; c++) {
            double sumDy = 0;
            double sumDyXhat = 0;
            for (int r = 0; r < rows; r++) {
                int from = r * width + c * positions;
                sumDy = Spans.sum(sumDy, gradOut, from, from + positions);
                sumDyXhat = Spans.dot(sumDyXhat, gradOut, s.xhat, from, from + positions);
            }
            if (gradIn != null) {
                double scale = weight.value().get(c) * s.invStd[c];
                double meanDy = training ? sumDy / n : 0;
                double meanDyXhat = training ? sumDyXhat / n : 0;
                for (int r = 0; r < rows; r++) {
                    int from = r * width + c * positions;
                    inputGradient(gradOut, s.xhat, gradIn, from, from + positions, scale, meanDy, meanDyXhat);
                }
            }
            dg.set(c, dg.get(c) + sumDyXhat);
            db.set(c, db.get(c) + sumDy);
        }
        GradientListener ready = context.gradients();
        ready.gradientReady(weight, 0, channels);
        ready.gradientReady(bias, 0, channels);
    }

    /** dx = scale·(dy - meanDy - x̂·meanDyXhat) over [from, to), in the tensors' element type. */
    private static void inputGradient(Tensor gradOut, Tensor xhat, Tensor gradIn, int from, int to, double scale,
            double meanDy, double meanDyXhat) {
        float[] dyf = Spans.floats(gradOut);
        if (dyf != null) {
            float[] h = xhat.floatData();
            float[] dx = gradIn.floatData();
            float k = (float) scale;
            float m = (float) meanDy;
            float mh = (float) meanDyXhat;
            for (int i = from; i < to; i++) {
                dx[i] = k * (dyf[i] - m - h[i] * mh);
            }
            return;
        }
        double[] dy = gradOut.data();
        double[] h = xhat.data();
        double[] dx = gradIn.data();
        for (int i = from; i < to; i++) {
            dx[i] = scale * (dy[i] - meanDy - h[i] * meanDyXhat);
        }
    }

    /** The element type it was built in ({@link #BatchNorm(Shape, double, double, DType)}). */
    @Override
    public boolean supports(DType type) {
        return type == weight.value().dtype();
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

    /**
     * The normalised values (in the layer's element type) and the statistics per channel (in double)
     * of the last forward pass in one workspace.
     */
    private record State(Tensor xhat, double[] mean, double[] invStd) {
    }
}
