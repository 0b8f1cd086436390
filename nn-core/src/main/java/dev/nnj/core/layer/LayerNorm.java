package dev.nnj.core.layer;

import dev.nnj.api.DType;
import dev.nnj.api.GradientListener;
import dev.nnj.api.Layer;
import dev.nnj.api.LayerContext;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.StateRequest;
import dev.nnj.api.Tensor;
import java.util.List;

/**
 * {@code layer-norm}: normalises each example over all its values, as PyTorch's
 * {@code LayerNorm(normalized_shape = the example's shape)}: y = γ ⊙ (x - μ)/√(σ² + ε) + β with the
 * example's mean and biased variance, the same in training and inference. Parameters
 * {@code weight} (γ, 1) and {@code bias} (β, 0), each of the example's shape. Key {@code eps}
 * (1e-5). The normalised values of the last forward pass are kept in the workspace's state.
 *
 * <p>Built in float32, γ, β and the normalised values are float32 and the per-value work is float
 * arithmetic; each example's mean and variance, the sums of the input gradient and the gradients
 * of γ and β over the batch are computed in double from the float32 values, and rounded once.
 */
public final class LayerNorm implements Layer {
    private final Shape input;
    private final int width;
    private final double eps;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * A layer-norm with γ = 1 and β = 0, in float64.
     *
     * @param input the shape of one example; γ and β have it too
     * @param eps added to the variance, &gt; 0
     * @throws IllegalArgumentException if {@code eps} is not &gt; 0
     */
    public LayerNorm(Shape input, double eps) {
        this(input, eps, DType.F64);
    }

    /**
     * A layer-norm with γ = 1 and β = 0 whose parameters, state and passes are of an element type.
     *
     * @param input the shape of one example; γ and β have it too
     * @param eps added to the variance, &gt; 0
     * @param dtype {@link DType#F64} or {@link DType#F32}
     * @throws IllegalArgumentException if {@code eps} is not &gt; 0 or {@code dtype} is neither type
     * @throws NullPointerException if {@code dtype} is null
     */
    public LayerNorm(Shape input, double eps, DType dtype) {
        LayerInit.checkFloat(dtype, "layer-norm");
        if (!(eps > 0)) {
            throw new IllegalArgumentException("layer-norm: eps must be > 0; got " + eps + ".");
        }
        this.input = input;
        this.width = input.size();
        this.eps = eps;
        Tensor gamma = Tensor.zeros(1, width, dtype);
        Spans.fill(gamma, 0, width, 1.0);
        this.weight = Parameter.of("weight", ParameterRole.WEIGHT, gamma, input);
        this.bias = Parameter.of("bias", ParameterRole.BIAS, Tensor.zeros(1, width, dtype), input);
    }

    @Override
    public Shape outputShape(Shape in) {
        if (!in.equals(input)) {
            throw new ShapeMismatchException("input has shape " + in + "; this layer-norm was built for " + input + ".");
        }
        return in;
    }

    @Override
    public Object newState(StateRequest request) {
        return new State(Tensor.zeros(request.maxBatch(), width, weight.value().dtype()),
                new double[request.maxBatch()]);
    }

    @Override
    public void forward(Tensor in, Tensor out, LayerContext context) {
        if (in.cols() != width) {
            throw new ShapeMismatchException("input has " + in.cols() + " values; expected [*, " + width
                    + "] (shape " + input + "), got " + in.shapeString() + ".");
        }
        State s = context.state();
        for (int r = 0, rows = in.rows(); r < rows; r++) {
            int from = r * width;
            double mean = Spans.sum(0, in, from, from + width) / width;
            double squares = Spans.squares(0, in, from, from + width, mean);
            double invStd = 1.0 / Math.sqrt(squares / width + eps);
            s.invStd[r] = invStd;
            normalise(in, s.xhat, out, from, mean, invStd);
        }
    }

    /** x̂ = (x - mean)·invStd and y = γ ⊙ x̂ + β over the example at {@code from}, in the tensors' element type. */
    private void normalise(Tensor in, Tensor xhat, Tensor out, int from, double mean, double invStd) {
        if (in.dtype() == DType.F32) {
            float[] x = in.floatData();
            float[] h = xhat.floatData();
            float[] y = out.floatData();
            float[] g = weight.value().floatData();
            float[] b = bias.value().floatData();
            float m = (float) mean;
            float scale = (float) invStd;
            for (int j = 0; j < width; j++) {
                h[from + j] = (x[from + j] - m) * scale;
                y[from + j] = g[j] * h[from + j] + b[j];
            }
            return;
        }
        double[] x = in.data();
        double[] h = xhat.data();
        double[] y = out.data();
        double[] g = weight.value().data();
        double[] b = bias.value().data();
        for (int j = 0; j < width; j++) {
            double v = (x[from + j] - mean) * invStd;
            h[from + j] = v;
            y[from + j] = g[j] * v + b[j];
        }
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, LayerContext context) {
        State s = context.state();
        int rows = in.rows();
        if (gradOut.dtype() == DType.F32) {
            backward32(gradOut, s, gradIn, rows);
        } else {
            backward64(gradOut, s, gradIn, rows);
        }
        GradientListener ready = context.gradients();
        ready.gradientReady(weight, 0, width);
        ready.gradientReady(bias, 0, width);
    }

    /**
     * Per example, with d = dy ⊙ γ: dx = (d - Σd/n - x̂·Σ(d·x̂)/n)/σ; then dγ += dy ⊙ x̂ and dβ += dy.
     */
    private void backward64(Tensor gradOut, State s, Tensor gradIn, int rows) {
        double[] dy = gradOut.data();
        double[] h = s.xhat.data();
        double[] g = weight.value().data();
        double[] dg = weight.gradient().data();
        double[] db = bias.gradient().data();
        for (int r = 0; r < rows; r++) {
            int from = r * width;
            if (gradIn != null) {
                double sum = 0;
                double sumXhat = 0;
                for (int j = 0; j < width; j++) {
                    double d = dy[from + j] * g[j];
                    sum += d;
                    sumXhat += d * h[from + j];
                }
                double[] dx = gradIn.data();
                double invStd = s.invStd[r];
                for (int j = 0; j < width; j++) {
                    double d = dy[from + j] * g[j];
                    dx[from + j] = invStd * (d - sum / width - h[from + j] * sumXhat / width);
                }
            }
            for (int j = 0; j < width; j++) {
                dg[j] += dy[from + j] * h[from + j];
                db[j] += dy[from + j];
            }
        }
    }

    /**
     * {@link #backward64} in float32: the sums of each example, and those of dγ and dβ over the
     * batch (column by column), in double; the input gradient in float.
     */
    private void backward32(Tensor gradOut, State s, Tensor gradIn, int rows) {
        float[] dy = gradOut.floatData();
        float[] h = s.xhat.floatData();
        float[] g = weight.value().floatData();
        for (int r = 0; gradIn != null && r < rows; r++) {
            int from = r * width;
            double sum = 0;
            double sumXhat = 0;
            for (int j = 0; j < width; j++) {
                double d = (double) dy[from + j] * g[j];
                sum += d;
                sumXhat += d * h[from + j];
            }
            float[] dx = gradIn.floatData();
            float invStd = (float) s.invStd[r];
            float meanD = (float) (sum / width);
            float meanDXhat = (float) (sumXhat / width);
            for (int j = 0; j < width; j++) {
                dx[from + j] = invStd * (dy[from + j] * g[j] - meanD - h[from + j] * meanDXhat);
            }
        }
        float[] dg = weight.gradient().floatData();
        float[] db = bias.gradient().floatData();
        for (int j = 0; j < width; j++) {
            double sumG = dg[j];
            double sumB = db[j];
            for (int i = j, end = rows * width; i < end; i += width) {
                sumG += (double) dy[i] * h[i];
                sumB += dy[i];
            }
            dg[j] = (float) sumG;
            db[j] = (float) sumB;
        }
    }

    /** The element type it was built in ({@link #LayerNorm(Shape, double, DType)}). */
    @Override
    public boolean supports(DType type) {
        return type == weight.value().dtype();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public String toString() {
        return "LayerNorm[" + input + ", eps=" + eps + "]";
    }

    /**
     * The normalised values (in the layer's element type) and 1/σ (in double) of each example of the
     * last forward pass in one workspace.
     */
    private record State(Tensor xhat, double[] invStd) {
    }
}
