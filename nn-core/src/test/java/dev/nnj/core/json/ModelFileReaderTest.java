package dev.nnj.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.ModelConfigException;
import dev.nnj.api.Shape;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.MapConfig;
import dev.nnj.core.build.ModelSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsAMinimalModelWithDefaults() {
        ModelSpec spec = ModelFileReader.read("{\"input\": [8, 8], \"layers\": [{\"type\": \"dense\", \"units\": 10}], "
                + "\"loss\": \"mse\", \"optimizer\": {\"type\": \"sgd\", \"learningRate\": 0.1}}", "m.json");
        assertEquals(Shape.of(8, 8), spec.input());
        assertEquals("dense", spec.layers().get(0).type());
        assertEquals("layers[0]", spec.layers().get(0).path());
        assertEquals("mse", spec.loss().type());
        assertEquals("sgd", spec.optimizer().type());
        assertEquals(ModelFileReader.DEFAULT_BATCH_SIZE, spec.batchSize());
        assertEquals(ModelFileReader.DEFAULT_EPOCHS, spec.epochs());
        assertEquals(ModelFileReader.DEFAULT_SEED, spec.seed());
        assertFalse(spec.dropLast());
    }

    @Test
    void readsDropLastAndKeepsItThroughTheOverrides() {
        ModelSpec spec = ModelFileReader.read("{\"input\": [4], \"layers\": [\"dense\"], \"loss\": \"mse\", "
                + "\"optimizer\": \"sgd\", \"batchSize\": 4, \"dropLast\": true}", "m.json");
        assertTrue(spec.dropLast());
        assertTrue(spec.withBatchSize(8).withEpochs(2).withSeed(3).withOptimizer(spec.optimizer()).dropLast());
        assertFalse(spec.withDropLast(false).dropLast());
        assertEquals(4, spec.withDropLast(false).batchSize());
    }

    @Test
    void reportsADropLastThatIsNotABoolean() {
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelFileReader.read(
                "{\"input\": [4], \"layers\": [\"dense\"], \"loss\": \"mse\", \"optimizer\": \"sgd\", "
                        + "\"dropLast\": \"yes\"}", "m.json"));
        assertEquals("m.json: dropLast: expected true or false, got \"yes\".", e.getMessage());
    }

    @Test
    void reportsAnUnknownTopLevelKey() {
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelFileReader.read(
                "{\"input\": [4], \"layers\": [\"dense\"], \"loss\": \"mse\", \"optimizer\": \"sgd\", \"epoch\": 3}", "m.json"));
        assertEquals("m.json: unknown top-level key 'epoch'. Did you mean 'epochs'? Known keys: batchSize, description, "
                + "dropLast, dtype, epochs, formatVersion, gradientClipNorm, gradientClipValue, input, layers, loss, name, nnjVersion, "
                + "optimizer, seed, table.", e.getMessage());
    }

    @Test
    void reportsInvalidJsonWithLineAndColumn() {
        ModelConfigException e = assertThrows(ModelConfigException.class,
                () -> ModelFileReader.read("{\n  \"input\": [4],\n  \"layers\": [\"dense\",]\n}", "m.json"));
        assertEquals("m.json line 3, column 22: found ']' where a value should be (a comma too many, or a value "
                + "missing).", e.getMessage());
    }

    @Test
    void reportsADuplicateKey() {
        ModelConfigException e = assertThrows(ModelConfigException.class,
                () -> ModelFileReader.read("{\"input\": [4], \"input\": [5]}", "m.json"));
        assertEquals("m.json line 1, column 23: the key 'input' appears twice; keep one.", e.getMessage());
    }

    @Test
    void reportsAFileThatIsNotUtf8() throws java.io.IOException {
        Path file = dir.resolve("latin1.json");
        java.nio.file.Files.write(file, new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xE9, '"', '}'});
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelFileReader.read(file));
        assertEquals(file + ": not UTF-8 text; a model file is JSON in UTF-8: save it as UTF-8.", e.getMessage());
    }

    @Test
    void reportsAMissingLoss() {
        ModelConfigException e = assertThrows(ModelConfigException.class,
                () -> ModelFileReader.read("{\"input\": [4], \"layers\": [\"dense\"], \"optimizer\": \"sgd\"}", "m.json"));
        assertEquals("m.json: missing \"loss\", e.g. \"loss\": \"softmax-cross-entropy\".", e.getMessage());
    }

    @Test
    void reportsAMissingFileWithItsPath() {
        ModelConfigException e = assertThrows(ModelConfigException.class,
                () -> ModelFileReader.read(Path.of("no/such/model.json")));
        assertEquals("Model file not found: " + Path.of("no/such/model.json").toAbsolutePath() + ".", e.getMessage());
    }

    @Test
    void readsAComponentAsABareIdOrAsAModelFileWritesIt() {
        Config bare = ModelFileReader.readComponent(" adam ", "--optimizer");
        assertEquals("--optimizer", bare.path());
        assertEquals("adam", bare.type());
        assertEquals("adam", ModelFileReader.readComponent("\"adam\"", "--optimizer").type());
        Config object = ModelFileReader.readComponent("{\"type\": \"adam\", \"learningRate\": 1e-4} // comment",
                "--optimizer");
        assertEquals(Map.of("type", "adam", "learningRate", 1e-4), ((MapConfig) object).values());
    }

    @Test
    void reportsAComponentsErrorsAtItsPath() {
        assertEquals("--optimizer: empty; give a type id (e.g. adam) or a component as a model file writes it (e.g. "
                + "{\"type\": \"adam\", \"learningRate\": 1e-4}).", assertThrows(ModelConfigException.class,
                        () -> ModelFileReader.readComponent(" ", "--optimizer")).getMessage());
        assertEquals("--optimizer line 1, column 17: found '}' where a key in double quotes should be (a comma too "
                + "many?).", assertThrows(ModelConfigException.class, () -> ModelFileReader.readComponent(
                        "{\"type\": \"adam\",}", "--optimizer")).getMessage());
        assertEquals("--optimizer line 1, column 24: the key 'type' appears twice; keep one.",
                assertThrows(ModelConfigException.class, () -> ModelFileReader.readComponent(
                        "{\"type\": \"adam\", \"type\": \"sgd\"}", "--optimizer")).getMessage());
        assertEquals("--optimizer line 1, column 34: NaN is not a JSON number; write a number or null.",
                assertThrows(ModelConfigException.class, () -> ModelFileReader.readComponent(
                        "{\"type\": \"adam\", \"learningRate\": NaN}", "--optimizer")).getMessage());
        assertEquals("--optimizer: expected a type id (a string) or an object with a \"type\" key; got [1].",
                assertThrows(ModelConfigException.class, () -> ModelFileReader.readComponent("[1]", "--optimizer"))
                        .getMessage());
    }

    @Test
    void refusesMoreLayersThanNnjBuilds() {
        Map<String, Object> model = Map.of("input", List.of(4), "layers", java.util.Collections.nCopies(10_001, "dropout"),
                "loss", "mse", "optimizer", "sgd");
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelFileReader.read(model, "deep.json"));
        assertEquals("deep.json: \"layers\" lists 10001 layers; nnj builds at most 10000 (each keeps an output and a "
                + "gradient buffer per batch).", e.getMessage());
    }

    @Test
    void refusesAModelFileLargerThanTheJsonLimitBeforeReadingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.json");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(17 << 20); // sparse
        }
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelFileReader.read(file));
        assertEquals(file + ": 17825792 bytes, more than nnj reads for a model file (16777216; raise the limit with "
                + "-Dnnj.maxJsonBytes=BYTES).", e.getMessage());
    }
}
