package dev.nnj.core.json;

import dev.nnj.api.DataException;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Tensor;
import dev.nnj.core.model.Sequential;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's parameters as safetensors tensors in PyTorch's {@code nn.Linear} layout (weights
 * [out, in], biases [out], other parameters as they are), and back: what {@code weights.safetensors}
 * of a {@code .nnj} file holds, and what {@code nnj export} and {@code nnj import} exchange.
 */
public final class Weights {
    private Weights() {
    }

    /**
     * Copies a model's parameters out, transposing weights.
     *
     * @param model the model; not modified
     * @return the parameters by path, in the model's order, in PyTorch's layout: weights [out, in],
     *     biases [out], others as they are; copies
     */
    public static Map<String, Safetensors.Entry> of(Sequential model) {
        Map<String, Safetensors.Entry> out = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            Tensor v = p.value();
            if (p.role() == ParameterRole.WEIGHT) {
                double[] t = new double[v.size()];
                for (int r = 0; r < v.rows(); r++) {
                    for (int c = 0; c < v.cols(); c++) {
                        t[c * v.rows() + r] = v.get(r, c);
                    }
                }
                out.put(p.path(), Safetensors.Entry.of(v.cols(), v.rows(), t));
            } else if (p.role() == ParameterRole.BIAS && v.rows() == 1) {
                out.put(p.path(), new Safetensors.Entry(new long[] {v.cols()}, Arrays.copyOf(v.data(), v.size())));
            } else {
                out.put(p.path(), Safetensors.Entry.of(v.rows(), v.cols(), Arrays.copyOf(v.data(), v.size())));
            }
        }
        return out;
    }

    /**
     * Copies {@code weights} into the model's parameters. Nothing is copied unless every name is a
     * parameter of the model; a missing tensor or a shape that differs is found parameter by
     * parameter, so earlier parameters may have been filled already.
     *
     * @param model the model whose parameter values are overwritten
     * @param weights tensors by parameter path, in PyTorch's layout (as {@link #of} gives); not
     *     modified
     * @param source the name of the weights, for messages
     * @throws DataException naming {@code source} if a parameter is missing, extra, or of another shape
     */
    public static void apply(Sequential model, Map<String, Safetensors.Entry> weights, String source) {
        Map<String, Safetensors.Entry> expected = of(model);
        for (String name : weights.keySet()) {
            if (!expected.containsKey(name)) {
                throw new DataException(source + ": tensor '" + name + "' is not a parameter of this model; its "
                        + "parameters are " + expected.keySet() + ".");
            }
        }
        for (Parameter p : model.parameters()) {
            Safetensors.Entry e = weights.get(p.path());
            long[] shape = expected.get(p.path()).shape();
            if (e == null) {
                throw new DataException(source + ": tensor '" + p.path() + "' is missing; expected shape "
                        + Arrays.toString(shape) + ".");
            }
            if (!Arrays.equals(shape, e.shape())) {
                throw new DataException(source + ": tensor '" + p.path() + "' has shape " + Arrays.toString(e.shape())
                        + "; the model needs " + Arrays.toString(shape) + ".");
            }
            Tensor v = p.value();
            if (p.role() == ParameterRole.WEIGHT) {
                for (int r = 0; r < v.rows(); r++) {
                    for (int c = 0; c < v.cols(); c++) {
                        v.set(r, c, e.values()[c * v.rows() + r]);
                    }
                }
            } else {
                System.arraycopy(e.values(), 0, v.data(), 0, v.size());
            }
        }
    }

    /**
     * Reads a safetensors file of weights, e.g. exported from PyTorch.
     *
     * @param file the {@code .safetensors} file (F64 or F32)
     * @return the tensors by name, in the file's order
     * @throws DataException naming the file if it is missing, unreadable or malformed
     */
    public static Map<String, Safetensors.Entry> read(Path file) {
        try {
            return Safetensors.read(java.nio.file.Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new DataException("Weights file not found: " + file.toAbsolutePath() + ".", e);
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
