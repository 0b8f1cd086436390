package dev.nnj.core.model;

import dev.nnj.api.DType;
import dev.nnj.api.GradientListener;
import dev.nnj.api.Layer;
import dev.nnj.api.LayerContext;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.StateRequest;
import dev.nnj.api.Tensor;
import dev.nnj.core.random.Seeds;
import java.math.BigInteger;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The activation and gradient buffers of one {@link Sequential} for batches of up to a maximum
 * size, and each layer's state ({@link Layer#newState}) and random stream, allocated once. Forward
 * and backward passes through a workspace allocate nothing. One workspace per thread; any number of
 * workspaces per model.
 *
 * <p>Each layer runs in its {@link Sequential#computeType(int) compute type}; where two neighbours
 * differ (a float64-only layer in a float32 model), the workspace converts the output forward and
 * the gradient back, into buffers of its own. The model's input and output are float64 at its
 * boundary: a float32 model's first layer gets a rounded copy of the input, and its output is
 * widened into a float64 tensor ({@link #forward}), whose gradient ({@link #outputGradient()}) the
 * backward pass rounds into the last layer's.
 */
public final class Workspace {
    private final Sequential model;
    private final List<Layer> layers;
    private final Tensor[] outputs;
    private final Tensor[] gradients;
    private final int maxBatch;
    /** Per layer: its parameters if the model reports them after its backward, or null if it reports them itself. */
    private final Parameter[][] reportedAfter;
    /** Per layer: whether its gradients are reported at all; a frozen layer's go to no optimizer. */
    private final boolean[] reported;
    private final Context[] contexts;
    /** Each layer's element type, and its input and input gradient where its neighbour's differs. */
    private final DType[] types;
    private final Tensor[] convertedInputs;
    private final Tensor[] convertedGradIns;
    /** The tensor each layer read in the last forward pass. */
    private final Tensor[] inputs;
    /** The float64 output and its gradient: the last layer's own unless it computes in another type. */
    private final Tensor result;
    private final Tensor resultGradient;
    private final boolean widensOutput;
    private Tensor lastInput;

    Workspace(Sequential model, int maxBatch, String stream) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1; got " + maxBatch + ".");
        }
        this.model = model;
        this.layers = model.layers();
        this.maxBatch = maxBatch;
        int n = layers.size();
        checkMemory(model, maxBatch);
        outputs = new Tensor[n];
        gradients = new Tensor[n];
        reportedAfter = new Parameter[n][];
        reported = new boolean[n];
        contexts = new Context[n];
        for (int i = 0; i < n; i++) {
            Layer layer = layers.get(i);
            reportedAfter[i] = reportsItsGradients(layer) ? null : layer.parameters().toArray(Parameter[]::new);
            reported[i] = model.isTrainable(i);
            Shape in = i == 0 ? model.inputShape() : model.outputShape(i - 1);
            Object state = layer.newState(new StateRequest(maxBatch, in, model.outputShape(i)));
            contexts[i] = new Context(state,
                    Seeds.stream(model.seed(), "pass:" + model.names().get(i) + ":" + stream));
        }
        types = new DType[n];
        convertedInputs = new Tensor[n];
        convertedGradIns = new Tensor[n];
        inputs = new Tensor[n];
        for (int i = 0; i < n; i++) {
            types[i] = model.computeType(i);
            int size = model.outputShape(i).size();
            outputs[i] = Tensor.zeros(maxBatch, size, types[i]);
            gradients[i] = Tensor.zeros(maxBatch, size, types[i]);
            DType before = i == 0 ? DType.F64 : types[i - 1];
            if (types[i] != before) {
                int width = i == 0 ? model.inputShape().size() : model.outputShape(i - 1).size();
                convertedInputs[i] = Tensor.zeros(maxBatch, width, types[i]);
                convertedGradIns[i] = i == 0 ? null : Tensor.zeros(maxBatch, width, types[i]);
            }
        }
        widensOutput = n > 0 && types[n - 1] != DType.F64;
        int width = model.outputShape().size();
        result = widensOutput ? Tensor.zeros(maxBatch, width) : n == 0 ? null : outputs[n - 1];
        resultGradient = widensOutput ? Tensor.zeros(maxBatch, width) : n == 0 ? null : gradients[n - 1];
    }

    /**
     * Refuses, before anything is allocated, buffers that cannot fit the heap: each layer's output
     * and gradient of {@code maxBatch} rows, 8 bytes a value (its state comes on top).
     */
    private static void checkMemory(Sequential model, int maxBatch) {
        long bytesPerRow = 0; // at most 2^48: 10^4 layers of 2^31 values of 8 bytes, twice
        for (int i = 0; i < model.layers().size(); i++) {
            bytesPerRow += 2L * (model.computeType(i) == DType.F32 ? 4 : 8) * model.outputShape(i).size();
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (bytesPerRow > heap / maxBatch) {
            BigInteger bytes = BigInteger.valueOf(bytesPerRow).multiply(BigInteger.valueOf(maxBatch));
            throw new ShapeMismatchException("A workspace for batches of " + maxBatch + " needs " + bytes + " bytes "
                    + "for the outputs and gradients of its " + model.layers().size() + " layers; this JVM may use "
                    + heap + " in all. Use a smaller batch or fewer or narrower layers, or raise the maximum heap with "
                    + "-Xmx.");
        }
    }

    /**
     * The largest batch this workspace takes.
     *
     * @return the number of rows its buffers were allocated for
     */
    public int maxBatch() {
        return maxBatch;
    }

    /**
     * Runs the layers in order on a batch.
     *
     * @param in [batch, inputs] with batch &lt;= {@link #maxBatch()}; not modified, and must stay
     *     unchanged until {@link #backward()}
     * @param mode {@link Mode#TRAIN} before a backward pass, {@link Mode#INFERENCE} otherwise
     * @return [batch, outputs] the model's output, owned by this workspace (overwritten by the next
     *     call); float64 whatever the model computes in (a float32 model's output is widened); the
     *     input may be of either type
     * @throws ShapeMismatchException if {@code in} does not fit the model's input or this workspace,
     *     naming the layer
     */
    public Tensor forward(Tensor in, Mode mode) {
        Tensor out = forward(in, mode, layers.size());
        lastInput = in;
        if (widensOutput) {
            result.copyFrom(out);
            resultGradient.setRows(out.rows());
            return result;
        }
        return out;
    }

    /** Runs the first {@code count} layers; returns {@code in} itself for 0. Not followed by a backward pass. */
    Tensor forward(Tensor in, Mode mode, int count) {
        model.checkInput(in);
        if (in.rows() > maxBatch) {
            throw new ShapeMismatchException("A batch of " + in.rows() + " rows does not fit a workspace for "
                    + maxBatch + "; create one with newWorkspace(" + in.rows() + ").");
        }
        lastInput = null;
        int batch = in.rows();
        Tensor x = in;
        for (int i = 0; i < count; i++) {
            outputs[i].setRows(batch);
            gradients[i].setRows(batch);
            if (x.dtype() != types[i]) {
                x = convert(i, x);
                if (convertedGradIns[i] != null) {
                    convertedGradIns[i].setRows(batch);
                }
            }
            inputs[i] = x;
            Context context = contexts[i];
            context.mode = mode;
            try {
                layers.get(i).forward(x, outputs[i], context);
            } catch (ShapeMismatchException e) {
                throw new ShapeMismatchException(model.labels().get(i) + ": " + e.getMessage(), e);
            }
            x = outputs[i];
        }
        return x;
    }

    /** The input of layer {@code i} in its type, in the buffer kept for it (or one made once, for an odd input). */
    private Tensor convert(int i, Tensor x) {
        Tensor target = convertedInputs[i];
        if (target == null) {
            target = Tensor.zeros(maxBatch, x.cols(), types[i]);
            convertedInputs[i] = target;
        }
        target.copyFrom(x);
        return target;
    }

    /**
     * The buffer of dL/dOutput, the start of the backward pass.
     *
     * @return [batch, outputs] where the loss writes dL/dOutput before {@link #backward()}; owned by
     *     this workspace
     */
    public Tensor outputGradient() {
        return resultGradient;
    }

    /**
     * Finds where a non-finite value first appeared, for the message when the loss becomes NaN.
     *
     * @return the label of the first layer whose output of the last forward pass holds a NaN or an
     *     infinity, or {@code null} if all are finite
     */
    public String firstNonFiniteOutput() {
        for (int i = 0; i < layers.size(); i++) {
            Tensor out = outputs[i];
            for (int j = 0, n = out.size(); j < n; j++) {
                if (!Double.isFinite(out.get(j))) {
                    return model.labels().get(i);
                }
            }
        }
        return null;
    }

    /**
     * Back-propagates {@link #outputGradient()} through the layers of the last forward pass,
     * accumulating into the parameters' gradients.
     *
     * @throws IllegalStateException if no forward pass came first
     */
    public void backward() {
        backward(GradientListener.NONE);
    }

    /**
     * {@link #backward()}, telling {@code ready} which parameters' gradients are final as the layers
     * finish them (see {@link Layer#backward(Tensor, Tensor, Tensor, Tensor, GradientListener)}). A
     * layer that does not override that method has each of its parameters reported whole after its
     * backward pass, from a list taken once (a layer's {@code parameters()} may allocate). The
     * parameters of a frozen layer ({@link Sequential#isTrainable(String)}) are never reported:
     * their gradients are computed but go to no optimizer.
     *
     * @param ready told of each part of a trainable layer's parameter's gradient once it is final,
     *     possibly from kernel threads; {@link GradientListener#NONE} to ignore
     * @throws IllegalStateException if no forward pass came first
     */
    public void backward(GradientListener ready) {
        if (lastInput == null) {
            throw new IllegalStateException("backward() needs a forward() first.");
        }
        int last = layers.size() - 1;
        if (widensOutput) {
            gradients[last].copyFrom(resultGradient);
        }
        for (int i = last; i >= 0; i--) {
            Tensor in = inputs[i];
            boolean convertGradIn = i > 0 && types[i] != types[i - 1];
            Tensor gradIn = i == 0 ? null : convertGradIn ? convertedGradIns[i] : gradients[i - 1];
            Parameter[] after = reportedAfter[i];
            GradientListener listener = reported[i] ? ready : GradientListener.NONE;
            if (after == null) {
                Context context = contexts[i];
                context.gradients = listener;
                layers.get(i).backward(in, outputs[i], gradients[i], gradIn, context);
                context.gradients = GradientListener.NONE;
            } else {
                layers.get(i).backward(in, outputs[i], gradients[i], gradIn);
                for (Parameter p : after) {
                    listener.gradientReady(p, 0, p.value().size());
                }
            }
            if (convertGradIn) {
                gradients[i - 1].copyFrom(gradIn);
            }
        }
    }

    /**
     * @return whether {@code layer}'s class overrides a backward pass that reports gradients (the
     *     0.1 one with a listener, or the one with a context)
     */
    private static boolean reportsItsGradients(Layer layer) {
        return overrides(layer, GradientListener.class) || overrides(layer, LayerContext.class);
    }

    private static boolean overrides(Layer layer, Class<?> last) {
        return Overrides.method(layer, "backward", Tensor.class, Tensor.class, Tensor.class, Tensor.class, last);
    }

    /** One layer's context in this workspace: made once, its mode and listener set per pass. */
    private static final class Context implements LayerContext {
        private final Object state;
        private final RandomGenerator random;
        private Mode mode = Mode.INFERENCE;
        private GradientListener gradients = GradientListener.NONE;

        Context(Object state, RandomGenerator random) {
            this.state = state;
            this.random = random;
        }

        @Override
        public Mode mode() {
            return mode;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S> S state() {
            return (S) state;
        }

        @Override
        public RandomGenerator random() {
            return random;
        }

        @Override
        public GradientListener gradients() {
            return gradients;
        }
    }
}
