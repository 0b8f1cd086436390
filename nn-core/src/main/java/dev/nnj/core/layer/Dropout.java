package dev.nnj.core.layer;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.DType;
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
 *
 * <p>A layer built in float32 keeps its mask in float32 (the scale 1/(1 - p) rounded) and
 * multiplies in float; it draws the same numbers as the float64 layer, so the same seed drops the
 * same values in either type.
 */
public final class Dropout implements Layer {
    private final int width;
    private final double rate;
    private final DType dtype;

    /**
     * A dropout layer for examples of {@code width} values, in float64.
     *
     * @param width values per example
     * @param rate the probability p of dropping a value, in [0, 1)
     * @throws IllegalArgumentException if {@code rate} is outside [0, 1)
     */
    public Dropout(int width, double rate) {
        this(width, rate, DType.F64);
    }

    /**
     * A dropout layer for examples of {@code width} values whose passes and mask are of an element
     * type.
     *
     * @param width values per example
     * @param rate the probability p of dropping a value, in [0, 1)
     * @param dtype {@link DType#F64} or {@link DType#F32}
     * @throws IllegalArgumentException if {@code rate} is outside [0, 1) or {@code dtype} is neither type
     * @throws NullPointerException if {@code dtype} is null
     */
    public Dropout(int width, double rate, DType dtype) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout: rate must be in [0, 1); got " + rate + ".");
        }
        this.width = width;
        this.rate = rate;
        this.dtype = LayerInit.checkFloat(dtype, "dropout");
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
        return new Mask(Tensor.zeros(request.maxBatch(), width, dtype));
    }

    @Override
    public void forward(Tensor in, Tensor out, LayerContext context) {
        if (in.cols() != width) {
            throw new ShapeMismatchException("input has " + in.cols() + " values; expected [*, " + width + "], got "
                    + in.shapeString() + ".");
        }
        Mask state = context.state();
        int n = in.size();
        state.masked = context.mode() == Mode.TRAIN && rate > 0;
        if (!state.masked) {
            Spans.copy(in, out, n);
            return;
        }
        RandomGenerator random = context.random();
        double scale = 1.0 / (1.0 - rate);
        if (dtype == DType.F32) {
            float[] mask = state.values.floatData();
            for (int i = 0; i < n; i++) {
                mask[i] = random.nextDouble() >= rate ? (float) scale : 0f;
            }
        } else {
            double[] mask = state.values.data();
            for (int i = 0; i < n; i++) {
                mask[i] = random.nextDouble() >= rate ? scale : 0.0;
            }
        }
        multiply(in, state.values, out, n);
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, LayerContext context) {
        if (gradIn == null) {
            return;
        }
        Mask state = context.state();
        if (state.masked) {
            multiply(gradOut, state.values, gradIn, gradOut.size());
        } else {
            Spans.copy(gradOut, gradIn, gradOut.size());
        }
    }

    /** c[i] = a[i]·mask[i] for i &lt; n, in the tensors' element type. */
    private static void multiply(Tensor a, Tensor mask, Tensor c, int n) {
        if (a.dtype() == DType.F32) {
            float[] x = a.floatData();
            float[] m = mask.floatData();
            float[] y = c.floatData();
            for (int i = 0; i < n; i++) {
                y[i] = x[i] * m[i];
            }
            return;
        }
        double[] x = a.data();
        double[] m = mask.data();
        double[] y = c.data();
        for (int i = 0; i < n; i++) {
            y[i] = x[i] * m[i];
        }
    }

    /** The element type it was built in ({@link #Dropout(int, double, DType)}). */
    @Override
    public boolean supports(DType type) {
        return type == dtype;
    }

    @Override
    public String toString() {
        return "Dropout[rate=" + rate + "]";
    }

    /** The mask of the last forward pass in one workspace, in the layer's element type. */
    private static final class Mask {
        private final Tensor values;
        private boolean masked;

        Mask(Tensor values) {
            this.values = values;
        }
    }
}
