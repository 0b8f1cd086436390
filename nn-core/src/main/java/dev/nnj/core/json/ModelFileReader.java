package dev.nnj.core.json;

import dev.nnj.api.DataException;
import dev.nnj.api.DType;
import dev.nnj.api.ModelConfigException;
import dev.nnj.api.Shape;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.MapConfig;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.registry.Suggestions;
import dev.nnj.core.table.TableOptions;
import dev.nnj.core.train.GradientClipping;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a model file: a JSON object with {@code input} (the shape of one example, e.g.
 * {@code [64]}), {@code layers}, {@code loss}, {@code optimizer}, and optionally {@code batchSize}
 * (default 32), {@code dropLast} (default false: see {@link dev.nnj.core.train.TrainingOptions#dropLast()}),
 * {@code epochs} (default 10), {@code seed} (default 42), {@code dtype} ({@code "float64"}, the
 * default, or {@code "float32"}), {@code name},
 * {@code description}, {@code gradientClipNorm} and {@code gradientClipValue} (see
 * {@link GradientClipping}), {@code table} (see {@link TableOptions}); {@code input} may be left out of
 * a model trained on a CSV table, whose columns give it, and in saved models {@code formatVersion} and {@code nnjVersion}. Components are a type id string or an object with a {@code type} key.
 */
public final class ModelFileReader {
    /** The {@code batchSize} of a model file that does not give one. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** The {@code epochs} of a model file that does not give them. */
    public static final int DEFAULT_EPOCHS = 10;
    /** The {@code seed} of a model file that does not give one. */
    public static final long DEFAULT_SEED = 42;
    /** The newest model-file format this nnj reads and the one it writes. */
    public static final int FORMAT_VERSION = 1;
    /**
     * The system property that sets the most bytes of JSON nnj reads, in a model file and in each
     * JSON entry of a {@code .nnj} file ({@code model.json}, {@code table.json},
     * {@code training.json}): {@value #DEFAULT_MAX_JSON_BYTES} (16 MiB) by default, e.g.
     * {@code java -Dnnj.maxJsonBytes=67108864 -jar nnj.jar ...}. Beyond it, a file is refused before
     * it is read, and {@link ModelArchive} refuses to save an entry it would not read back.
     */
    public static final String MAX_JSON_BYTES_PROPERTY = "nnj.maxJsonBytes";
    /**
     * The most bytes of JSON nnj reads unless {@value #MAX_JSON_BYTES_PROPERTY} says otherwise,
     * 16 MiB: a model file and the training state are a few kilobytes; a table's schema grows with
     * its categories, and 16 MiB holds about a million of them, which would make a one-hot input a
     * million wide.
     */
    public static final long DEFAULT_MAX_JSON_BYTES = 16L << 20;
    /** How to raise the limit, as messages append it to the limit. */
    static final String RAISE_JSON_LIMIT = "; raise the limit with -D" + MAX_JSON_BYTES_PROPERTY + "=BYTES";

    /**
     * The most entries of {@code layers} a model file may list: about ten times the deepest networks
     * trained in practice (ResNet-1202). Every layer keeps an output and a gradient buffer per batch
     * in each workspace: 100,000 dropout layers took 44 s and 6.4 GB before running out of memory,
     * where 10,000 (16 wide) train an epoch of the digits in under 5 s and 1.5 GB.
     */
    public static final int MAX_LAYERS = 10_000;

    private ModelFileReader() {
    }

    /**
     * @return the most bytes of JSON nnj reads: {@value #MAX_JSON_BYTES_PROPERTY} if set (up to
     *     2^31 - 9, the longest array, which holds the text), else {@link #DEFAULT_MAX_JSON_BYTES}
     * @throws DataException if the property is not a whole number of at least 1
     */
    static long maxJsonBytes() {
        String value = System.getProperty(MAX_JSON_BYTES_PROPERTY);
        if (value == null) {
            return DEFAULT_MAX_JSON_BYTES;
        }
        try {
            long limit = Long.parseLong(value.strip());
            if (limit >= 1) {
                return Math.min(limit, Integer.MAX_VALUE - 8);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataException("-D" + MAX_JSON_BYTES_PROPERTY + "=" + value + ": expected a whole number of bytes "
                + ">= 1.");
    }

    /**
     * Reads a model file from disk.
     *
     * @param file the JSON model file (UTF-8; comments allowed, duplicate keys refused)
     * @return the model as declared, with the file's name as its source
     * @throws ModelConfigException naming the file, and the line or path of the problem
     */
    public static ModelSpec read(Path file) {
        String json;
        try {
            long size = Files.size(file);
            if (size > maxJsonBytes()) {
                throw new ModelConfigException(file + ": " + size + " bytes, more than nnj reads for a model file ("
                        + maxJsonBytes() + RAISE_JSON_LIMIT + ").");
            }
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ModelConfigException("Model file not found: " + file.toAbsolutePath() + ".", e);
        } catch (CharacterCodingException e) {
            throw new ModelConfigException(file + ": not UTF-8 text; a model file is JSON in UTF-8: save it as UTF-8.", e);
        } catch (IOException e) {
            throw new ModelConfigException("Cannot read model file " + file + ": " + e.getMessage(), e);
        }
        return read(json, file.toString());
    }

    /**
     * Reads a model file's text, e.g. the {@code model.json} of a {@code .nnj} file.
     *
     * @param json the model file's JSON text
     * @param source the name used in messages
     * @return the model as declared, with {@code source} as its source
     * @throws ModelConfigException naming {@code source}, and the line or path of the problem
     *     (invalid JSON, a missing or unknown key, a value out of range, a newer format version)
     */
    public static ModelSpec read(String json, String source) {
        Object root = parse(json, source);
        if (!(root instanceof Map<?, ?> map)) {
            throw new ModelConfigException(source + ": a model file holds one JSON object with \"input\", \"layers\", "
                    + "\"loss\" and \"optimizer\".");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) map;
        return read(values, source);
    }

    /**
     * Reads a model file already parsed, or built in code as JSON-like values (maps, lists,
     * strings, numbers, booleans), with the same defaults and the same messages as a file.
     *
     * @param values the model file's top-level object; not modified
     * @param source the name used in messages, e.g. {@code <code>}
     * @return the model as declared, with {@code source} as its source
     * @throws ModelConfigException naming {@code source} and the path of the problem
     */
    public static ModelSpec read(Map<String, ?> values, String source) {
        try {
            return toSpec(new MapConfig("", values), source);
        } catch (ModelConfigException e) {
            throw new ModelConfigException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads one component given apart from a model file, e.g. {@code nnj train --optimizer}: a bare
     * type id ({@code adam}), or its JSON as a model file writes it ({@code "adam"} or
     * {@code {"type": "adam", "learningRate": 1e-4}}), read as strictly as a model file.
     *
     * @param text the component: a type id, or JSON text starting with <code>{</code> or {@code "}
     * @param path where it was given, e.g. {@code --optimizer}: the config's path, so that errors in
     *     it name that place as a model file's name {@code optimizer}
     * @return the component's config at {@code path}, not yet checked against its provider
     * @throws ModelConfigException naming {@code path}: empty text, invalid JSON (with line and
     *     column), or neither a type id nor an object with a {@code type} key
     */
    public static Config readComponent(String text, String path) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new ModelConfigException(path + ": empty; give a type id (e.g. adam) or a component as a model "
                    + "file writes it (e.g. {\"type\": \"adam\", \"learningRate\": 1e-4}).");
        }
        boolean json = t.startsWith("{") || t.startsWith("\"") || t.startsWith("[");
        return MapConfig.ofSpec(path, json ? parse(t, path) : t);
    }

    private static Object parse(String json, String source) {
        return JsonReading.read(JsonReading.MODEL_FILE, json, Object.class,
                (where, what, e) -> new ModelConfigException(source + " " + where + ": " + what + ".", e));
    }

    private static ModelSpec toSpec(Config root, String source) {
        TableOptions table = root.has("table") ? TableOptions.parse(((MapConfig) root).values().get("table")) : null;
        int[] input = root.getIntArray("input").orElse(null);
        Shape shape = null;
        try {
            shape = input == null ? null : Shape.of(input);
        } catch (IllegalArgumentException e) {
            throw new ModelConfigException("input: " + e.getMessage(), e);
        }
        if (!root.has("layers")) {
            throw new ModelConfigException("missing \"layers\": a list such as [{\"type\": \"dense\", \"units\": 10}].");
        }
        List<Config> layers = root.getComponentList("layers");
        if (layers.size() > MAX_LAYERS) {
            throw new ModelConfigException("\"layers\" lists " + layers.size() + " layers; nnj builds at most "
                    + MAX_LAYERS + " (each keeps an output and a gradient buffer per batch).");
        }
        Config loss = root.getComponent("loss").orElseThrow(() -> new ModelConfigException(
                "missing \"loss\", e.g. \"loss\": \"softmax-cross-entropy\"."));
        Config optimizer = root.getComponent("optimizer").orElseThrow(() -> new ModelConfigException(
                "missing \"optimizer\", e.g. \"optimizer\": {\"type\": \"momentum\", \"learningRate\": 0.05}."));
        int batchSize = root.getInt("batchSize", DEFAULT_BATCH_SIZE);
        boolean dropLast = root.getBoolean("dropLast", false);
        int epochs = root.getInt("epochs", DEFAULT_EPOCHS);
        long seed = root.getLong("seed", DEFAULT_SEED);
        DType dtype = dtype(root);
        double clipNorm = root.getDouble("gradientClipNorm", Double.POSITIVE_INFINITY);
        double clipValue = root.getDouble("gradientClipValue", Double.POSITIVE_INFINITY);
        if (!(clipNorm > 0)) {
            throw root.invalid("gradientClipNorm", "a number > 0");
        }
        if (!(clipValue > 0)) {
            throw root.invalid("gradientClipValue", "a number > 0");
        }
        root.getString("name", "");
        root.getString("description", "");
        root.getString("nnjVersion", "");
        int formatVersion = root.getInt("formatVersion", FORMAT_VERSION);
        if (formatVersion > FORMAT_VERSION || formatVersion < 1) {
            throw new ModelConfigException("formatVersion " + formatVersion + " is not one this nnj reads (1 to "
                    + FORMAT_VERSION + "); it was written by a newer nnj: upgrade nnj to load it.");
        }
        Set<String> unread = root.unreadKeys();
        if (!unread.isEmpty()) {
            String key = unread.iterator().next();
            Set<String> known = new TreeSet<>(root.readKeys());
            throw new ModelConfigException("unknown top-level key '" + key + "'." + Suggestions.didYouMean(key, known)
                    + " Known keys: " + String.join(", ", known) + ".");
        }
        return new ModelSpec(source, shape, layers, loss, optimizer, batchSize, epochs, seed,
                new GradientClipping(clipNorm, clipValue), dropLast, table, dtype);
    }

    /**
     * The {@code "dtype"} key: {@code "float64"} (the default) or {@code "float32"}, as PyTorch and
     * Keras name them.
     *
     * @param root the model file's top-level object
     * @return the element type
     * @throws ModelConfigException for any other value
     */
    static DType dtype(Config root) {
        String name = root.getString("dtype", "float64");
        DType dtype = parseDtype(name);
        if (dtype == null) {
            throw root.invalid("dtype", "\"float64\" or \"float32\"");
        }
        return dtype;
    }

    /**
     * Parses an element type as model files and the command line write it.
     *
     * @param name {@code float64} or {@code float32} (also {@code f64}, {@code f32}, any case)
     * @return the element type, or {@code null} for any other name
     */
    public static DType parseDtype(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "float64", "f64", "double":
                return DType.F64;
            case "float32", "f32", "float":
                return DType.F32;
            default:
                return null;
        }
    }
}
