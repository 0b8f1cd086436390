package dev.nnj.core.model;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.AdaptData;
import dev.nnj.api.Buffer;
import dev.nnj.api.DType;
import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ordered list of layers: forward runs them in order, backward in reverse. The model owns no
 * batch buffers; a {@link Workspace} does, so several threads can run inference on one model, each
 * with its own workspace.
 *
 * <p>A layer may be frozen ({@code "trainable": false} in a model file, or
 * {@link Builder#add(Layer, String, String, boolean)}): its parameters are then given as
 * {@linkplain Parameter#frozen() frozen} views, which trainers attach no optimizer to, so they get
 * no update, no weight decay, no optimizer state and no share in gradient clipping. Backprop is
 * unchanged: gradients still flow through a frozen layer to the layers before it. A frozen layer
 * still runs as in training ({@link Mode#TRAIN}), as with PyTorch's {@code requires_grad_(False)}:
 * dropout stays on and its buffers (batch-norm running statistics) keep updating in training.
 */
public final class Sequential {
    private final Shape inputShape;
    private final List<Layer> layers;
    private final List<String> labels;
    private final List<Shape> outputShapes;
    private final List<Parameter> parameters;
    private final List<Buffer> buffers;
    private final List<String> names;
    private final List<Boolean> trainable;
    private final List<Parameter> trainableParameters;
    private final long seed;
    private final DType dtype;
    private final DType[] computeTypes;
    private final AtomicInteger workspaces = new AtomicInteger();
    /** Whether the buffers of layers that adapt hold learned values: adapted here, or loaded. */
    private volatile boolean adapted;

    private Sequential(Shape inputShape, List<Layer> layers, List<String> labels, List<String> names,
            List<Boolean> trainable, long seed, DType dtype) {
        this.inputShape = inputShape;
        this.layers = List.copyOf(layers);
        this.labels = List.copyOf(labels);
        this.names = List.copyOf(names);
        this.trainable = List.copyOf(trainable);
        this.seed = seed;
        this.dtype = dtype;
        this.computeTypes = new DType[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            computeTypes[i] = layers.get(i).supports(dtype) ? dtype : DType.F64;
        }
        List<Shape> shapes = new ArrayList<>();
        List<Parameter> params = new ArrayList<>();
        List<Buffer> bufs = new ArrayList<>();
        Shape shape = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            try {
                shape = layers.get(i).outputShape(shape);
            } catch (ShapeMismatchException e) {
                throw new ShapeMismatchException(labels.get(i) + ": " + e.getMessage(), e);
            }
            shapes.add(shape);
            for (Parameter p : layers.get(i).parameters()) {
                Parameter view = p.withPrefix(names.get(i));
                params.add(trainable.get(i) ? view : view.frozen());
            }
            for (Buffer b : layers.get(i).buffers()) {
                bufs.add(b.withPrefix(names.get(i)));
            }
        }
        this.outputShapes = List.copyOf(shapes);
        this.parameters = List.copyOf(params);
        this.trainableParameters = parameters.stream().filter(Parameter::trainable).toList();
        this.buffers = List.copyOf(bufs);
    }

    /**
     * Starts a model.
     *
     * @param inputShape the shape of one input example, e.g. {@code [64]}
     * @return an empty builder
     * @throws NullPointerException if {@code inputShape} is null
     */
    public static Builder builder(Shape inputShape) {
        return new Builder(inputShape);
    }

    /**
     * The shape the first layer takes.
     *
     * @return the shape of one input example
     */
    public Shape inputShape() {
        return inputShape;
    }

    /**
     * The shape the last layer gives.
     *
     * @return the shape of one output example; the input shape for a model without layers
     */
    public Shape outputShape() {
        return outputShapes.isEmpty() ? inputShape : outputShapes.get(outputShapes.size() - 1);
    }

    /**
     * The layers, in forward order, activation layers included.
     *
     * @return an unmodifiable list of the layers
     */
    public List<Layer> layers() {
        return layers;
    }

    /**
     * The names of the layers in messages, in layer order.
     *
     * @return how each layer is named in messages, e.g. {@code layers[1] (dense)}
     */
    public List<String> labels() {
        return labels;
    }

    /**
     * The shape between two layers.
     *
     * @param i the index of a layer, in [0, {@code layers().size()})
     * @return the shape of one example after layer {@code i}
     */
    public Shape outputShape(int i) {
        return outputShapes.get(i);
    }

    /**
     * The parameters of every layer, as model files see them; those of frozen layers are
     * {@linkplain Parameter#frozen() frozen} views.
     *
     * @return every parameter, with its full path ({@code layers.0.weight}), in layer order
     */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * The parameters an optimizer is attached to: those of {@link #parameters()} that are
     * {@linkplain Parameter#trainable() trainable}, i.e. not of a frozen layer.
     *
     * @return the trainable parameters, with their full paths, in layer order
     */
    public List<Parameter> trainableParameters() {
        return trainableParameters;
    }

    /**
     * Whether a layer is trained, or frozen ({@code "trainable": false}); see the class comment
     * for what freezing does and does not stop.
     *
     * @param name the layer's name in parameter paths, one of {@link #names()}, e.g. {@code layers.0}
     * @return {@code false} if the layer is frozen
     * @throws IllegalArgumentException if no layer has that name
     */
    public boolean isTrainable(String name) {
        int i = names.indexOf(requireNonNull(name, "name is null"));
        if (i < 0) {
            throw new IllegalArgumentException("No layer is named '" + name + "'; the layers are named "
                    + String.join(", ", names) + ".");
        }
        return trainable.get(i);
    }

    /** @return whether layer {@code i} is trained: its parameters' gradients go to the optimizer */
    boolean isTrainable(int i) {
        return trainable.get(i);
    }

    /**
     * The buffers of every layer (non-trainable state such as running statistics), as model files
     * see them.
     *
     * @return every buffer, with its full path ({@code layers.1.running_mean}), in layer order
     */
    public List<Buffer> buffers() {
        return buffers;
    }

    /**
     * The names of the layers in parameter paths, in layer order.
     *
     * @return each layer's prefix, e.g. {@code layers.0}
     */
    public List<String> names() {
        return names;
    }

    /**
     * Lets every layer that learns from data before training ({@link Layer#adapt(AdaptData)}) see
     * the training examples, in layer order, each as it arrives at that layer (the layers before it
     * run in inference mode, already adapted). Layers that do not override {@code adapt} are skipped.
     *
     * @param data the training examples at the model's input
     * @return whether any layer adapted
     * @throws ShapeMismatchException if the examples do not fit the model's input
     */
    public boolean adapt(AdaptData data) {
        boolean any = false;
        for (int i = 0; i < layers.size(); i++) {
            if (overridesAdapt(layers.get(i))) {
                layers.get(i).adapt(new LayerInput(this, data, i));
                any = true;
            }
        }
        adapted = true;
        return any;
    }

    /**
     * Whether the layers that learn from data before training hold what they learned: after
     * {@link #adapt}, or after saved buffers were loaded ({@link #markAdapted}). A trainer then does
     * not adapt them again, so fine-tuning keeps a normalization's saved statistics.
     *
     * @return {@code true} once adapted or loaded; {@code false} for a model as built
     */
    public boolean adapted() {
        return adapted;
    }

    /**
     * Records that the buffers were filled from saved values (a loaded model, imported weights), so
     * that training does not adapt the layers again ({@link #adapted()}).
     */
    public void markAdapted() {
        adapted = true;
    }

    /**
     * Whether any layer learns from data before training.
     *
     * @return {@code true} if some layer overrides {@link Layer#adapt(AdaptData)}
     */
    public boolean adapts() {
        for (Layer layer : layers) {
            if (overridesAdapt(layer)) {
                return true;
            }
        }
        return false;
    }

    private static boolean overridesAdapt(Layer layer) {
        return Overrides.method(layer, "adapt", AdaptData.class);
    }

    /**
     * The size of the model, as {@code nnj} prints it.
     *
     * @return the number of parameter values, those of frozen parameters included; buffers
     *     (running statistics) are not parameters and not counted
     */
    public long parameterCount() {
        return count(parameters);
    }

    /**
     * The number of values that training changes.
     *
     * @return the number of values of {@link #trainableParameters()}; {@link #parameterCount()}
     *     when no layer is frozen
     */
    public long trainableParameterCount() {
        return count(trainableParameters);
    }

    private static long count(List<Parameter> params) {
        long n = 0;
        for (Parameter p : params) {
            n += (long) p.value().rows() * p.value().cols();
        }
        return n;
    }

    /** Sets every parameter's gradient to zero. */
    public void zeroGradients() {
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).gradient().zero();
        }
    }

    /**
     * Allocates the batch buffers that forward and backward passes need, and each layer's state
     * ({@link Layer#newState}); one per thread.
     *
     * @param maxBatch the largest batch the workspace takes, &gt;= 1
     * @return buffers for batches of up to {@code maxBatch} examples
     * @throws IllegalArgumentException if {@code maxBatch} is below 1
     * @throws ShapeMismatchException if the outputs and gradients of every layer for {@code maxBatch}
     *     rows would not fit this JVM's maximum heap ({@code -Xmx}); nothing is allocated then
     */
    public Workspace newWorkspace(int maxBatch) {
        return new Workspace(this, maxBatch, "workspace:" + workspaces.getAndIncrement());
    }

    /**
     * {@link #newWorkspace(int)}, with random streams (dropout masks) named by the caller rather than
     * by the order workspaces are made in, e.g. one per Spark partition.
     *
     * @param maxBatch the largest batch the workspace takes, &gt;= 1
     * @param stream the name of the workspace's random streams; equal names give equal streams
     * @return buffers and layer state for batches of up to {@code maxBatch} examples
     * @throws IllegalArgumentException if {@code maxBatch} is below 1
     * @throws ShapeMismatchException if the outputs and gradients of every layer for {@code maxBatch}
     *     rows would not fit this JVM's maximum heap ({@code -Xmx}); nothing is allocated then
     */
    public Workspace newWorkspace(int maxBatch, String stream) {
        return new Workspace(this, maxBatch, requireNonNull(stream, "stream is null"));
    }

    /**
     * The element type the model computes in, given to the builder.
     *
     * @return {@link DType#F64} (the default) or {@link DType#F32}
     */
    public DType dtype() {
        return dtype;
    }

    /**
     * The element type one layer's passes run in: the model's, or float64 for a layer that does not
     * support it ({@link Layer#supports(DType)}), whose input, output and gradients the workspace
     * then converts.
     *
     * @param i the layer's index
     * @return {@link #dtype()} or {@link DType#F64}
     * @throws IndexOutOfBoundsException if there is no layer {@code i}
     */
    public DType computeType(int i) {
        return computeTypes[i];
    }

    /**
     * The labels of the layers that run in float64 in a model of another type, converted at their
     * boundary.
     *
     * @return the labels, in order; empty for a float64 model or one whose layers all support its type
     */
    public List<String> convertedLayers() {
        List<String> converted = new ArrayList<>();
        for (int i = 0; i < computeTypes.length; i++) {
            if (computeTypes[i] != dtype) {
                converted.add(labels.get(i));
            }
        }
        return converted;
    }

    /**
     * The seed of the layers' random streams in workspaces.
     *
     * @return the seed given to the builder, 0 by default
     */
    public long seed() {
        return seed;
    }

    /**
     * Checks that a batch fits the model's input.
     *
     * @param in [batch, features] the batch; not modified
     * @throws ShapeMismatchException naming the first layer and both shapes
     */
    public void checkInput(Tensor in) {
        if (in.cols() != inputShape.size()) {
            String first = labels.isEmpty() ? "model" : labels.get(0);
            throw new ShapeMismatchException(first + ": input has " + in.cols() + " features; expected [*, "
                    + inputShape.size() + "] (input shape " + inputShape + "), got " + in.shapeString() + ".");
        }
    }

    /**
     * Runs inference on {@code in} and returns a new tensor; for convenience, not for hot loops
     * (it allocates a workspace per call).
     *
     * @param in [batch, inputs] the examples; not modified
     * @return [batch, outputs] the model's outputs, a new tensor
     * @throws ShapeMismatchException if {@code in} does not fit the model's input
     */
    public Tensor predict(Tensor in) {
        Workspace ws = newWorkspace(Math.max(1, in.rows()));
        return ws.forward(in, Mode.INFERENCE).copy();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Sequential(input " + inputShape);
        for (int i = 0; i < layers.size(); i++) {
            sb.append(", ").append(labels.get(i)).append(" -> ").append(outputShapes.get(i));
        }
        return sb.append(')').toString();
    }

    /** Collects layers in order. */
    public static final class Builder {
        private final Shape inputShape;
        private final List<Layer> layers = new ArrayList<>();
        private final List<String> labels = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private final List<Boolean> trainable = new ArrayList<>();
        private long seed;
        private DType dtype = DType.F64;

        private Builder(Shape inputShape) {
            this.inputShape = requireNonNull(inputShape, "inputShape is null");
        }

        /**
         * Adds a layer named {@code layers.<index>} with label {@code layers[<index>]}.
         *
         * @param layer the next layer
         * @return this builder
         * @throws NullPointerException if {@code layer} is null
         */
        public Builder add(Layer layer) {
            int i = layers.size();
            return add(layer, "layers." + i, "layers[" + i + "]");
        }

        /**
         * Adds a layer with the given names.
         *
         * @param layer the next layer
         * @param name the prefix of its parameters' paths, e.g. {@code layers.0}
         * @param label how messages name it, e.g. {@code layers[0] (dense)}
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder add(Layer layer, String name, String label) {
            return add(layer, name, label, true);
        }

        /**
         * Adds a layer with the given names, trained or frozen.
         *
         * @param layer the next layer
         * @param name the prefix of its parameters' paths, e.g. {@code layers.0}
         * @param label how messages name it, e.g. {@code layers[0] (dense)}
         * @param trainable {@code false} to freeze the layer: its parameters keep their values in
         *     training (see {@link Sequential})
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder add(Layer layer, String name, String label, boolean trainable) {
            layers.add(requireNonNull(layer, "layer is null"));
            names.add(requireNonNull(name, "name is null"));
            labels.add(requireNonNull(label, "label is null"));
            this.trainable.add(trainable);
            return this;
        }

        /**
         * Seeds the layers' random streams in workspaces (dropout masks); usually the model's seed.
         *
         * @param newSeed the seed
         * @return this builder
         */
        public Builder seed(long newSeed) {
            this.seed = newSeed;
            return this;
        }

        /**
         * Sets the element type the model computes in. Its layers must have been built in it (a
         * provider reads it from {@code BuildContext.dtype()}); a layer that does not support it
         * runs in float64, converted at its boundary.
         *
         * @param newDtype {@link DType#F64} (the default) or {@link DType#F32}
         * @return this builder
         * @throws IllegalArgumentException if {@code newDtype} is {@link DType#I64}
         */
        public Builder dtype(DType newDtype) {
            if (requireNonNull(newDtype, "dtype is null") == DType.I64) {
                throw new IllegalArgumentException("A model computes in F64 or F32; got I64.");
            }
            this.dtype = newDtype;
            return this;
        }

        /**
         * Builds the model, checking that each layer takes its predecessor's output.
         *
         * @return the model, its parameters prefixed with the layers' names
         * @throws ShapeMismatchException if a layer cannot take its predecessor's output
         */
        public Sequential build() {
            return new Sequential(inputShape, layers, labels, names, trainable, seed, dtype);
        }
    }
}
