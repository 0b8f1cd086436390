package dev.nnj.core.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.DataException;
import dev.nnj.api.Mode;
import dev.nnj.api.ModelConfigException;
import dev.nnj.api.NnException;
import dev.nnj.api.Parameter;
import dev.nnj.api.Tensor;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.MapConfig;
import dev.nnj.api.testkit.GradientCheck;
import dev.nnj.core.CoreExtension;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.build.TestOptimizerExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArchiveTest {
    static final String MODEL = "{\"input\": [6], \"layers\": [{\"type\": \"dense\", \"units\": 5, \"activation\": \"tanh\"}, "
            + "{\"type\": \"dense\", \"units\": 3}], \"loss\": \"softmax-cross-entropy\", "
            + "\"optimizer\": {\"type\": \"sgd\", \"learningRate\": 0.1}, \"seed\": 7}";

    @TempDir
    Path dir;

    private final NnRuntime runtime = NnRuntime.of(new CoreExtension(), new TestOptimizerExtension());

    private AssembledModel build() {
        return runtime.assemble(ModelFileReader.read(MODEL, "m.json"));
    }

    private Path saved() {
        AssembledModel m = build();
        Path file = dir.resolve("m.nnj");
        ModelArchive.save(file, ModelFileReader.read(MODEL, "m.json"), m.model());
        return file;
    }

    @Test
    void loadedModelPredictsBitForBitWhatTheSavedOneDid() {
        AssembledModel m = build();
        Path file = dir.resolve("m.nnj");
        ModelArchive.save(file, ModelFileReader.read(MODEL, "m.json"), m.model());
        AssembledModel loaded = ModelArchive.load(file, runtime.assembler());
        Tensor x = GradientCheck.randomTensor(4, 6, new SplittableRandom(1));
        assertArrayEquals(m.model().predict(x).data(), loaded.model().predict(x).data(), 0.0);
    }

    @Test
    void reSavingGivesIdenticalBytes() throws IOException {
        Path first = saved();
        AssembledModel loaded = ModelArchive.load(first, runtime.assembler());
        Path second = dir.resolve("again.nnj");
        ModelArchive.save(second, ModelArchive.read(first).spec(), loaded.model());
        for (String entry : new String[] {ModelArchive.MODEL_ENTRY, ModelArchive.WEIGHTS_ENTRY}) {
            assertArrayEquals(entryBytes(first, entry), entryBytes(second, entry), entry);
        }
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), "the whole file");
    }

    @Test
    void aSavedModelKeepsDropLast() throws IOException {
        ModelSpec spec = ModelFileReader.read(MODEL, "m.json").withDropLast(true);
        AssembledModel m = runtime.assemble(spec);
        assertTrue(m.training().dropLast());
        Path file = dir.resolve("drop.nnj");
        ModelArchive.save(file, spec, m.model());
        assertTrue(new String(entryBytes(file, ModelArchive.MODEL_ENTRY), StandardCharsets.UTF_8)
                .contains("\"dropLast\" : true"));
        assertTrue(ModelArchive.read(file).spec().dropLast());
        assertTrue(ModelArchive.load(file, runtime.assembler()).training().dropLast());
        Path off = dir.resolve("keep.nnj");
        ModelArchive.save(off, spec.withDropLast(false), m.model());
        assertFalse(ModelArchive.read(off).spec().dropLast());
    }

    /** model.json is written from the layers' configs, so a frozen layer stays frozen when loaded. */
    @Test
    void aSavedModelKeepsTrainableFalse() throws IOException {
        ModelSpec read = ModelFileReader.read(MODEL, "m.json");
        List<Config> layers = new ArrayList<>(read.layers());
        layers.set(0, ((MapConfig) layers.get(0)).with("trainable", false));
        ModelSpec spec = read.withLayers(layers);
        AssembledModel m = runtime.assemble(spec);
        Path file = dir.resolve("frozen.nnj");
        ModelArchive.save(file, spec, m.model());
        String json = new String(entryBytes(file, ModelArchive.MODEL_ENTRY), StandardCharsets.UTF_8);
        assertTrue(json.replaceAll("\\s", "").contains("{\"type\":\"dense\",\"units\":5,\"activation\":\"tanh\","
                + "\"trainable\":false}"), json);
        assertEquals(false, ((MapConfig) ModelArchive.read(file).spec().layers().get(0)).values().get("trainable"));
        AssembledModel loaded = ModelArchive.load(file, runtime.assembler());
        assertFalse(loaded.model().isTrainable("layers.0"));
        assertFalse(loaded.model().isTrainable("layers.0.activation"));
        assertTrue(loaded.model().isTrainable("layers.1"));
        assertEquals(List.of("layers.1.weight", "layers.1.bias"),
                loaded.model().trainableParameters().stream().map(Parameter::path).toList());
        Path again = dir.resolve("again.nnj");
        ModelArchive.save(again, ModelArchive.read(file).spec(), loaded.model());
        assertArrayEquals(entryBytes(file, ModelArchive.MODEL_ENTRY), entryBytes(again, ModelArchive.MODEL_ENTRY));
    }

    @Test
    void storesWeightsInPyTorchsLinearLayout() {
        AssembledModel m = build();
        Map<String, Safetensors.Entry> w = Weights.of(m.model());
        assertArrayEquals(new long[] {5, 6}, w.get("layers.0.weight").shape());
        assertArrayEquals(new long[] {5}, w.get("layers.0.bias").shape());
        // [out, in]: element (o, i) of the stored matrix is W[i][o] of nnj's [in, out] weight.
        Tensor weight = m.model().parameters().get(0).value();
        assertEquals(weight.get(2, 4), w.get("layers.0.weight").values()[4 * 6 + 2], 0.0);
    }

    /** A checkpoint keeps every epoch's monitored loss (NaN where none), so that schedules can be replayed. */
    @Test
    void aCheckpointKeepsTheLossHistoryAndRefusesOneOfTheWrongLength() throws IOException {
        AssembledModel m = build();
        m.optimizer().attach(m.model().parameters());
        Path file = dir.resolve("checkpoint.nnj");
        double[] losses = {0.5, Double.NaN, 0.25};
        ModelArchive.save(file, ModelFileReader.read(MODEL, "m.json"), m.model(), m.optimizer(),
                new ModelArchive.TrainingState(3, 30, 7, 0.25, losses));
        assertArrayEquals(losses, ModelArchive.read(file).training().monitoredLosses(), 0.0);

        Path bad = rewrite(file, ModelArchive.TRAINING_ENTRY, b -> new String(b, StandardCharsets.UTF_8)
                .replace("\"epoch\" : 3", "\"epoch\" : 4").getBytes(StandardCharsets.UTF_8));
        DataException e = assertThrows(DataException.class, () -> ModelArchive.read(bad));
        assertEquals(bad + "!/training.json: \"monitoredLosses\" holds 3 values for 4 epochs.", e.getMessage());
    }

    @Test
    void reportsAMissingEntry() throws IOException {
        Path file = dir.resolve("partial.nnj");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(ModelArchive.MODEL_ENTRY));
            zip.write(MODEL.getBytes(StandardCharsets.UTF_8));
        }
        DataException e = assertThrows(DataException.class, () -> ModelArchive.read(file));
        assertEquals(file + ": the entry 'weights.safetensors' is missing; a .nnj file holds model.json and "
                + "weights.safetensors.", e.getMessage());
    }

    @Test
    void reportsATruncatedFile() throws IOException {
        byte[] whole = Files.readAllBytes(saved());
        Path truncated = dir.resolve("truncated.nnj");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 30));
        DataException e = assertThrows(DataException.class, () -> ModelArchive.read(truncated));
        assertTrue(e.getMessage().startsWith(truncated + ": not a readable .nnj model file (a zip): "), e.getMessage());
    }

    @Test
    void reportsAFormatNewerThanThisNnjReads() throws IOException {
        Path file = rewrite(saved(), ModelArchive.MODEL_ENTRY,
                s -> new String(s, StandardCharsets.UTF_8).replace("\"formatVersion\" : 1", "\"formatVersion\" : 2")
                        .getBytes(StandardCharsets.UTF_8));
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelArchive.read(file));
        assertEquals(file + "!/model.json: formatVersion 2 is not one this nnj reads (1 to 1); it was written by a "
                + "newer nnj: upgrade nnj to load it.", e.getMessage());
    }

    @Test
    void reportsAnUnknownTypeId() throws IOException {
        Path file = rewrite(saved(), ModelArchive.MODEL_ENTRY,
                s -> new String(s, StandardCharsets.UTF_8).replace("\"tanh\"", "\"acme.tanh\"").getBytes(StandardCharsets.UTF_8));
        NnException e = assertThrows(NnException.class, () -> ModelArchive.load(file, runtime.assembler()));
        assertTrue(e.getMessage().startsWith(file + "!/model.json: layers[0].activation: unknown activation type "
                + "'acme.tanh'."), e.getMessage());
    }

    @Test
    void reportsWeightsThatDoNotFitTheArchitecture() throws IOException {
        Path file = rewrite(saved(), ModelArchive.MODEL_ENTRY,
                s -> new String(s, StandardCharsets.UTF_8).replace("\"units\" : 5", "\"units\" : 4").getBytes(StandardCharsets.UTF_8));
        DataException e = assertThrows(DataException.class, () -> ModelArchive.load(file, runtime.assembler()));
        assertEquals(file + "!/weights.safetensors: tensor 'layers.0.weight' has shape [5, 6]; the model needs [4, 6].",
                e.getMessage());
    }

    @Test
    void aFailedWriteLeavesThePreviousFileLoadable() throws IOException {
        Path file = saved();
        byte[] before = Files.readAllBytes(file);
        NnException e = assertThrows(NnException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full (simulated)");
        }));
        assertTrue(e.getMessage().startsWith("Cannot write " + file + ": disk full (simulated)"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        ModelArchive.load(file, runtime.assembler());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    /**
     * A process killed while checkpointing leaves its partial temporary file (kill -9 runs no
     * finally); the next checkpointer in the directory deletes those of its own files, nothing else.
     */
    @Test
    void aStartingCheckpointerDeletesTheTemporariesKilledWritesLeft() throws IOException {
        Path saved = saved();
        List<Path> stale = List.of(Files.createTempFile(dir, ".last.nnj", ".tmp"), Files.createTempFile(dir, ".best.nnj", ".tmp"),
                Files.writeString(dir.resolve(".epoch-0007.nnj8760093043495203779.tmp"), "partial"));
        List<Path> others = List.of(saved, Files.createTempFile(dir, ".m.nnj", ".tmp"), Files.writeString(dir.resolve("notes.tmp"), ""),
                Files.writeString(dir.resolve(".last.nnj.tmp"), ""), Files.writeString(dir.resolve("epoch-0001.nnj"), ""));
        AssembledModel m = build();
        new Checkpointer(dir, 1, 3, ModelFileReader.read(MODEL, "m.json"), m.model(), m.optimizer()).onTrainingStart(1, 1);
        for (Path file : stale) {
            assertFalse(Files.exists(file), file + " deleted");
        }
        for (Path file : others) {
            assertTrue(Files.exists(file), file + " kept");
        }
        assertEquals(0, AtomicFiles.deleteStaleTemporaries(dir.resolve("absent"), Checkpointer::writes), "no directory yet");
    }

    @Test
    void aGoldenModelFileKeepsLoading() throws IOException {
        Path golden = dir.resolve("golden.nnj");
        try (var in = getClass().getResourceAsStream("/golden/digits-mini-v1.nnj")) {
            Files.copy(in, golden);
        }
        AssembledModel m = ModelArchive.load(golden, runtime.assembler());
        Tensor x = Tensor.zeros(1, 6);
        for (int i = 0; i < 6; i++) {
            x.data()[i] = i / 6.0;
        }
        double[] expected = readExpected();
        assertArrayEquals(expected, m.model().newWorkspace(1).forward(x, Mode.INFERENCE).data(), 0.0);
    }

    /** A zip tool that appends instead of replacing leaves two entries of one name; ZipFile would give one. */
    @Test
    void refusesAnEntryThatAppearsTwice() throws IOException {
        Map<String, byte[]> entries = savedEntries();
        entries.put("weights.safetensorZ", entries.get(ModelArchive.WEIGHTS_ENTRY));
        Path twice = zip("twice.nnj", entries);
        // rename the third entry, in its local header and in the central directory, to the second's name
        String bytes = new String(Files.readAllBytes(twice), StandardCharsets.ISO_8859_1);
        Files.write(twice, bytes.replace("weights.safetensorZ", ModelArchive.WEIGHTS_ENTRY)
                .getBytes(StandardCharsets.ISO_8859_1));
        DataException e = assertThrows(DataException.class, () -> ModelArchive.read(twice));
        assertEquals(twice + ": the entry 'weights.safetensors' appears twice; a .nnj file holds each entry once, and "
                + "nnj does not guess which copy is meant: write the file again with one of each (nnj import, or the "
                + "zip tool that added the second).", e.getMessage());
    }

    private static final String NON_FINITE = "; nnj loads only finite numbers, and a model that diverged saves such "
            + "values: train it again (e.g. from an earlier checkpoint), or pass --allow-non-finite (in Java, "
            + "LoadOptions.allowNonFinite()) to load the file as it is and inspect it.";

    @Test
    void refusesNaNWeightsUnlessAllowed() {
        AssembledModel m = build();
        // nnj's dense weight is stored [in, out] = [6, 5]; the file holds it [out, in] = [5, 6]
        m.model().parameters().get(0).value().set(2, 4, Double.NaN);
        Path file = dir.resolve("diverged.nnj");
        ModelArchive.save(file, ModelFileReader.read(MODEL, "m.json"), m.model());
        DataException e = assertThrows(DataException.class, () -> ModelArchive.load(file, runtime.assembler()));
        assertEquals(file + "!/weights.safetensors: tensor 'layers.0.weight' holds NaN at index 26 ([4, 2] of [5, 6])"
                + NON_FINITE, e.getMessage());
        AssembledModel loaded = ModelArchive.load(file, runtime.assembler(), LoadOptions.allowNonFinite());
        assertTrue(Double.isNaN(loaded.model().parameters().get(0).value().get(2, 4)));
        assertTrue(Double.isNaN(ModelArchive.read(file, LoadOptions.allowNonFinite()).weights().get("layers.0.weight")
                .values()[26]));
    }

    @Test
    void refusesInfiniteOptimizerStateUnlessAllowed() throws IOException {
        Map<String, byte[]> entries = savedEntries();
        entries.put(ModelArchive.OPTIMIZER_ENTRY, Safetensors.write(Map.of("layers.1.bias.velocity",
                new Safetensors.Entry(new long[] {3}, new double[] {0, 0, Double.POSITIVE_INFINITY})), Map.of()));
        Path checkpoint = zip("checkpoint.nnj", entries);
        DataException e = assertThrows(DataException.class, () -> ModelArchive.read(checkpoint));
        assertEquals(checkpoint + "!/optimizer.safetensors: tensor 'layers.1.bias.velocity' holds Infinity at index 2"
                + NON_FINITE, e.getMessage());
        assertEquals(Double.POSITIVE_INFINITY, ModelArchive.read(checkpoint, LoadOptions.allowNonFinite()).optimizer()
                .get("layers.1.bias.velocity").values()[2]);
    }

    /** Every JSON entry of a .nnj says what is wrong in nnj's words, naming the entry, the line and the column. */
    @Test
    void reportsMalformedJsonEntriesInPlainWords() throws IOException {
        Path file = rewrite(saved(), ModelArchive.MODEL_ENTRY, b -> new String(b, StandardCharsets.UTF_8)
                .replace("\"seed\" : 7", "\"seed\" : NaN").getBytes(StandardCharsets.UTF_8));
        ModelConfigException model = assertThrows(ModelConfigException.class, () -> ModelArchive.read(file));
        assertTrue(model.getMessage().startsWith(file + "!/model.json line "), model.getMessage());
        assertTrue(model.getMessage().endsWith(": NaN is not a JSON number; write a number or null."),
                model.getMessage());

        Map<String, byte[]> entries = savedEntries();
        entries.put(ModelArchive.TRAINING_ENTRY, "{\"epoch\": 1, \"step\": 2, \"seed\": 7, \"monitoredLoss\": Infinity}"
                .getBytes(StandardCharsets.UTF_8));
        Path training = zip("training.nnj", entries);
        assertEquals(training + "!/training.json line 1, column 53: Infinity is not a JSON number; write a number or "
                + "null.", assertThrows(DataException.class, () -> ModelArchive.read(training)).getMessage());

        entries.remove(ModelArchive.TRAINING_ENTRY);
        entries.put(ModelArchive.TABLE_ENTRY, ("{\"formatVersion\": 1, \"columns\": " + "[".repeat(1001))
                .getBytes(StandardCharsets.UTF_8));
        Path table = zip("table.nnj", entries);
        assertEquals(table + "!/table.json line 1, column 1032: nested more than 1,000 levels deep, more than nnj "
                + "reads.", assertThrows(DataException.class, () -> ModelArchive.read(table)).getMessage());
    }

    @Test
    void refusesTrainingStateWithFractionalCounts() throws IOException {
        Map<String, byte[]> entries = savedEntries();
        entries.put(ModelArchive.TRAINING_ENTRY, "{\"epoch\": 1.5, \"step\": 2, \"seed\": 7}"
                .getBytes(StandardCharsets.UTF_8));
        Path file = zip("fraction.nnj", entries);
        assertEquals(file + "!/training.json: expected \"epoch\", \"step\" and \"seed\" as whole numbers, in format "
                + "version 1.", assertThrows(DataException.class, () -> ModelArchive.read(file)).getMessage());
    }

    /** @return the entries of a saved model ({@link #saved()}): model.json and weights.safetensors, to add to */
    private Map<String, byte[]> savedEntries() throws IOException {
        Path file = saved();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(ModelArchive.MODEL_ENTRY, entryBytes(file, ModelArchive.MODEL_ENTRY));
        entries.put(ModelArchive.WEIGHTS_ENTRY, entryBytes(file, ModelArchive.WEIGHTS_ENTRY));
        return entries;
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path out = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }
        return out;
    }

    private double[] readExpected() throws IOException {
        try (var in = getClass().getResourceAsStream("/golden/digits-mini-v1.expected")) {
            String[] parts = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split(",");
            double[] d = new double[parts.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = Double.parseDouble(parts[i]);
            }
            return d;
        }
    }

    private static boolean hasEntry(Path file, String name) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(name) != null;
        }
    }

    static byte[] entryBytes(Path file, String name) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getInputStream(zip.getEntry(name)).readAllBytes();
        }
    }

    private Path rewrite(Path file, String name, java.util.function.UnaryOperator<byte[]> change) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String e : new String[] {ModelArchive.MODEL_ENTRY, ModelArchive.WEIGHTS_ENTRY, ModelArchive.OPTIMIZER_ENTRY,
            ModelArchive.TRAINING_ENTRY}) {
            if (!hasEntry(file, e)) {
                continue;
            }
            byte[] bytes = entryBytes(file, e);
            entries.put(e, e.equals(name) ? change.apply(bytes) : bytes);
        }
        return zip("changed.nnj", entries);
    }
}
