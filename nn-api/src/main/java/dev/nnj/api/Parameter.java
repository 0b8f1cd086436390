package dev.nnj.api;

import static java.util.Objects.requireNonNull;

/**
 * A trainable value and its gradient buffer. The {@link #path()} is a stable name such as
 * {@code layers.0.weight}: optimizers key their state by it and model files store weights under it.
 * The value and gradient tensors are shared by every view of the parameter.
 *
 * <p>A parameter declares the shape it is saved in ({@link #shape()}), in PyTorch's layout (a dense
 * weight as {@code nn.Linear}'s [out, in], a convolution's [F, C, kH, kW], a batch-norm's [C]), and
 * how its storage maps to it: row-major as it is ({@link #of(String, ParameterRole, Tensor, Shape)})
 * or, for a matrix kept as [in, out] so that a layer computes x·W, transposed
 * ({@link #transposed(String, ParameterRole, Tensor)}). Model files, exports and imports use that
 * declaration alone. A parameter made with the 0.1 constructor or {@link #of(String, ParameterRole,
 * Tensor)} declares what 0.1 derived from its role: a {@link ParameterRole#WEIGHT} transposed, a
 * one-row {@link ParameterRole#BIAS} as a vector, anything else as [rows, cols].
 */
public final class Parameter {
    private final String path;
    private final ParameterRole role;
    private final Tensor value;
    private final Tensor gradient;
    private final boolean trainable;
    private final Shape shape;
    private final boolean transposed;

    /**
     * A parameter over existing value and gradient tensors, which it shares rather than copies.
     *
     * @param name local name inside its layer ({@code weight}) or full path
     * @param role what the parameter is for; with this constructor it also decides the layout in
     *     model files and exports, as in 0.1 (see the class comment)
     * @param value [rows, cols] the value; shared; modified by optimizers
     * @param gradient [rows, cols] the gradient, same shape as {@code value}; shared; layers
     *     accumulate into it
     * @param trainable whether optimizers update it; a parameter that is not trainable keeps its
     *     value (frozen) and gets no optimizer state
     * @throws NullPointerException if {@code name}, {@code role}, {@code value} or {@code gradient}
     *     is null
     * @throws ShapeMismatchException if {@code gradient} does not have the shape or element type of
     *     {@code value}
     */
    public Parameter(String name, ParameterRole role, Tensor value, Tensor gradient, boolean trainable) {
        this(name, role, value, gradient, trainable, roleShape(role, value), role == ParameterRole.WEIGHT);
    }

    private Parameter(String name, ParameterRole role, Tensor value, Tensor gradient, boolean trainable, Shape shape,
            boolean transposed) {
        this.path = requireNonNull(name, "name is null");
        this.role = requireNonNull(role, "role is null");
        this.value = requireNonNull(value, "value is null");
        this.gradient = requireNonNull(gradient, "gradient is null");
        this.trainable = trainable;
        this.shape = requireNonNull(shape, "shape is null");
        this.transposed = transposed;
        if (value.dtype() != gradient.dtype()) {
            throw new ShapeMismatchException("Parameter '" + name + "': gradient holds " + gradient.dtype()
                    + " values, value " + value.dtype() + "; they must be of one element type.");
        }
        if (value.rows() != gradient.rows() || value.cols() != gradient.cols()) {
            throw new ShapeMismatchException("Parameter '" + name + "': gradient " + gradient.shapeString()
                    + " does not match value " + value.shapeString() + ".");
        }
        if (shape.size() != value.size()) {
            throw new ShapeMismatchException("Parameter '" + name + "': shape " + shape + " holds " + shape.size()
                    + " values; the value " + value.shapeString() + " holds " + value.size() + ".");
        }
        if (transposed && (shape.rank() != 2 || shape.dim(0) != value.cols())) {
            throw new ShapeMismatchException("Parameter '" + name + "': a transposed parameter is saved as the "
                    + "[cols, rows] of its value " + value.shapeString() + "; got shape " + shape + ".");
        }
    }

    private static Shape roleShape(ParameterRole role, Tensor value) {
        requireNonNull(role, "role is null");
        requireNonNull(value, "value is null");
        if (role == ParameterRole.WEIGHT) {
            return Shape.of(value.cols(), value.rows());
        }
        if (role == ParameterRole.BIAS && value.rows() == 1) {
            return Shape.of(value.cols());
        }
        return Shape.of(value.rows(), value.cols());
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
        return new Parameter(name, role, value, Tensor.zeros(value.rows(), value.cols(), value.dtype()), true);
    }

    /**
     * A trainable parameter saved in {@code shape}, its storage read row-major: a convolution's
     * kernel kept as [F, C·kH·kW] and declared [F, C, kH, kW], a batch-norm's scale kept as [1, C] and
     * declared [C].
     *
     * @param name local name inside its layer, e.g. {@code weight}
     * @param role what the parameter is for (initialisers may use it); not a layout
     * @param value the value, row-major in {@code shape}; shared, not copied
     * @param shape the shape model files store it in, PyTorch's layout
     * @return a trainable parameter with a zero gradient of the value's shape
     * @throws ShapeMismatchException if {@code shape} does not hold exactly {@code value.size()} values
     */
    public static Parameter of(String name, ParameterRole role, Tensor value, Shape shape) {
        return new Parameter(name, role, value, Tensor.zeros(value.rows(), value.cols(), value.dtype()), true, shape,
                false);
    }

    /**
     * A trainable matrix kept as [in, out] (so that a layer computes x·W) and saved as its transpose
     * [out, in], as PyTorch's {@code nn.Linear} keeps its weight.
     *
     * @param name local name inside its layer, e.g. {@code weight}
     * @param role what the parameter is for
     * @param value [in, out] the value; shared, not copied
     * @return a trainable parameter declared [out, in], with a zero gradient of the value's shape
     */
    public static Parameter transposed(String name, ParameterRole role, Tensor value) {
        return new Parameter(name, role, value, Tensor.zeros(value.rows(), value.cols(), value.dtype()), true,
                Shape.of(value.cols(), value.rows()), true);
    }

    /**
     * The shape model files, exports and imports store this parameter in.
     *
     * @return the declared shape, in PyTorch's layout
     */
    public Shape shape() {
        return shape;
    }

    /**
     * How the storage maps to {@link #shape()}.
     *
     * @return {@code true} if the value [rows, cols] is saved as its transpose [cols, rows];
     *     {@code false} if it is saved row-major as it is
     */
    public boolean transposed() {
        return transposed;
    }

    /**
     * Places this parameter in a larger structure: the model names a layer's {@code weight}
     * {@code layers.0.weight}.
     *
     * @param prefix the path of the enclosing component, e.g. {@code layers.0}
     * @return a view of this parameter named {@code prefix + "." + path()}, sharing value and gradient
     */
    public Parameter withPrefix(String prefix) {
        return new Parameter(prefix + "." + path, role, value, gradient, trainable, shape, transposed);
    }

    /**
     * Freezes this parameter in a larger structure: a model gives the parameters of a layer marked
     * {@code "trainable": false} as such views, so that optimizers, weight decay and gradient
     * clipping leave them alone while backprop through the layer is unchanged.
     *
     * @return a view of this parameter that is not {@link #trainable() trainable}, with the same
     *     path, role and saved shape, sharing value and gradient; this parameter itself if it is not
     *     trainable already
     */
    public Parameter frozen() {
        return trainable ? new Parameter(path, role, value, gradient, false, shape, transposed) : this;
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
