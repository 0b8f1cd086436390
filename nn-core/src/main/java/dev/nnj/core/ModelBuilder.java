package dev.nnj.core;

import dev.nnj.api.ModelConfigException;
import dev.nnj.api.Shape;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.table.TableOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A model file written in code, one method per key: what it builds is read by the same reader as a
 * file ({@link ModelFileReader#read(Map, String)}), so the defaults, the registry's type ids (third
 * parties' included) and the error messages are the file's. Start with {@link Models#sequential}.
 *
 * <pre>{@code
 * AssembledModel m = Models.sequential(Shape.of(64))
 *         .dense(128, "relu")
 *         .dense(10)
 *         .loss("softmax-cross-entropy")
 *         .optimizer("adam", o -> o.set("learningRate", 1e-3))
 *         .seed(42)
 *         .build(NnRuntime.discover());
 * ModelArchive.save(Path.of("digits.nnj"), m);      // model.json is the file above, as JSON
 * }</pre>
 *
 * <p>Not thread-safe; each build call reads the builder as it stands.
 */
public final class ModelBuilder {
    /** The source named in messages about a model built in code. */
    public static final String SOURCE = "<code>";

    private final Map<String, Object> root = new LinkedHashMap<>();
    private final List<Map<String, Object>> layers = new ArrayList<>();

    ModelBuilder(Shape input) {
        if (input != null) {
            root.put("input", Arrays.stream(input.dims()).boxed().toList());
        }
        root.put("layers", layers);
    }

    /**
     * Adds a layer of any registered type, as {@code {"type": type, ...}} in a file's
     * {@code "layers"}.
     *
     * @param type the layer's type id, e.g. {@code dense} or a plug-in's {@code acme.gated-dense}
     * @param options its settings, or {@code null} for none
     * @return this builder
     */
    public ModelBuilder layer(String type, Consumer<ComponentOptions> options) {
        layers.add(ComponentOptions.of(type, options));
        return this;
    }

    /**
     * Adds a layer without settings, e.g. {@code flatten}.
     *
     * @param type the layer's type id
     * @return this builder
     */
    public ModelBuilder layer(String type) {
        return layer(type, null);
    }

    /**
     * Adds a {@code dense} layer.
     *
     * @param units its outputs
     * @return this builder
     */
    public ModelBuilder dense(int units) {
        return layer("dense", o -> o.set("units", units));
    }

    /**
     * Adds a {@code dense} layer followed by an activation ({@code "activation"} on the layer).
     *
     * @param units its outputs
     * @param activation the activation's type id, e.g. {@code relu}
     * @return this builder
     */
    public ModelBuilder dense(int units, String activation) {
        return dense(units).activation(activation);
    }

    /**
     * Adds a {@code dropout} layer.
     *
     * @param rate the share of inputs zeroed in training, in [0, 1)
     * @return this builder
     */
    public ModelBuilder dropout(double rate) {
        return layer("dropout", o -> o.set("rate", rate));
    }

    /**
     * Adds a {@code conv2d} layer (square kernel, stride 1, no padding).
     *
     * @param filters its output channels
     * @param kernel the kernel's height and width
     * @return this builder
     */
    public ModelBuilder conv2d(int filters, int kernel) {
        return layer("conv2d", o -> o.set("filters", filters).set("kernel", kernel));
    }

    /**
     * Adds a {@code max-pool2d} layer.
     *
     * @param size the window's height and width (and stride)
     * @return this builder
     */
    public ModelBuilder maxPool2d(int size) {
        return layer("max-pool2d", o -> o.set("size", size));
    }

    /**
     * Sets a key on the layer added last, as in its object in a file, e.g.
     * {@code .dense(64).with("weightInit", "xavier-uniform")}.
     *
     * @param key the key
     * @param value its JSON-like value
     * @return this builder
     * @throws IllegalStateException if no layer was added yet
     */
    public ModelBuilder with(String key, Object value) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("Add a layer before setting '" + key + "' on it.");
        }
        layers.get(layers.size() - 1).put(key, value);
        return this;
    }

    /**
     * Puts an activation after the layer added last ({@code "activation"} on it).
     *
     * @param type the activation's type id, e.g. {@code relu}
     * @return this builder
     * @throws IllegalStateException if no layer was added yet
     */
    public ModelBuilder activation(String type) {
        return with("activation", type);
    }

    /**
     * Freezes the layer added last ({@code "trainable": false}): training leaves its parameters as
     * they are.
     *
     * @return this builder
     * @throws IllegalStateException if no layer was added yet
     */
    public ModelBuilder frozen() {
        return with("trainable", false);
    }

    /**
     * @param type the loss's type id, e.g. {@code softmax-cross-entropy}
     * @return this builder
     */
    public ModelBuilder loss(String type) {
        return loss(type, null);
    }

    /**
     * @param type the loss's type id
     * @param options its settings, or {@code null}
     * @return this builder
     */
    public ModelBuilder loss(String type, Consumer<ComponentOptions> options) {
        root.put("loss", ComponentOptions.of(type, options));
        return this;
    }

    /**
     * @param type the optimizer's type id, e.g. {@code adam}
     * @return this builder
     */
    public ModelBuilder optimizer(String type) {
        return optimizer(type, null);
    }

    /**
     * @param type the optimizer's type id, e.g. {@code adam}
     * @param options its settings, e.g. {@code o -> o.set("learningRate", 1e-3)}; a schedule with
     *     {@code o.component("schedule", "cosine", s -> s.set("tMax", 20))}
     * @return this builder
     */
    public ModelBuilder optimizer(String type, Consumer<ComponentOptions> options) {
        root.put("optimizer", ComponentOptions.of(type, options));
        return this;
    }

    /**
     * @param batchSize examples per training step (a file's {@code batchSize}, default 32)
     * @return this builder
     */
    public ModelBuilder batchSize(int batchSize) {
        return set("batchSize", batchSize);
    }

    /**
     * @param epochs passes over the training data (default 10)
     * @return this builder
     */
    public ModelBuilder epochs(int epochs) {
        return set("epochs", epochs);
    }

    /**
     * @param seed the root seed of initialisation and data order (default 42)
     * @return this builder
     */
    public ModelBuilder seed(long seed) {
        return set("seed", seed);
    }

    /**
     * @param dtype the element type the model computes in: {@link dev.nnj.api.DType#F64} (the
     *     default) or {@link dev.nnj.api.DType#F32}, the model file's {@code "dtype"}
     * @return this builder
     * @throws IllegalArgumentException if {@code dtype} is {@link dev.nnj.api.DType#I64}
     */
    public ModelBuilder dtype(dev.nnj.api.DType dtype) {
        return switch (dtype) {
            case F64 -> set("dtype", "float64");
            case F32 -> set("dtype", "float32");
            default -> throw new IllegalArgumentException("A model computes in F64 or F32; got " + dtype + ".");
        };
    }

    /**
     * @param dropLast whether an epoch skips a last batch shorter than the batch size (default false)
     * @return this builder
     */
    public ModelBuilder dropLast(boolean dropLast) {
        return set("dropLast", dropLast);
    }

    /**
     * @param maxNorm the largest global gradient norm, as PyTorch's {@code clip_grad_norm_}
     * @return this builder
     */
    public ModelBuilder gradientClipNorm(double maxNorm) {
        return set("gradientClipNorm", maxNorm);
    }

    /**
     * @param maxValue the largest absolute gradient value, as PyTorch's {@code clip_grad_value_}
     * @return this builder
     */
    public ModelBuilder gradientClipValue(double maxValue) {
        return set("gradientClipValue", maxValue);
    }

    /**
     * @param table how a CSV table becomes the input (a file's {@code "table"})
     * @return this builder
     */
    public ModelBuilder table(TableOptions table) {
        return set("table", table.values());
    }

    /**
     * Sets any top-level key of a model file, e.g. {@code name} or {@code description}.
     *
     * @param key the key
     * @param value its JSON-like value
     * @return this builder
     */
    public ModelBuilder set(String key, Object value) {
        if (key.equals("layers")) {
            throw new ModelConfigException(SOURCE + ": add layers with layer(...), dense(...) and the like.");
        }
        root.put(key, value);
        return this;
    }

    /**
     * @return the model file this builder stands for, as JSON-like values (a copy)
     */
    public Map<String, Object> values() {
        Map<String, Object> copy = new LinkedHashMap<>(root);
        List<Object> ls = new ArrayList<>();
        for (Map<String, Object> layer : layers) {
            ls.add(new LinkedHashMap<>(layer));
        }
        copy.put("layers", ls);
        return copy;
    }

    /**
     * @return the model as declared, read as a model file is
     * @throws ModelConfigException as for a model file, naming {@value #SOURCE}
     */
    public ModelSpec spec() {
        return ModelFileReader.read(values(), SOURCE);
    }

    /**
     * Builds the model through the runtime's registry, as a model file is built.
     *
     * @param runtime the components and backend to build with
     * @return the model, initialised from the seed, with its spec (so that it saves as it is)
     * @throws ModelConfigException as for a model file, naming {@value #SOURCE} and the path
     */
    public AssembledModel build(NnRuntime runtime) {
        return runtime.assemble(spec());
    }
}
