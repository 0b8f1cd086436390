package dev.nnj.core.layer;

import dev.nnj.api.GradientListener;
import dev.nnj.api.Layer;
import dev.nnj.api.LayerContext;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.StateRequest;
import dev.nnj.api.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * {@code layer-norm}: normalises each example over all its values, as PyTorch's
 * {@code LayerNorm(normalized_shape = the example's shape)}: y = γ ⊙ (x - μ)/√(σ² + ε) + β with the
 * example's mean and biased variance, the same in training and inference. Parameters
 * {@code weight} (γ, 1) and {@code bias} (β, 0), each of the example's shape. Key {@code eps}
 * (1e-5). The normalised values of the last forward pass are kept in the workspace's state.
 */
public final class LayerNorm implements Layer {
    private final Shape input;
    private final int width;
    private final double eps;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * A layer-norm with γ = 1 and β = 0.
     *
     * @param input the shape of one example; γ and β have it too
     * @param eps added to the variance, &gt; 0
     * @throws IllegalArgumentException if {@code eps} is not &gt; 0
     */
    public LayerNorm(Shape input, double eps) {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("layer-norm: eps must be > 0; got " + eps + ".");
        }
        this.input = input;
        this.width = input.size();
        this.eps = eps;
        Tensor gamma = Tensor.zeros(1, width);
        Arrays.fill(gamma.data(), 1.0);
        this.weight = Parameter.of("weight", ParameterRole.WEIGHT, gamma, input);
        this.bias = Parameter.of("bias", ParameterRole.BIAS, Tensor.zeros(1, width), input);
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
        return new State(new double[request.maxBatch() * width], new double[request.maxBatch()]);
    }

    @Override
    public void forward(Tensor in, Tensor out, LayerContext context) {
        if (in.cols() != width) {
            throw new ShapeMismatchException("input has " + in.cols() + " values; expected [*, " + width
                    + "] (shape " + input + "), got " + in.shapeString() + ".");
        }
        State s = context.state();
        double[] x = in.data();
        double[] y = out.data();
        double[] g = weight.value().data();
        double[] b = bias.value().data();
        for (int r = 0, rows = in.rows(); r < rows; r++) {
            int from = r * width;
            double sum = 0;
            for (int j = 0; j < width; j++) {
                sum += x[from + j];
            }
            double mean = sum / width;
            double squares = 0;
            for (int j = 0; j < width; j++) {
                double d = x[from + j] - mean;
                squares += d * d;
            }
            double invStd = 1.0 / Math.sqrt(squares / width + eps);
            s.invStd[r] = invStd;
            for (int j = 0; j < width; j++) {
                double xhat = (x[from + j] - mean) * invStd;
                s.xhat[from + j] = xhat;
                y[from + j] = g[j] * xhat + b[j];
            }
        }
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, LayerContext context) {
        State s = context.state();
        double[] dy = gradOut.data();
        double[] g = weight.value().data();
        double[] dg = weight.gradient().data();
        double[] db = bias.gradient().data();
        for (int r = 0, rows = in.rows(); r < rows; r++) {
            int from = r * width;
            if (gradIn != null) {
                double sum = 0;
                double sumXhat = 0;
                for (int j = 0; j < width; j++) {
                    double d = dy[from + j] * g[j];
                    sum += d;
                    sumXhat += d * s.xhat[from + j];
                }
                double[] dx = gradIn.data();
                double invStd = s.invStd[r];
                for (int j = 0; j < width; j++) {
                    double d = dy[from + j] * g[j];
                    dx[from + j] = invStd * (d - sum / width - s.xhat[from + j] * sumXhat / width);
                }
            }
            for (int j = 0; j < width; j++) {
                dg[j] += dy[from + j] * s.xhat[from + j];
                db[j] += dy[from + j];
            }
        }
        GradientListener ready = context.gradients();
        ready.gradientReady(weight, 0, width);
        ready.gradientReady(bias, 0, width);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public String toString() {
        return "LayerNorm[" + input + ", eps=" + eps + "]";
    }

    /** The normalised values and 1/σ of each example of the last forward pass in one workspace. */
    private record State(double[] xhat, double[] invStd) {
    }
}
