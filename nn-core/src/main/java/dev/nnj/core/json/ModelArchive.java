package dev.nnj.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nnj.api.DataException;
import dev.nnj.api.ModelConfigException;
import dev.nnj.api.NnException;
import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Tensor;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.MapConfig;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.ModelAssembler;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.model.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    public static final String MODEL_ENTRY = "model.json";
    public static final String WEIGHTS_ENTRY = "weights.safetensors";
    /** Entries larger than this are refused before they are read. */
    static final long MAX_ENTRY_BYTES = 1L << 31;
    private static final long ENTRY_TIME = 315_532_800_000L; // 1980-01-01: the same bytes for the same model
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelArchive() {
    }

    /** What a {@code .nnj} file holds, read and checked. */
    public record Contents(ModelSpec spec, byte[] modelJson, Map<String, Safetensors.Entry> weights) {
    }

    /**
     * Writes {@code model} (built from {@code spec}) to {@code file} atomically: into a temporary
     * file beside it, flushed to disk, then renamed over {@code file}; a crash leaves the old file.
     */
    public static void save(Path file, ModelSpec spec, Sequential model) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(MODEL_ENTRY, modelJson(spec));
        entries.put(WEIGHTS_ENTRY, Safetensors.write(weights(model), Map.of("format", "pt")));
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

    /** @return the model file of {@code spec} with this nnj's format version, as UTF-8 JSON */
    public static byte[] modelJson(ModelSpec spec) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formatVersion", ModelFileReader.FORMAT_VERSION);
        root.put("nnjVersion", version());
        root.put("input", Arrays.stream(spec.input().dims()).boxed().toList());
        List<Object> layers = new ArrayList<>();
        for (Config layer : spec.layers()) {
            layers.add(values(layer));
        }
        root.put("layers", layers);
        root.put("loss", values(spec.loss()));
        root.put("optimizer", values(spec.optimizer()));
        root.put("batchSize", spec.batchSize());
        root.put("epochs", spec.epochs());
        root.put("seed", spec.seed());
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

    static String version() {
        String v = ModelArchive.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** @return the parameters in PyTorch's layout: weights [out, in], biases [out], others as they are */
    public static Map<String, Safetensors.Entry> weights(Sequential model) {
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
     * Copies {@code weights} into the model's parameters.
     *
     * @throws DataException naming {@code source} if a parameter is missing, extra, or of another shape
     */
    public static void applyWeights(Sequential model, Map<String, Safetensors.Entry> weights, String source) {
        Map<String, Safetensors.Entry> expected = weights(model);
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
     * Reads and checks a {@code .nnj} file without building the model.
     *
     * @throws NnException naming the file, for a missing file, a truncated or corrupt zip, a
     *     missing entry, malformed JSON or safetensors, or a format newer than this nnj reads
     */
    public static Contents read(Path file) {
        byte[] modelJson;
        byte[] weights;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            modelJson = entry(zip, MODEL_ENTRY, file);
            weights = entry(zip, WEIGHTS_ENTRY, file);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new DataException("Model file not found: " + file.toAbsolutePath() + ".", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof NnException nn) {
                throw nn;
            }
            throw new DataException(file + ": not a readable .nnj model file (a zip): " + e.getMessage(), e);
        }
        ModelSpec spec = ModelFileReader.read(new String(modelJson, StandardCharsets.UTF_8), file + "!/" + MODEL_ENTRY);
        return new Contents(spec, modelJson, Safetensors.read(weights, file + "!/" + WEIGHTS_ENTRY));
    }

    /** Reads, builds and fills a model from a {@code .nnj} file. */
    public static AssembledModel load(Path file, ModelAssembler assembler) {
        Contents contents = read(file);
        AssembledModel model = assembler.assemble(contents.spec());
        applyWeights(model.model(), contents.weights(), file + "!/" + WEIGHTS_ENTRY);
        return model;
    }

    private static byte[] entry(ZipFile zip, String name, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new DataException(file + ": the entry '" + name + "' is missing; a .nnj file holds " + MODEL_ENTRY
                    + " and " + WEIGHTS_ENTRY + ".");
        }
        if (entry.getSize() > MAX_ENTRY_BYTES) {
            throw new DataException(file + ": the entry '" + name + "' declares " + entry.getSize() + " bytes, more "
                    + "than nnj reads (" + MAX_ENTRY_BYTES + ").");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(entry.getSize() > 0 ? (int) entry.getSize() : 8192);
            byte[] buffer = new byte[65536];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > MAX_ENTRY_BYTES || (entry.getSize() >= 0 && total > entry.getSize())) {
                    throw new DataException(file + ": the entry '" + name + "' is larger than it declares.");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** @return a copy of an optimizer config with {@code learningRate} replaced */
    public static Config withLearningRate(Config optimizer, double learningRate) {
        return ((MapConfig) optimizer).with("learningRate", learningRate);
    }

    /** Reads a safetensors file of weights, e.g. exported from PyTorch. */
    public static Map<String, Safetensors.Entry> readWeights(Path file) {
        try {
            return Safetensors.read(java.nio.file.Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new DataException("Weights file not found: " + file.toAbsolutePath() + ".", e);
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
