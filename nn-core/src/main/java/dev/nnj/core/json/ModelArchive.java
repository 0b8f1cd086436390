package dev.nnj.core.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nnj.api.DType;
import dev.nnj.api.DataException;
import dev.nnj.api.ModelConfigException;
import dev.nnj.api.NnException;
import dev.nnj.api.Optimizer;
import dev.nnj.api.Tensor;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.MapConfig;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.ModelAssembler;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.table.TableModel;
import dev.nnj.core.table.TableSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The {@code .nnj} model file: a zip holding {@code model.json} (the model file that built the
 * model, with {@code formatVersion} and {@code nnjVersion}) and {@code weights.safetensors}
 * (F64; PyTorch's {@code nn.Linear} names and layout: {@code <layer>.weight} as [out, in],
 * {@code <layer>.bias} as [out]). See docs/model-format.md. Loading treats the file as untrusted
 * data: every problem is an {@link NnException} that names the file.
 */
public final class ModelArchive {
    /** The zip entry of the model file that built the model; always present. */
    public static final String MODEL_ENTRY = "model.json";
    /** The zip entry of the parameters, in PyTorch's layout; always present. */
    public static final String WEIGHTS_ENTRY = "weights.safetensors";
    /** The zip entry of the optimizer's state, keyed {@code <parameter path>.<state name>}; checkpoints only. */
    public static final String OPTIMIZER_ENTRY = "optimizer.safetensors";
    /** The zip entry of the {@link TableSchema} of a model trained on a table; such models only. */
    public static final String TABLE_ENTRY = "table.json";
    /** The zip entry of {@link TrainingState}, as JSON; checkpoints only. */
    public static final String TRAINING_ENTRY = "training.json";
    private static final long ENTRY_TIME = 315_532_800_000L; // 1980-01-01: the same bytes for the same model
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelArchive() {
    }

    /**
     * What a {@code .nnj} file holds, read and checked.
     *
     * @param spec the model as declared in {@code model.json}, not yet built
     * @param modelJson the bytes of {@code model.json}, as stored
     * @param weights the parameters by path, in PyTorch's layout (see {@link Weights})
     * @param optimizer the optimizer's state (checkpoints), keyed {@code <parameter path>.<state name>}; or null
     * @param training where training stood (checkpoints); or null
     * @param table what the model learned of its table (models trained on one); or null
     */
    public record Contents(ModelSpec spec, byte[] modelJson, Map<String, Safetensors.Entry> weights,
            Map<String, Safetensors.Entry> optimizer, TrainingState training, TableSchema table) {

        /**
         * Contents without a table schema.
         *
         * @param spec the model as declared in {@code model.json}, not yet built
         * @param modelJson the bytes of {@code model.json}, as stored
         * @param weights the parameters by path, in PyTorch's layout (see {@link Weights})
         * @param optimizer the optimizer's state (checkpoints); or null
         * @param training where training stood (checkpoints); or null
         */
        public Contents(ModelSpec spec, byte[] modelJson, Map<String, Safetensors.Entry> weights,
                Map<String, Safetensors.Entry> optimizer, TrainingState training) {
            this(spec, modelJson, weights, optimizer, training, null);
        }
    }

    /**
     * Where training stood when a checkpoint was written. The data order and the initialisation come
     * from the seed and the epoch number alone, so the seed and the next epoch are the whole state
     * of nnj's random generators.
     *
     * @param epoch the last completed epoch
     * @param step the optimizer steps taken so far
     * @param seed the root seed
     * @param monitoredLoss the monitored loss of that epoch (validation, else training
     *     loss), which chooses the best checkpoint; NaN if none
     * @param monitoredLosses the monitored loss of every epoch from 1 to {@code epoch} (NaN where
     *     none), so that a resumed run can replay it to a schedule that reacts to it
     *     (reduce-on-plateau); empty in checkpoints written before nnj kept it
     */
    public record TrainingState(int epoch, long step, long seed, double monitoredLoss, double[] monitoredLosses) {

        /**
         * A state without the loss history, as in checkpoints written before nnj kept it.
         *
         * @param epoch the last completed epoch
         * @param step the optimizer steps taken so far
         * @param seed the root seed
         * @param monitoredLoss the monitored loss of that epoch, NaN if none
         */
        public TrainingState(int epoch, long step, long seed, double monitoredLoss) {
            this(epoch, step, seed, monitoredLoss, new double[0]);
        }
    }

    /**
     * Writes {@code model} (built from {@code spec}) to {@code file} atomically: into a temporary
     * file beside it, flushed to disk, then renamed over {@code file}; a crash leaves the old file.
     *
     * @param file the {@code .nnj} file to create or replace
     * @param spec the model as declared; its configs must be {@link MapConfig}s (as model files give)
     * @param model the built model whose parameters are saved; not modified
     * @throws NnException naming {@code file} if it cannot be written, or the spec if it cannot be
     *     written back as JSON
     */
    public static void save(Path file, ModelSpec spec, Sequential model) {
        save(file, spec, model, null, null, null);
    }

    /**
     * Writes a model built from a spec (by {@link ModelAssembler#assemble}, a model file, or
     * {@code Models.sequential(...).build}), so that spec and network cannot disagree.
     *
     * @param file the {@code .nnj} file to create or replace
     * @param model the model; its {@link AssembledModel#spec()} is written as {@code model.json}
     * @throws ModelConfigException if the model was not built from a spec
     * @throws NnException naming {@code file} if it cannot be written
     */
    public static void save(Path file, AssembledModel model) {
        if (model.spec() == null) {
            throw new ModelConfigException("Cannot save " + file + ": this model was put together by hand, without a "
                    + "spec to write as model.json; build it with Models.sequential(...).build(runtime) or "
                    + "runtime.assemble(spec), or call save(file, spec, model) with the spec it was built from.");
        }
        save(file, model.spec(), model.model());
    }

    /**
     * Writes a model trained on a table, with its {@link TableSchema}, so that the file takes raw
     * rows ({@link #loadTable}).
     *
     * @param file the {@code .nnj} file to create or replace
     * @param spec the model as declared; its configs must be {@link MapConfig}s (as model files give)
     * @param model the built model whose parameters are saved; not modified
     * @param table what the model learned of its table, or {@code null} for none
     * @throws NnException naming {@code file} if it cannot be written
     */
    public static void save(Path file, ModelSpec spec, Sequential model, TableSchema table) {
        save(file, spec, model, null, null, table);
    }

    /**
     * Writes a checkpoint: the model plus the optimizer's state and the training state (either may
     * be null), atomically.
     *
     * @param file the {@code .nnj} file to create or replace
     * @param spec the model as declared; its configs must be {@link MapConfig}s (as model files give)
     * @param model the built model whose parameters are saved; not modified
     * @param optimizer the attached optimizer whose {@link Optimizer#state()} is saved, or {@code null}
     * @param training where training stands, or {@code null}
     * @throws NnException naming {@code file} if it cannot be written, or the spec if it cannot be
     *     written back as JSON
     */
    public static void save(Path file, ModelSpec spec, Sequential model, Optimizer optimizer, TrainingState training) {
        save(file, spec, model, optimizer, training, null);
    }

    /**
     * Writes a checkpoint of a model trained on a table, atomically.
     *
     * @param file the {@code .nnj} file to create or replace
     * @param spec the model as declared; its configs must be {@link MapConfig}s (as model files give)
     * @param model the built model whose parameters are saved; not modified
     * @param optimizer the attached optimizer whose {@link Optimizer#state()} is saved, or {@code null}
     * @param training where training stands, or {@code null}
     * @param table what the model learned of its table, or {@code null}
     * @throws NnException naming {@code file} if it cannot be written
     */
    public static void save(Path file, ModelSpec spec, Sequential model, Optimizer optimizer, TrainingState training,
            TableSchema table) {
        checkLoadable(file, spec, model);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(MODEL_ENTRY, modelJson(spec));
        entries.put(WEIGHTS_ENTRY, Safetensors.write(Weights.of(model), Map.of("format", "pt")));
        if (optimizer != null) {
            entries.put(OPTIMIZER_ENTRY, Safetensors.write(optimizerState(optimizer), Map.of()));
        }
        if (training != null) {
            entries.put(TRAINING_ENTRY, trainingJson(training));
        }
        if (table != null) {
            entries.put(TABLE_ENTRY, TableSchemaJson.write(table));
        }
        for (String json : new String[] {MODEL_ENTRY, TRAINING_ENTRY, TABLE_ENTRY}) {
            byte[] bytes = entries.get(json);
            if (bytes != null && bytes.length > ModelFileReader.maxJsonBytes()) {
                throw new DataException("Cannot save " + file + ": its " + json + " would hold " + bytes.length
                        + " bytes, more than nnj reads back (" + ModelFileReader.maxJsonBytes()
                        + ModelFileReader.RAISE_JSON_LIMIT + ").");
            }
        }
        AtomicFiles.write(file, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    ZipEntry entry = new ZipEntry(e.getKey());
                    entry.setTime(ENTRY_TIME);
                    zip.putNextEntry(entry);
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
        });
    }

    /**
     * Refuses, before anything is written, a model whose layers are not those its spec builds:
     * loading the file would then fail (a network built with {@code Sequential.builder()} names its
     * second dense layer {@code layers.2} when an activation layer stands between, where the spec
     * names it {@code layers.1}).
     */
    private static void checkLoadable(Path file, ModelSpec spec, Sequential model) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            expected.add("layers." + i);
            Config layer = spec.layers().get(i);
            if (layer instanceof MapConfig m ? m.values().get("activation") != null : layer.keys().contains("activation")) {
                expected.add("layers." + i + ".activation");
            }
        }
        if (!expected.equals(model.names())) {
            throw new ModelConfigException("Cannot save " + file + ": the model's layers are named "
                    + String.join(", ", model.names()) + ", but loading builds its spec's layers as "
                    + String.join(", ", expected) + ", so the file could not be loaded. Build the model from its spec "
                    + "(Models.sequential(...).build(runtime), or runtime.assemble(spec)) and save that.");
        }
    }

    /**
     * The model file as saved: {@code spec}'s settings plus {@code formatVersion} and
     * {@code nnjVersion}, indented.
     *
     * @param spec the model as declared; its configs must be {@link MapConfig}s
     * @return the model file of {@code spec} with this nnj's format version, as UTF-8 JSON
     * @throws ModelConfigException if a config is not a {@link MapConfig} and so cannot be written back
     */
    public static byte[] modelJson(ModelSpec spec) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formatVersion", ModelFileReader.FORMAT_VERSION);
        root.put("nnjVersion", version());
        if (spec.input() != null) {
            root.put("input", Arrays.stream(spec.input().dims()).boxed().toList());
        }
        if (spec.table() != null) {
            root.put("table", spec.table().values());
        }
        List<Object> layers = new ArrayList<>();
        for (Config layer : spec.layers()) {
            layers.add(values(layer));
        }
        root.put("layers", layers);
        root.put("loss", values(spec.loss()));
        root.put("optimizer", values(spec.optimizer()));
        root.put("batchSize", spec.batchSize());
        if (spec.dropLast()) {
            root.put("dropLast", true);
        }
        root.put("epochs", spec.epochs());
        root.put("seed", spec.seed());
        if (spec.dtype() == DType.F32) {
            root.put("dtype", "float32");
        }
        if (Double.isFinite(spec.clipping().maxNorm())) {
            root.put("gradientClipNorm", spec.clipping().maxNorm());
        }
        if (Double.isFinite(spec.clipping().maxValue())) {
            root.put("gradientClipValue", spec.clipping().maxValue());
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new ModelConfigException("Cannot write the model's configuration as JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> values(Config config) {
        if (config instanceof MapConfig m) {
            return m.values();
        }
        throw new ModelConfigException(config.path() + ": this configuration (" + config.getClass().getName()
                + ") cannot be written back; build models to save from model files or MapConfig.");
    }

    /** Every state buffer in its own type: float32 state as F32 entries, the rest as F64. */
    private static Map<String, Safetensors.Entry> optimizerState(Optimizer optimizer) {
        Map<String, Safetensors.Entry> out = new LinkedHashMap<>();
        optimizer.stateTensors().forEach((path, states) -> states.forEach((name, buffer) -> {
            double[] values = new double[buffer.size()];
            Tensor.wrap(values, buffer.rows(), buffer.cols()).copyFrom(buffer);
            out.put(path + "." + name,
                    new Safetensors.Entry(new long[] {values.length}, values, buffer.dtype().name()));
        }));
        return out;
    }

    /**
     * Copies saved state into the optimizer's live buffers (after {@code attach}), converting
     * between float64 and float32 where the checkpoint was written in the other type (a float64
     * checkpoint resumed in float32 is rounded once).
     *
     * @param optimizer the attached optimizer; its state buffers are overwritten
     * @param saved the state as read from {@link #OPTIMIZER_ENTRY}, keyed
     *     {@code <parameter path>.<state name>}; not modified
     * @param source the name of the checkpoint, for messages
     * @throws DataException naming {@code source} if a buffer is missing or of another size
     */
    public static void restoreOptimizer(Optimizer optimizer, Map<String, Safetensors.Entry> saved, String source) {
        optimizer.stateTensors().forEach((path, states) -> states.forEach((name, buffer) -> {
            Safetensors.Entry e = saved.get(path + "." + name);
            if (e == null || e.values().length != buffer.size()) {
                throw new DataException(source + ": optimizer state '" + path + "." + name + "' is "
                        + (e == null ? "missing" : "of " + e.values().length + " values, not " + buffer.size())
                        + "; was the checkpoint written with another optimizer?");
            }
            buffer.copyFrom(Tensor.wrap(e.values(), buffer.rows(), buffer.cols()));
        }));
    }

    private static byte[] trainingJson(TrainingState t) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("formatVersion", ModelFileReader.FORMAT_VERSION);
        o.put("epoch", t.epoch());
        o.put("step", t.step());
        o.put("seed", t.seed());
        o.put("monitoredLoss", Double.isFinite(t.monitoredLoss()) ? t.monitoredLoss() : null);
        List<Double> losses = new ArrayList<>();
        for (double loss : t.monitoredLosses()) {
            losses.add(Double.isFinite(loss) ? loss : null);
        }
        o.put("monitoredLosses", losses);
        try {
            return (JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TrainingState trainingState(byte[] json, String source) {
        JsonNode node = JsonReading.read(JsonReading.STRICT, json, JsonNode.class,
                (where, what, e) -> new DataException(source + " " + where + ": " + what + ".", e));
        if (node == null || !wholeNumber(node.path("epoch")) || !node.path("epoch").canConvertToInt()
                || !wholeNumber(node.path("step")) || !wholeNumber(node.path("seed"))
                || node.path("formatVersion").asInt(1) > ModelFileReader.FORMAT_VERSION) {
            throw new DataException(source + ": expected \"epoch\", \"step\" and \"seed\" as whole numbers, "
                    + "in format version 1.");
        }
        var loss = node.path("monitoredLoss");
        int epoch = node.get("epoch").asInt();
        var history = node.path("monitoredLosses");
        double[] losses = new double[history.isArray() ? history.size() : 0];
        if (history.isArray() && losses.length != epoch) {
            throw new DataException(source + ": \"monitoredLosses\" holds " + losses.length + " values for "
                    + epoch + " epochs.");
        }
        for (int i = 0; i < losses.length; i++) {
            losses[i] = history.get(i).isNumber() ? history.get(i).asDouble() : Double.NaN;
        }
        return new TrainingState(epoch, node.get("step").asLong(), node.get("seed").asLong(),
                loss.isNumber() ? loss.asDouble() : Double.NaN, losses);
    }

    private static boolean wholeNumber(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong();
    }

    static String version() {
        String v = ModelArchive.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /**
     * Reads and checks a {@code .nnj} file without building the model, refusing weights and optimizer
     * state that hold NaN or an infinity.
     *
     * @param file the {@code .nnj} file
     * @return its entries, parsed; optimizer and training state only for checkpoints
     * @throws NnException naming the file, for a missing file, a truncated or corrupt zip, a
     *     missing entry or one that appears twice, malformed JSON or safetensors, a value that is not
     *     finite, or a format newer than this nnj reads
     */
    public static Contents read(Path file) {
        return read(file, LoadOptions.defaults());
    }

    /**
     * Reads and checks a {@code .nnj} file without building the model.
     *
     * @param file the {@code .nnj} file
     * @param options how to read it, e.g. {@link LoadOptions#allowNonFinite()} to inspect a model
     *     that diverged
     * @return its entries, parsed; optimizer and training state only for checkpoints
     * @throws NnException naming the file, for a missing file, a truncated or corrupt zip, a
     *     missing entry or one that appears twice, malformed JSON or safetensors, a value that is not
     *     finite (unless {@code options} allow it), or a format newer than this nnj reads
     */
    public static Contents read(Path file, LoadOptions options) {
        requireNonNull(options, "options is null");
        byte[] modelJson;
        byte[] weights;
        byte[] optimizer;
        byte[] training;
        byte[] table;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            refuseDuplicates(zip, file);
            long size = Files.size(file);
            modelJson = entry(zip, MODEL_ENTRY, file, size);
            weights = entry(zip, WEIGHTS_ENTRY, file, size);
            optimizer = zip.getEntry(OPTIMIZER_ENTRY) == null ? null : entry(zip, OPTIMIZER_ENTRY, file, size);
            training = zip.getEntry(TRAINING_ENTRY) == null ? null : entry(zip, TRAINING_ENTRY, file, size);
            table = zip.getEntry(TABLE_ENTRY) == null ? null : entry(zip, TABLE_ENTRY, file, size);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new DataException("Model file not found: " + file.toAbsolutePath() + ".", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof NnException nn) {
                throw nn;
            }
            throw new DataException(file + ": not a readable .nnj model file (a zip): " + e.getMessage(), e);
        }
        ModelSpec spec = ModelFileReader.read(new String(modelJson, StandardCharsets.UTF_8), file + "!/" + MODEL_ENTRY);
        return new Contents(spec, modelJson, Safetensors.read(weights, file + "!/" + WEIGHTS_ENTRY, options),
                optimizer == null ? null : Safetensors.read(optimizer, file + "!/" + OPTIMIZER_ENTRY, options),
                training == null ? null : trainingState(training, file + "!/" + TRAINING_ENTRY),
                table == null ? null : TableSchemaJson.read(table, file + "!/" + TABLE_ENTRY));
    }

    /**
     * Reads, builds and fills a model from a {@code .nnj} file.
     *
     * @param file the {@code .nnj} file
     * @param assembler what builds the model, with the registry that knows its components
     * @return the model with the saved weights; the optimizer is new (use
     *     {@link #restoreOptimizer} to resume a checkpoint)
     * @throws NnException naming the file, for an unreadable file or weights that do not fit
     */
    public static AssembledModel load(Path file, ModelAssembler assembler) {
        return load(file, assembler, LoadOptions.defaults());
    }

    /**
     * Reads, builds and fills a model from a {@code .nnj} file.
     *
     * @param file the {@code .nnj} file
     * @param assembler what builds the model, with the registry that knows its components
     * @param options how to read it, e.g. {@link LoadOptions#allowNonFinite()} to inspect a model
     *     that diverged
     * @return the model with the saved weights; the optimizer is new (use
     *     {@link #restoreOptimizer} to resume a checkpoint)
     * @throws NnException naming the file, for an unreadable file or weights that do not fit
     */
    public static AssembledModel load(Path file, ModelAssembler assembler, LoadOptions options) {
        Contents contents = read(file, options);
        AssembledModel model = assembler.assemble(contents.spec());
        Weights.apply(model.model(), contents.weights(), file + "!/" + WEIGHTS_ENTRY);
        return model;
    }

    /**
     * Reads, builds and fills a model from a {@code .nnj} file, with its table schema if it was
     * trained on a table: the model that takes raw rows.
     *
     * @param file the {@code .nnj} file
     * @param assembler what builds the model, with the registry that knows its components
     * @return the model and its schema ({@link TableModel#schema()} null for a model trained on
     *     tensors)
     * @throws NnException naming the file, for an unreadable file or weights that do not fit
     */
    public static TableModel loadTable(Path file, ModelAssembler assembler) {
        return loadTable(file, assembler, LoadOptions.defaults());
    }

    /**
     * Reads, builds and fills a model from a {@code .nnj} file, with its table schema if it was
     * trained on a table.
     *
     * @param file the {@code .nnj} file
     * @param assembler what builds the model, with the registry that knows its components
     * @param options how to read it, e.g. {@link LoadOptions#allowNonFinite()} to inspect a model
     *     that diverged
     * @return the model and its schema ({@link TableModel#schema()} null for a model trained on
     *     tensors)
     * @throws NnException naming the file, for an unreadable file or weights that do not fit
     */
    public static TableModel loadTable(Path file, ModelAssembler assembler, LoadOptions options) {
        Contents contents = read(file, options);
        AssembledModel model = assembler.assemble(contents.spec());
        Weights.apply(model.model(), contents.weights(), file + "!/" + WEIGHTS_ENTRY);
        if (contents.table() != null && contents.table().width() != model.model().inputShape().size()) {
            throw new DataException(file + ": its table gives " + contents.table().width() + " inputs but the model "
                    + "takes " + model.model().inputShape() + "; the file was not written by nnj.");
        }
        return new TableModel(model, contents.table());
    }

    /**
     * A zip may hold two entries of one name (a zip tool that appends instead of replacing writes
     * them); {@link ZipFile#getEntry} then gives one of them. nnj does not guess which was meant.
     * The central directory is in memory already: this reads no entry.
     */
    private static void refuseDuplicates(ZipFile zip, Path file) {
        Set<String> names = new HashSet<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            String name = e.nextElement().getName();
            if (!names.add(name)) {
                throw new DataException(file + ": the entry '" + name + "' appears twice; a .nnj file holds each entry "
                        + "once, and nnj does not guess which copy is meant: write the file again with one of each "
                        + "(nnj import, or the zip tool that added the second).");
            }
        }
    }

    private static byte[] entry(ZipFile zip, String name, Path file, long fileSize) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new DataException(file + ": the entry '" + name + "' is missing; a .nnj file holds " + MODEL_ENTRY
                    + " and " + WEIGHTS_ENTRY + ".");
        }
        boolean tensors = name.endsWith(".safetensors");
        return ArchiveEntry.read(zip, entry, file.toString(), fileSize,
                tensors ? ArchiveEntry.MAX_TENSOR_BYTES : ModelFileReader.maxJsonBytes(),
                tensors ? ", the longest array Java holds" : ModelFileReader.RAISE_JSON_LIMIT,
                Runtime.getRuntime().maxMemory());
    }

    /**
     * Overrides the learning rate of a model's optimizer, e.g. from {@code --learning-rate}.
     *
     * @param optimizer the optimizer's config, a {@link MapConfig} (as model files give)
     * @param learningRate the new learning rate
     * @return a copy of an optimizer config with {@code learningRate} replaced
     * @throws ClassCastException if {@code optimizer} is not a {@link MapConfig}
     */
    public static Config withLearningRate(Config optimizer, double learningRate) {
        return ((MapConfig) optimizer).with("learningRate", learningRate);
    }
}
