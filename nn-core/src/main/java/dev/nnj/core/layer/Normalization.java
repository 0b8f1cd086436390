package dev.nnj.core.layer;

import dev.nnj.api.AdaptData;
import dev.nnj.api.Buffer;
import dev.nnj.api.DType;
import dev.nnj.api.Layer;
import dev.nnj.api.LayerContext;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import java.util.List;

/**
 * {@code normalization}: standardises each input value with the mean and variance of the training
 * data, y = (x - mean)/√variance, learned once before training ({@link #adapt(AdaptData)}, Keras's
 * {@code Normalization.adapt}) and saved in the model as buffers {@code mean} and {@code variance}
 * (each of the example's shape), so that predicting on raw data needs no scaler of the user's. The
 * variance is the population variance and a constant feature is only centred (scale 1), as
 * scikit-learn's {@code StandardScaler} does. Before adapting, the layer is the identity. No keys,
 * no parameters; the same in training and inference.
 *
 * <p>Built in float32, its buffers are float32 and its passes compute in float; {@link #adapt}
 * still sums in double, reading the data in whatever type it comes, and rounds the mean and the
 * variance once.
 */
public final class Normalization implements Layer {
    private final Shape input;
    private final int width;
    private final Tensor mean;
    private final Tensor variance;
    private final List<Buffer> buffers;

    /**
     * A normalisation of mean 0 and variance 1 (the identity) until it adapts, in float64.
     *
     * @param input the shape of one example
     */
    public Normalization(Shape input) {
        this(input, DType.F64);
    }

    /**
     * A normalisation of mean 0 and variance 1 (the identity) until it adapts, whose buffers and
     * passes are of an element type.
     *
     * @param input the shape of one example
     * @param dtype {@link DType#F64} or {@link DType#F32}
     * @throws IllegalArgumentException if {@code dtype} is neither
     * @throws NullPointerException if {@code dtype} is null
     */
    public Normalization(Shape input, DType dtype) {
        this.input = input;
        this.width = input.size();
        this.mean = Tensor.zeros(1, width, LayerInit.checkFloat(dtype, "normalization"));
        this.variance = Tensor.zeros(1, width, dtype);
        Spans.fill(variance, 0, width, 1.0);
        this.buffers = List.of(Buffer.of("mean", mean, input), Buffer.of("variance", variance, input));
    }

    @Override
    public Shape outputShape(Shape in) {
        if (in.size() != width) {
            throw new ShapeMismatchException("input has " + in.size() + " values " + in + "; this normalization was "
                    + "built for " + input + ".");
        }
        return in;
    }

    /** Two passes over the data: the mean, then the variance around it (no cancellation). */
    @Override
    public void adapt(AdaptData data) {
        double[] sum = new double[width];
        data.forEachBatch(batch -> {
            check(batch);
            for (int r = 0, rows = batch.rows(); r < rows; r++) {
                for (int j = 0; j < width; j++) {
                    sum[j] += batch.get(r * width + j);
                }
            }
        });
        long n = data.examples();
        double[] m = new double[width];
        for (int j = 0; j < width; j++) {
            m[j] = sum[j] / n;
        }
        double[] squares = new double[width];
        data.forEachBatch(batch -> {
            for (int r = 0, rows = batch.rows(); r < rows; r++) {
                for (int j = 0; j < width; j++) {
                    double d = batch.get(r * width + j) - m[j];
                    squares[j] += d * d;
                }
            }
        });
        for (int j = 0; j < width; j++) {
            mean.set(j, m[j]);
            variance.set(j, squares[j] / n);
        }
    }

    @Override
    public void forward(Tensor in, Tensor out, LayerContext context) {
        check(in);
        standardise(in, out, true);
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, LayerContext context) {
        if (gradIn != null) {
            standardise(gradOut, gradIn, false);
        }
    }

    /**
     * y = (x - mean)/√variance per column, or ({@code centre} false, the backward pass) x/√variance,
     * in the tensors' element type.
     */
    private void standardise(Tensor in, Tensor out, boolean centre) {
        int rows = in.rows();
        if (in.dtype() == DType.F32) {
            float[] x = in.floatData();
            float[] y = out.floatData();
            float[] m = mean.floatData();
            float[] v = variance.floatData();
            for (int r = 0; r < rows; r++) {
                for (int j = 0, i = r * width; j < width; j++, i++) {
                    y[i] = (centre ? x[i] - m[j] : x[i]) / scale(v[j]);
                }
            }
            return;
        }
        double[] x = in.data();
        double[] y = out.data();
        double[] m = mean.data();
        double[] v = variance.data();
        for (int r = 0; r < rows; r++) {
            for (int j = 0, i = r * width; j < width; j++, i++) {
                y[i] = (centre ? x[i] - m[j] : x[i]) / scale(v[j]);
            }
        }
    }

    private static double scale(double variance) {
        return variance == 0 ? 1.0 : Math.sqrt(variance);
    }

    private static float scale(float variance) {
        return variance == 0 ? 1f : (float) Math.sqrt(variance);
    }

    private void check(Tensor in) {
        if (in.cols() != width) {
            throw new ShapeMismatchException("input has " + in.cols() + " values; expected [*, " + width
                    + "] (shape " + input + "), got " + in.shapeString() + ".");
        }
    }

    @Override
    public List<Buffer> buffers() {
        return buffers;
    }

    /** The element type it was built in ({@link #Normalization(Shape, DType)}). */
    @Override
    public boolean supports(DType type) {
        return type == mean.dtype();
    }

    @Override
    public String toString() {
        return "Normalization[" + input + "]";
    }
}
