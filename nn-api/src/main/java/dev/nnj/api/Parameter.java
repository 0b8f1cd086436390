package dev.nnj.api;

import static java.util.Objects.requireNonNull;

/**
 * A trainable value and its gradient buffer. The {@link #path()} is a stable name such as
 * {@code layers.0.weight}: optimizers key their state by it and model files store weights under it.
 * The value and gradient tensors are shared by every view of the parameter.
 */
public final class Parameter {
    private final String path;
    private final ParameterRole role;
    private final Tensor value;
    private final Tensor gradient;
    private final boolean trainable;

    /**
     * A parameter over existing value and gradient tensors, which it shares rather than copies.
     *
     * @param name local name inside its layer ({@code weight}) or full path
     * @param role what the parameter is for; decides its layout in model files and exports
     * @param value [rows, cols] the value; shared; modified by optimizers
     * @param gradient [rows, cols] the gradient, same shape as {@code value}; shared; layers
     *     accumulate into it
     * @param trainable whether optimizers update it; a parameter that is not trainable keeps its
     *     value (frozen) and gets no optimizer state
     * @throws NullPointerException if {@code name}, {@code role}, {@code value} or {@code gradient}
     *     is null
     * @throws ShapeMismatchException if {@code gradient} does not have the shape of {@code value}
     */
    public Parameter(String name, ParameterRole role, Tensor value, Tensor gradient, boolean trainable) {
        this.path = requireNonNull(name, "name is null");
        this.role = requireNonNull(role, "role is null");
        this.value = requireNonNull(value, "value is null");
        this.gradient = requireNonNull(gradient, "gradient is null");
        this.trainable = trainable;
        if (value.rows() != gradient.rows() || value.cols() != gradient.cols()) {
            throw new ShapeMismatchException("Parameter '" + name + "': gradient " + gradient.shapeString()
                    + " does not match value " + value.shapeString() + ".");
        }
    }

    /**
     * A trainable parameter with a new gradient buffer, which is how layers create theirs.
     *
     * @param name local name inside its layer, e.g. {@code weight}
     * @param role what the parameter is for
     * @param value [rows, cols] the value; shared, not copied
     * @return a trainable parameter with a zero gradient of the value's shape
     */
    public static Parameter of(String name, ParameterRole role, Tensor value) {
        return new Parameter(name, role, value, Tensor.zeros(value.rows(), value.cols()), true);
    }

    /**
     * Places this parameter in a larger structure: the model names a layer's {@code weight}
     * {@code layers.0.weight}.
     *
     * @param prefix the path of the enclosing component, e.g. {@code layers.0}
     * @return a view of this parameter named {@code prefix + "." + path()}, sharing value and gradient
     */
    public Parameter withPrefix(String prefix) {
        return new Parameter(prefix + "." + path, role, value, gradient, trainable);
    }

    /**
     * The name under which optimizers keep this parameter's state and model files its weights.
     *
     * @return the path, e.g. {@code layers.0.weight}, or a layer's local name ({@code weight})
     */
    public String path() {
        return path;
    }

    /**
     * What this parameter is for.
     *
     * @return the role given at construction
     */
    public ParameterRole role() {
        return role;
    }

    /**
     * The value, shared with every view of this parameter; layers read it, optimizers write it.
     *
     * @return [rows, cols] the value tensor itself, not a copy
     */
    public Tensor value() {
        return value;
    }

    /**
     * The gradient buffer, shared with every view of this parameter; layers accumulate into it and
     * the trainer zeroes it before each step.
     *
     * @return [rows, cols] the gradient tensor itself, not a copy; same shape as {@link #value()}
     */
    public Tensor gradient() {
        return gradient;
    }

    /**
     * Whether optimizers update this parameter.
     *
     * @return {@code false} for a frozen parameter, whose value stays as it is
     */
    public boolean trainable() {
        return trainable;
    }

    @Override
    public String toString() {
        return "Parameter '" + path + "' " + value.shapeString();
    }
}
