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
     * @param name local name inside its layer ({@code weight}) or full path
     * @param value the value; modified by optimizers
     * @param gradient same shape as {@code value}; layers accumulate into it
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

    /** @return a trainable parameter with a zero gradient of the value's shape */
    public static Parameter of(String name, ParameterRole role, Tensor value) {
        return new Parameter(name, role, value, Tensor.zeros(value.rows(), value.cols()), true);
    }

    /** @return a view of this parameter named {@code prefix + "." + path()}, sharing value and gradient */
    public Parameter withPrefix(String prefix) {
        return new Parameter(prefix + "." + path, role, value, gradient, trainable);
    }

    public String path() {
        return path;
    }

    public ParameterRole role() {
        return role;
    }

    public Tensor value() {
        return value;
    }

    public Tensor gradient() {
        return gradient;
    }

    public boolean trainable() {
        return trainable;
    }

    @Override
    public String toString() {
        return "Parameter '" + path + "' " + value.shapeString();
    }
}
