package dev.nnj.core.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.DataException;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.GradientCheck;
import dev.nnj.core.CoreExtension;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.TestOptimizerExtension;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.train.Trainer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Buffers (a batch-norm's running statistics, its I64 counter) are saved, loaded and exported like parameters. */
class BuffersArchiveTest {
    static final String MODEL = "{\"input\": [6], \"layers\": [{\"type\": \"dense\", \"units\": 5}, "
            + "{\"type\": \"batch-norm\", \"activation\": \"relu\"}, {\"type\": \"dense\", \"units\": 3}], "
            + "\"loss\": \"softmax-cross-entropy\", \"optimizer\": {\"type\": \"sgd\", \"learningRate\": 0.1}, "
            + "\"epochs\": 2, \"batchSize\": 4, \"seed\": 7}";

    @TempDir
    Path dir;

    private final NnRuntime runtime = NnRuntime.of(new CoreExtension(), new TestOptimizerExtension());

    private AssembledModel trained() {
        AssembledModel m = runtime.assemble(ModelFileReader.read(MODEL, "m.json"));
        SplittableRandom random = new SplittableRandom(3);
        Tensor x = GradientCheck.randomTensor(10, 6, random);
        int[] labels = new int[10];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(3);
        }
        new Trainer(m.model(), m.loss(), m.optimizer(), m.training())
                .fit(DataSet.classification("random", x, labels), null);
        return m;
    }

    @Test
    void runningStatisticsAndTheCounterSurviveSaveAndLoad() {
        AssembledModel m = trained();
        Path file = dir.resolve("bn.nnj");
        ModelArchive.save(file, ModelFileReader.read(MODEL, "m.json"), m.model());
        AssembledModel loaded = ModelArchive.load(file, runtime.assembler());
        for (int i = 0; i < m.model().buffers().size(); i++) {
            assertArrayEquals(m.model().buffers().get(i).value().data(), loaded.model().buffers().get(i).value().data(),
                    0.0, m.model().buffers().get(i).path());
        }
        // 2 epochs of 3 batches (4, 4, 2 examples): 6 training batches counted.
        assertEquals(6.0, loaded.model().buffers().get(2).value().data()[0]);
        Tensor x = GradientCheck.randomTensor(4, 6, new SplittableRandom(1));
        assertArrayEquals(m.model().predict(x).data(), loaded.model().predict(x).data(), 0.0);
    }

    @Test
    void buffersAreStoredInPyTorchsNamesShapesAndTypes() {
        Map<String, Safetensors.Entry> w = Weights.of(trained().model());
        assertArrayEquals(new long[] {5}, w.get("layers.1.weight").shape());
        assertArrayEquals(new long[] {5}, w.get("layers.1.running_mean").shape());
        assertArrayEquals(new long[] {5}, w.get("layers.1.running_var").shape());
        assertArrayEquals(new long[0], w.get("layers.1.num_batches_tracked").shape());
        assertEquals("I64", w.get("layers.1.num_batches_tracked").dtype());
        byte[] file = Safetensors.write(w, Map.of("format", "pt"));
        String header = new String(file, 8, (int) java.nio.ByteBuffer.wrap(file).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(header.contains("\"layers.1.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[]"), header);
        Map<String, Safetensors.Entry> back = Safetensors.read(file, "w.safetensors");
        assertArrayEquals(w.get("layers.1.num_batches_tracked").values(), back.get("layers.1.num_batches_tracked").values());
    }

    @Test
    void aMissingBufferOrAFractionalCounterIsRefusedByName() {
        AssembledModel m = trained();
        Map<String, Safetensors.Entry> w = new LinkedHashMap<>(Weights.of(m.model()));
        w.remove("layers.1.running_var");
        DataException missing = assertThrows(DataException.class, () -> Weights.apply(m.model(), w, "w.safetensors"));
        assertEquals("w.safetensors: tensor 'layers.1.running_var' is missing; expected shape [5].", missing.getMessage());
        Map<String, Safetensors.Entry> fractional = new LinkedHashMap<>(Weights.of(m.model()));
        fractional.put("layers.1.num_batches_tracked", new Safetensors.Entry(new long[0], new double[] {1.5}));
        DataException e = assertThrows(DataException.class, () -> Weights.apply(m.model(), fractional, "w.safetensors"));
        assertTrue(e.getMessage().contains("'layers.1.num_batches_tracked' is an integer buffer; value 1.5"), e.getMessage());
    }

    @Test
    void buffersAreNotParametersAndNotCounted() {
        AssembledModel m = trained();
        assertEquals(6 * 5 + 5 + 5 + 5 + 5 * 3 + 3, m.model().parameterCount());
        assertTrue(m.model().parameters().stream().noneMatch(p -> p.path().contains("running")));
    }

    /** A running variance of NaN makes every batch-norm output NaN: refused in a weights file as in a .nnj. */
    @Test
    void aNaNBufferIsRefusedWhereTheWeightsAreRead() throws java.io.IOException {
        Map<String, Safetensors.Entry> w = new LinkedHashMap<>(Weights.of(trained().model()));
        w.get("layers.1.running_var").values()[3] = Double.NaN;
        Path file = dir.resolve("w.safetensors");
        java.nio.file.Files.write(file, Safetensors.write(w, Map.of("format", "pt")));
        DataException e = assertThrows(DataException.class, () -> Weights.read(file));
        assertEquals(file + ": tensor 'layers.1.running_var' holds NaN at index 3; nnj loads only finite numbers, and "
                + "a model that diverged saves such values: train it again (e.g. from an earlier checkpoint), or pass "
                + "--allow-non-finite (in Java, LoadOptions.allowNonFinite()) to load the file as it is and inspect it.",
                e.getMessage());
        assertTrue(Double.isNaN(Weights.read(file, LoadOptions.allowNonFinite()).get("layers.1.running_var").values()[3]));
    }
}
