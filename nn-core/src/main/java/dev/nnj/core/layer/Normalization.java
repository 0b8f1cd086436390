package dev.nnj.core.layer;

import dev.nnj.api.AdaptData;
import dev.nnj.api.Buffer;
import dev.nnj.api.Layer;
import dev.nnj.api.LayerContext;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * {@code normalization}: standardises each input value with the mean and variance of the training
 * data, y = (x - mean)/√variance, learned once before training ({@link #adapt(AdaptData)}, Keras's
 * {@code Normalization.adapt}) and saved in the model as buffers {@code mean} and {@code variance}
 * (each of the example's shape), so that predicting on raw data needs no scaler of the user's. The
 * variance is the population variance and a constant feature is only centred (scale 1), as
 * scikit-learn's {@code StandardScaler} does. Before adapting, the layer is the identity. No keys,
 * no parameters; the same in training and inference.
 */
public final class Normalization implements Layer {
    private final Shape input;
    private final int width;
    private final Tensor mean;
    private final Tensor variance;
    private final List<Buffer> buffers;

    /**
     * A normalisation of mean 0 and variance 1 (the identity) until it adapts.
     *
     * @param input the shape of one example
     */
    public Normalization(Shape input) {
        this.input = input;
        this.width = input.size();
        this.mean = Tensor.zeros(1, width);
        this.variance = Tensor.zeros(1, width);
        Arrays.fill(variance.data(), 1.0);
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
            double[] x = batch.data();
            for (int r = 0, rows = batch.rows(); r < rows; r++) {
                for (int j = 0; j < width; j++) {
                    sum[j] += x[r * width + j];
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
            double[] x = batch.data();
            for (int r = 0, rows = batch.rows(); r < rows; r++) {
                for (int j = 0; j < width; j++) {
                    double d = x[r * width + j] - m[j];
                    squares[j] += d * d;
                }
            }
        });
        for (int j = 0; j < width; j++) {
            mean.data()[j] = m[j];
            variance.data()[j] = squares[j] / n;
        }
    }

    @Override
    public void forward(Tensor in, Tensor out, LayerContext context) {
        check(in);
        double[] x = in.data();
        double[] y = out.data();
        double[] m = mean.data();
        double[] v = variance.data();
        for (int r = 0, rows = in.rows(); r < rows; r++) {
            for (int j = 0, i = r * width; j < width; j++, i++) {
                y[i] = (x[i] - m[j]) / scale(v[j]);
            }
        }
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, LayerContext context) {
        if (gradIn == null) {
            return;
        }
        double[] dy = gradOut.data();
        double[] dx = gradIn.data();
        double[] v = variance.data();
        for (int r = 0, rows = in.rows(); r < rows; r++) {
            for (int j = 0, i = r * width; j < width; j++, i++) {
                dx[i] = dy[i] / scale(v[j]);
            }
        }
    }

    private static double scale(double variance) {
        return variance == 0 ? 1.0 : Math.sqrt(variance);
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

    @Override
    public String toString() {
        return "Normalization[" + input + "]";
    }
}
