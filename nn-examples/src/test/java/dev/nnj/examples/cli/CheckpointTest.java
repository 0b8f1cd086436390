package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnj.core.json.ModelArchive;
import dev.nnj.core.json.Safetensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save, evaluate, predict, export/import, and checkpoints with exact resumption, through the CLI. */
class CheckpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void fourEpochsInOneGoEqualTwoPlusResumedTwo() throws Exception {
        assertResumingEqualsTrainingInOneGo(CliRun.model("digits-mlp.json"));
    }

    /**
     * A schedule that reacts to the monitored loss (reduce-on-plateau, lowering the rate after nearly
     * every epoch here) must continue after a resume as it would have: its history is replayed.
     */
    @Test
    void aLossDrivenScheduleContinuesAfterAResume() throws Exception {
        String json = Files.readString(Path.of(CliRun.model("digits-mlp.json"))).replace(
                "\"momentum\": 0.9}", "\"momentum\": 0.9, \"schedule\": {\"type\": \"reduce-on-plateau\", "
                        + "\"factor\": 0.5, \"patience\": 0, \"threshold\": 0.5}}");
        assertTrue(json.contains("reduce-on-plateau"), json);
        assertResumingEqualsTrainingInOneGo(Files.writeString(dir.resolve("plateau.json"), json).toString());
    }

    /**
     * Buffers are part of a checkpoint: a model that adapts a normalization before the first epoch
     * and keeps a batch-norm's running statistics resumes to the same bytes (the resumed run does
     * not adapt again; it loads what was learned).
     */
    @Test
    void aModelWithBuffersResumesToTheSameBytes() throws Exception {
        String json = Files.readString(Path.of(CliRun.model("digits-mlp.json"))).replace(
                "\"layers\": [", "\"layers\": [{\"type\": \"normalization\"}, {\"type\": \"dense\", \"units\": 32}, "
                        + "{\"type\": \"batch-norm\", \"activation\": \"relu\"}, ");
        assertTrue(json.contains("batch-norm"), json);
        assertResumingEqualsTrainingInOneGo(Files.writeString(dir.resolve("buffers.json"), json).toString());
    }

    /**
     * A float32 model resumes to the same bytes too, with its optimizer's state saved in float32,
     * the type it is kept in (as PyTorch keeps a float32 parameter's), and the step count in float64.
     */
    @Test
    void aFloat32ModelResumesToTheSameBytesWithItsStateInFloat32() throws Exception {
        String json = Files.readString(Path.of(CliRun.model("digits-mlp.json"))).replaceFirst("\\{", "{\"dtype\": \"float32\", ");
        assertTrue(json.contains("float32"), json);
        assertResumingEqualsTrainingInOneGo(Files.writeString(dir.resolve("float32.json"), json).toString());
        Map<String, Safetensors.Entry> state = Safetensors.read(
                CliRun.entry(dir.resolve("once").resolve("last.nnj"), ModelArchive.OPTIMIZER_ENTRY), "optimizer state");
        assertEquals(8, state.size(), state.keySet().toString()); // 4 parameters, each momentum and step
        state.forEach((name, e) -> assertEquals(name.endsWith(".step") ? "F64" : "F32", e.dtype(), name));
    }

    private void assertResumingEqualsTrainingInOneGo(String modelFile) throws Exception {
        Path once = dir.resolve("once");
        Path twice = dir.resolve("twice");
        CliRun full = CliRun.run("train", "--model", modelFile, "--data", "digits", "--epochs", "4",
                "--json", "--checkpoint-dir", once.toString());
        CliRun first = CliRun.run("train", "--model", modelFile, "--data", "digits", "--epochs",
                "2", "--json", "--checkpoint-dir", twice.toString());
        CliRun resumed = CliRun.run("train", "--resume", twice.resolve("last.nnj").toString(), "--data", "digits",
                "--epochs", "4", "--json", "--checkpoint-dir", twice.toString());
        assertEquals(0, full.exitCode() + first.exitCode() + resumed.exitCode(), full.err() + first.err() + resumed.err());

        assertArrayEquals(CliRun.entry(once.resolve("last.nnj"), ModelArchive.WEIGHTS_ENTRY),
                CliRun.entry(twice.resolve("last.nnj"), ModelArchive.WEIGHTS_ENTRY), "weights");
        assertArrayEquals(CliRun.entry(once.resolve("last.nnj"), ModelArchive.OPTIMIZER_ENTRY),
                CliRun.entry(twice.resolve("last.nnj"), ModelArchive.OPTIMIZER_ENTRY), "optimizer state");
        List<String> expected = metrics(full.out());
        List<String> actual = new ArrayList<>(metrics(first.out()).subList(0, 2));
        actual.addAll(metrics(resumed.out()));
        assertEquals(expected, actual);

        try (var files = Files.list(once)) {
            assertEquals(List.of("best.nnj", "epoch-0002.nnj", "epoch-0003.nnj", "epoch-0004.nnj", "last.nnj"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "keeps 3 epoch files, last and best");
        }
    }

    @Test
    void savedModelEvaluatesPredictsAndRoundTripsThroughSafetensors() throws Exception {
        Path saved = dir.resolve("d.nnj");
        CliRun train = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits", "--epochs", "3",
                "--json", "--save", saved.toString());
        assertEquals(0, train.exitCode(), train.err());
        double trained = JSON.readTree(train.lastLine()).get("testAccuracy").asDouble();

        CliRun evaluate = CliRun.run("evaluate", "--model", saved.toString(), "--data", "digits", "--test-part", "--json");
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        assertEquals(trained, JSON.readTree(evaluate.lastLine()).get("accuracy").asDouble(), 0.0);

        Path weights = dir.resolve("w.safetensors");
        Path imported = dir.resolve("imported.nnj");
        assertEquals(0, CliRun.run("export", "--model", saved.toString(), "--out", weights.toString()).exitCode());
        CliRun importRun = CliRun.run("import", "--model", CliRun.model("digits-mlp.json"), "--weights", weights.toString(),
                "--out", imported.toString());
        assertEquals(0, importRun.exitCode(), importRun.err());
        assertArrayEquals(CliRun.entry(saved, ModelArchive.WEIGHTS_ENTRY),
                CliRun.entry(imported, ModelArchive.WEIGHTS_ENTRY));

        Path input = Files.writeString(dir.resolve("in.csv"), "0,".repeat(63) + "0\n" + "0.5,".repeat(63) + "0.5\n");
        CliRun predict = CliRun.run("predict", "--model", saved.toString(), "--input", input.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        String[] lines = predict.out().strip().split("\\R");
        assertEquals("class,p0,p1,p2,p3,p4,p5,p6,p7,p8,p9", lines[0]);
        assertEquals(3, lines.length);
        double sum = 0;
        for (String p : lines[1].substring(lines[1].indexOf(',') + 1).split(",")) {
            sum += Double.parseDouble(p);
        }
        assertEquals(1.0, sum, 1e-5);
    }

    @Test
    void exportNamesEveryTensorWithItsShapeInFileOrder() {
        Path saved = dir.resolve("d.nnj");
        assertEquals(0, CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits", "--epochs",
                "1", "--json", "--save", saved.toString()).exitCode());
        Path weights = dir.resolve("w.safetensors");
        CliRun export = CliRun.run("export", "--model", saved.toString(), "--out", weights.toString());
        assertEquals(0, export.exitCode(), export.err());
        assertEquals("wrote " + weights + ": 4 tensors\n"
                + "  layers.0.weight [256, 64]\n"
                + "  layers.0.bias [256]\n"
                + "  layers.1.weight [10, 256]\n"
                + "  layers.1.bias [10]\n", export.out());
    }

    @Test
    void resumingFromASavedModelThatIsNotACheckpointSaysSo() throws Exception {
        Path saved = dir.resolve("d.nnj");
        assertEquals(0, CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits", "--epochs",
                "1", "--save", saved.toString()).exitCode());
        CliRun run = CliRun.run("train", "--resume", saved.toString(), "--data", "digits");
        assertEquals(1, run.exitCode());
        assertEquals("nnj: " + saved + " is a saved model, not a checkpoint (it has no training.json or "
                + "optimizer.safetensors): --model " + saved + " fine-tunes it, from its weights with a fresh "
                + "optimizer.\n", run.err());
    }

    /** @return the per-epoch JSON lines without timing, and without the summary */
    private static List<String> metrics(String out) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : out.strip().split("\\R")) {
            ObjectNode o = (ObjectNode) JSON.readTree(line);
            if (o.has("summary")) {
                continue;
            }
            o.remove("samplesPerSecond");
            lines.add(o.toString());
        }
        return lines;
    }
}
