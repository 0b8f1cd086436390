package dev.nnj.core.model;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * An ordered list of layers: forward runs them in order, backward in reverse. The model owns no
 * batch buffers; a {@link Workspace} does, so several threads can run inference on one model, each
 * with its own workspace.
 */
public final class Sequential {
    private final Shape inputShape;
    private final List<Layer> layers;
    private final List<String> labels;
    private final List<Shape> outputShapes;
    private final List<Parameter> parameters;

    private Sequential(Shape inputShape, List<Layer> layers, List<String> labels, List<String> names) {
        this.inputShape = inputShape;
        this.layers = List.copyOf(layers);
        this.labels = List.copyOf(labels);
        List<Shape> shapes = new ArrayList<>();
        List<Parameter> params = new ArrayList<>();
        Shape shape = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            try {
                shape = layers.get(i).outputShape(shape);
            } catch (ShapeMismatchException e) {
                throw new ShapeMismatchException(labels.get(i) + ": " + e.getMessage(), e);
            }
            shapes.add(shape);
            for (Parameter p : layers.get(i).parameters()) {
                params.add(p.withPrefix(names.get(i)));
            }
        }
        this.outputShapes = List.copyOf(shapes);
        this.parameters = List.copyOf(params);
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
     * The parameters of every layer, as the optimizer and model files see them.
     *
     * @return every parameter, with its full path ({@code layers.0.weight}), in layer order
     */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * The size of the model, as {@code nnj} prints it.
     *
     * @return the number of parameter values, those of frozen parameters included
     */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters) {
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
     * Allocates the batch buffers that forward and backward passes need; one per thread.
     *
     * @param maxBatch the largest batch the workspace takes, &gt;= 1
     * @return buffers for batches of up to {@code maxBatch} examples
     * @throws IllegalArgumentException if {@code maxBatch} is below 1
     */
    public Workspace newWorkspace(int maxBatch) {
        return new Workspace(this, maxBatch);
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
            layers.add(requireNonNull(layer, "layer is null"));
            names.add(requireNonNull(name, "name is null"));
            labels.add(requireNonNull(label, "label is null"));
            return this;
        }

        /**
         * Builds the model, checking that each layer takes its predecessor's output.
         *
         * @return the model, its parameters prefixed with the layers' names
         * @throws ShapeMismatchException if a layer cannot take its predecessor's output
         */
        public Sequential build() {
            return new Sequential(inputShape, layers, labels, names);
        }
    }
}
