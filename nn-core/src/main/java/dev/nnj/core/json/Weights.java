package dev.nnj.core.json;

import dev.nnj.api.Buffer;
import dev.nnj.api.DType;
import dev.nnj.api.DataException;
import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.core.model.Sequential;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's parameters and buffers as safetensors tensors, each in the shape its layer declares
 * ({@link Parameter#shape()}, {@link Buffer#shape()}: PyTorch's layout, e.g. a dense weight [out, in],
 * a convolution's [F, C, kH, kW], a batch-norm's running mean [C]), and back: what
 * {@code weights.safetensors} of a {@code .nnj} file holds, and what {@code nnj export} and
 * {@code nnj import} exchange. Nothing here decides a layout: a parameter says whether its storage
 * is its declared shape row-major or the transpose of it.
 */
public final class Weights {
    private Weights() {
    }

    /**
     * Copies a model's parameters and buffers out, in their declared shapes.
     *
     * @param model the model; not modified
     * @return the parameters by path, in the model's order, then the buffers; copies; integer buffers
     *     as {@code I64} entries
     */
    public static Map<String, Safetensors.Entry> of(Sequential model) {
        Map<String, Safetensors.Entry> out = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            Tensor v = p.value();
            double[] values = new double[v.size()];
            if (p.transposed()) {
                for (int r = 0; r < v.rows(); r++) {
                    for (int c = 0; c < v.cols(); c++) {
                        values[c * v.rows() + r] = v.get(r, c);
                    }
                }
            } else {
                copy(v, values);
            }
            out.put(p.path(), new Safetensors.Entry(dims(p.shape()), values, v.dtype().name()));
        }
        for (Buffer b : model.buffers()) {
            double[] values = new double[b.value().size()];
            copy(b.value(), values);
            out.put(b.path(), new Safetensors.Entry(dims(b.shape()), values, b.dtype().name()));
        }
        return out;
    }

    private static long[] dims(Shape shape) {
        long[] d = new long[shape.rank()];
        for (int i = 0; i < d.length; i++) {
            d[i] = shape.dim(i);
        }
        return d;
    }

    /**
     * Copies {@code weights} into the model's parameters and buffers. Nothing is copied unless every
     * name is a parameter or buffer of the model; a missing tensor or a shape that differs is found
     * one by one, so earlier ones may have been filled already. Once every tensor is copied, the
     * model counts as {@linkplain Sequential#adapted() adapted}: training keeps the loaded buffers.
     *
     * @param model the model whose parameter and buffer values are overwritten
     * @param weights tensors by path, in the declared shapes (as {@link #of} gives); not modified
     * @param source the name of the weights, for messages
     * @throws DataException naming {@code source} if a tensor is missing, extra, of another shape, or
     *     not a whole number where an integer buffer needs one
     */
    public static void apply(Sequential model, Map<String, Safetensors.Entry> weights, String source) {
        Map<String, Safetensors.Entry> expected = of(model);
        for (String name : weights.keySet()) {
            if (!expected.containsKey(name)) {
                throw new DataException(source + ": tensor '" + name + "' is not a parameter or buffer of this model; "
                        + "it has " + expected.keySet() + ".");
            }
        }
        for (Parameter p : model.parameters()) {
            double[] values = find(weights, expected, p.path(), source).values();
            Tensor v = p.value();
            if (p.transposed()) {
                for (int r = 0; r < v.rows(); r++) {
                    for (int c = 0; c < v.cols(); c++) {
                        v.set(r, c, values[c * v.rows() + r]);
                    }
                }
            } else {
                copy(values, v);
            }
        }
        for (Buffer b : model.buffers()) {
            double[] values = find(weights, expected, b.path(), source).values();
            if (b.dtype() == DType.I64) {
                for (int i = 0; i < values.length; i++) {
                    if (values[i] != Math.rint(values[i])) {
                        throw new DataException(source + ": tensor '" + b.path() + "' is an integer buffer; value "
                                + values[i] + " at index " + i + " is not a whole number.");
                    }
                }
            }
            copy(values, b.value());
        }
        model.markAdapted();
    }

    /** A tensor's values in use, of either type, into {@code values} (its length). */
    private static void copy(Tensor from, double[] values) {
        Tensor.wrap(values, from.rows(), from.cols()).copyFrom(from);
    }

    /** Values into a tensor of either type, rounded for float32. */
    private static void copy(double[] values, Tensor to) {
        to.copyFrom(Tensor.wrap(values, to.rows(), to.cols()));
    }

    private static Safetensors.Entry find(Map<String, Safetensors.Entry> weights, Map<String, Safetensors.Entry> expected,
            String path, String source) {
        Safetensors.Entry e = weights.get(path);
        long[] shape = expected.get(path).shape();
        if (e == null) {
            throw new DataException(source + ": tensor '" + path + "' is missing; expected shape "
                    + Arrays.toString(shape) + ".");
        }
        if (!Arrays.equals(shape, e.shape())) {
            throw new DataException(source + ": tensor '" + path + "' has shape " + Arrays.toString(e.shape())
                    + "; the model needs " + Arrays.toString(shape) + ".");
        }
        return e;
    }

    /**
     * Reads a safetensors file of weights, e.g. exported from PyTorch, refusing NaN and infinities:
     * its header (at most 100 MB), checked against the file's size, then only its tensors' bytes,
     * never the whole file at once.
     *
     * @param file the {@code .safetensors} file (F64, F32 or I64)
     * @return the tensors by name, in the file's order
     * @throws DataException naming the file if it is missing, unreadable or malformed, if it holds a
     *     value that is not finite, or if its values would not fit this JVM's maximum heap
     */
    public static Map<String, Safetensors.Entry> read(Path file) {
        return read(file, LoadOptions.defaults());
    }

    /**
     * Reads a safetensors file of weights, e.g. exported from PyTorch: its header (at most 100 MB),
     * checked against the file's size, then only its tensors' bytes, never the whole file at once.
     *
     * @param file the {@code .safetensors} file (F64, F32 or I64)
     * @param options how to read it, e.g. {@link LoadOptions#allowNonFinite()} to keep NaN and infinities
     * @return the tensors by name, in the file's order
     * @throws DataException naming the file if it is missing, unreadable or malformed, if it holds a
     *     value that is not finite (unless {@code options} allow it), or if its values would not fit
     *     this JVM's maximum heap
     */
    public static Map<String, Safetensors.Entry> read(Path file, LoadOptions options) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return Safetensors.read(channel, file.toString(), options);
        } catch (NoSuchFileException e) {
            throw new DataException("Weights file not found: " + file.toAbsolutePath() + ".", e);
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
