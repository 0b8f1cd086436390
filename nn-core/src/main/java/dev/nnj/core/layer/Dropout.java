package dev.nnj.core.layer;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import java.util.random.RandomGenerator;

/**
 * {@code dropout}: inverted dropout. In training each value is kept with probability 1 - p and
 * scaled by 1/(1 - p), else zeroed, so the expected output equals the input; at inference the
 * layer is the identity. Backward multiplies by the same mask. Key {@code rate} (p, in [0, 1)).
 *
 * <p>The mask comes from a stream seeded for this layer alone (its place in the model and the
 * model's seed), so the same seed gives the same masks. The mask of the last forward pass is kept
 * for backward, in a buffer that grows with the largest batch: one instance serves one thread.
 */
public final class Dropout implements Layer {
    private final int width;
    private final double rate;
    private final RandomGenerator random;
    private double[] mask = new double[0];
    private boolean masked;

    /**
     * A dropout layer for examples of {@code width} values.
     *
     * @param width values per example
     * @param rate the probability p of dropping a value, in [0, 1)
     * @param random the source of the masks, seeded for this layer alone
     * @throws IllegalArgumentException if {@code rate} is outside [0, 1)
     * @throws NullPointerException if {@code random} is null
     */
    public Dropout(int width, double rate, RandomGenerator random) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout: rate must be in [0, 1); got " + rate + ".");
        }
        this.width = width;
        this.rate = rate;
        this.random = requireNonNull(random, "random is null");
    }

    /**
     * The dropout probability, as configured.
     *
     * @return p, in [0, 1)
     */
    public double rate() {
        return rate;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.size() != width) {
            throw new ShapeMismatchException("input has " + input.size() + " values " + input + "; expected " + width + ".");
        }
        return input;
    }

    @Override
    public void forward(Tensor in, Tensor out, Mode mode) {
        if (in.cols() != width) {
            throw new ShapeMismatchException("input has " + in.cols() + " values; expected [*, " + width + "], got "
                    + in.shapeString() + ".");
        }
        int n = in.size();
        double[] x = in.data();
        double[] y = out.data();
        masked = mode == Mode.TRAIN && rate > 0;
        if (!masked) {
            System.arraycopy(x, 0, y, 0, n);
            return;
        }
        if (mask.length < n) {
            mask = new double[n];
        }
        double scale = 1.0 / (1.0 - rate);
        for (int i = 0; i < n; i++) {
            mask[i] = random.nextDouble() >= rate ? scale : 0.0;
            y[i] = x[i] * mask[i];
        }
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn) {
        if (gradIn == null) {
            return;
        }
        int n = gradOut.size();
        double[] g = gradOut.data();
        double[] d = gradIn.data();
        for (int i = 0; i < n; i++) {
            d[i] = masked ? g[i] * mask[i] : g[i];
        }
    }

    @Override
    public String toString() {
        return "Dropout[rate=" + rate + "]";
    }
}
