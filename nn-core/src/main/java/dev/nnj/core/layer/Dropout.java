package dev.nnj.core.layer;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.Layer;
import dev.nnj.api.LayerContext;
import dev.nnj.api.Mode;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.StateRequest;
import dev.nnj.api.Tensor;
import java.util.random.RandomGenerator;

/**
 * {@code dropout}: inverted dropout. In training each value is kept with probability 1 - p and
 * scaled by 1/(1 - p), else zeroed, so the expected output equals the input; at inference the
 * layer is the identity. Backward multiplies by the same mask. Key {@code rate} (p, in [0, 1)).
 *
 * <p>The mask of the last forward pass is kept in the workspace's state of this layer and drawn
 * from the workspace's random stream of this layer ({@link LayerContext#random()}: the model's seed,
 * the layer's name and the workspace), so the same seed gives the same masks and one instance serves
 * any number of workspaces and threads.
 */
public final class Dropout implements Layer {
    private final int width;
    private final double rate;

    /**
     * A dropout layer for examples of {@code width} values.
     *
     * @param width values per example
     * @param rate the probability p of dropping a value, in [0, 1)
     * @throws IllegalArgumentException if {@code rate} is outside [0, 1)
     */
    public Dropout(int width, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout: rate must be in [0, 1); got " + rate + ".");
        }
        this.width = width;
        this.rate = rate;
    }

    /**
     * A dropout layer as 0.1 made it; the generator is no longer used, since masks come from the
     * workspace's stream of this layer.
     *
     * @param width values per example
     * @param rate the probability p of dropping a value, in [0, 1)
     * @param random ignored since 0.2
     * @throws IllegalArgumentException if {@code rate} is outside [0, 1)
     * @throws NullPointerException if {@code random} is null
     * @deprecated use {@link #Dropout(int, double)}
     */
    @Deprecated(since = "0.2")
    public Dropout(int width, double rate, RandomGenerator random) {
        this(width, rate);
        requireNonNull(random, "random is null");
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
    public Object newState(StateRequest request) {
        return new Mask(new double[request.maxBatch() * width]);
    }

    @Override
    public void forward(Tensor in, Tensor out, LayerContext context) {
        if (in.cols() != width) {
            throw new ShapeMismatchException("input has " + in.cols() + " values; expected [*, " + width + "], got "
                    + in.shapeString() + ".");
        }
        Mask state = context.state();
        int n = in.size();
        double[] x = in.data();
        double[] y = out.data();
        state.masked = context.mode() == Mode.TRAIN && rate > 0;
        if (!state.masked) {
            System.arraycopy(x, 0, y, 0, n);
            return;
        }
        double[] mask = state.values;
        RandomGenerator random = context.random();
        double scale = 1.0 / (1.0 - rate);
        for (int i = 0; i < n; i++) {
            mask[i] = random.nextDouble() >= rate ? scale : 0.0;
            y[i] = x[i] * mask[i];
        }
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, LayerContext context) {
        if (gradIn == null) {
            return;
        }
        Mask state = context.state();
        int n = gradOut.size();
        double[] g = gradOut.data();
        double[] d = gradIn.data();
        for (int i = 0; i < n; i++) {
            d[i] = state.masked ? g[i] * state.values[i] : g[i];
        }
    }

    @Override
    public String toString() {
        return "Dropout[rate=" + rate + "]";
    }

    /** The mask of the last forward pass in one workspace. */
    private static final class Mask {
        private final double[] values;
        private boolean masked;

        Mask(double[] values) {
            this.values = values;
        }
    }
}
