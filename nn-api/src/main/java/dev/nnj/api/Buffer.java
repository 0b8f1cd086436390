package dev.nnj.api;

import static java.util.Objects.requireNonNull;

/**
 * A named tensor that a layer keeps but does not train: a batch-norm's running statistics, a
 * normalisation's mean and variance, a counter (PyTorch's {@code register_buffer}). Buffers are
 * saved, loaded, checkpointed, exported and imported with the parameters, under their
 * {@link #path()}, in their declared {@link #shape()}; optimizers, weight decay, gradient clipping
 * and gradient checks never see them, and they are not counted as trainable values.
 *
 * <p>The values live in {@link #value()}, row-major in the declared shape; a layer updates them
 * during training forward passes or in {@link Layer#adapt(AdaptData)}. The tensor is shared by
 * every view of the buffer.
 */
public final class Buffer {
    private final String path;
    private final Tensor value;
    private final Shape shape;
    private final DType dtype;

    private Buffer(String path, Tensor value, Shape shape, DType dtype) {
        this.path = requireNonNull(path, "name is null");
        this.value = requireNonNull(value, "value is null");
        this.shape = requireNonNull(shape, "shape is null");
        this.dtype = requireNonNull(dtype, "dtype is null");
        if (shape.size() != value.size()) {
            throw new ShapeMismatchException("Buffer '" + path + "': shape " + shape + " holds " + shape.size()
                    + " values; the tensor " + value.shapeString() + " holds " + value.size() + ".");
        }
    }

    /**
     * A floating-point buffer over an existing tensor, which it shares rather than copies.
     *
     * @param name local name inside its layer, e.g. {@code running_mean}
     * @param value the values, row-major in {@code shape}; shared
     * @param shape the shape it is saved in, e.g. {@code [C]}; {@link Shape#scalar()} for one value
     * @return a buffer of the value's element type, {@link DType#F64} or {@link DType#F32}
     * @throws NullPointerException if an argument is null
     * @throws ShapeMismatchException if {@code shape} does not hold exactly {@code value.size()} values
     */
    public static Buffer of(String name, Tensor value, Shape shape) {
        return new Buffer(name, value, shape, value.dtype());
    }

    /**
     * An integer buffer, e.g. a counter of training batches; its values must stay whole numbers of
     * magnitude at most 2<sup>53</sup>.
     *
     * @param name local name inside its layer, e.g. {@code num_batches_tracked}
     * @param value the values, row-major in {@code shape}; shared
     * @param shape the shape it is saved in; {@link Shape#scalar()} for one value
     * @return an {@link DType#I64} buffer
     * @throws NullPointerException if an argument is null
     * @throws ShapeMismatchException if {@code shape} does not hold exactly {@code value.size()} values
     */
    public static Buffer ofInt64(String name, Tensor value, Shape shape) {
        return new Buffer(name, value, shape, DType.I64);
    }

    /**
     * Places this buffer in a larger structure, as {@link Parameter#withPrefix} does.
     *
     * @param prefix the path of the enclosing component, e.g. {@code layers.1}
     * @return a view named {@code prefix + "." + path()}, sharing the values
     */
    public Buffer withPrefix(String prefix) {
        return new Buffer(prefix + "." + path, value, shape, dtype);
    }

    /**
     * The name under which model files store this buffer.
     *
     * @return the path, e.g. {@code layers.1.running_mean}, or a layer's local name
     */
    public String path() {
        return path;
    }

    /**
     * The values, shared with every view of this buffer.
     *
     * @return the tensor itself, row-major in {@link #shape()}
     */
    public Tensor value() {
        return value;
    }

    /**
     * The shape model files store this buffer in.
     *
     * @return the declared shape; rank 0 for a single value
     */
    public Shape shape() {
        return shape;
    }

    /**
     * The element type model files store this buffer as.
     *
     * @return {@link DType#F64}, {@link DType#F32} or {@link DType#I64}
     */
    public DType dtype() {
        return dtype;
    }

    @Override
    public String toString() {
        return "Buffer '" + path + "' " + shape + " " + dtype;
    }
}
