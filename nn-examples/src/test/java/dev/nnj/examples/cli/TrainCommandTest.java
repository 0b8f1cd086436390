package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nnj.core.json.ModelArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void defaultDigitsModelReachesNinetySixPercent() throws Exception {
        CliRun run = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode summary = JSON.readTree(run.lastLine());
        assertTrue(summary.get("summary").asBoolean());
        assertEquals(360, summary.get("testExamples").asInt());
        double accuracy = summary.get("testAccuracy").asDouble();
        assertTrue(accuracy >= 0.96, "test accuracy " + accuracy);
    }

    @Test
    void sameSeedGivesIdenticalMetrics() throws Exception {
        List<String> first = metrics(CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits",
                "--epochs", "3", "--json"));
        List<String> second = metrics(CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits",
                "--epochs", "3", "--json"));
        assertEquals(4, first.size());
        assertEquals(first, second);
    }

    @Test
    void validationSplitEarlyStoppingAndCsvLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("metrics.csv");
        CliRun run = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits", "--epochs", "200",
                "--validation-split", "0.1", "--early-stopping", "3", "--log-csv", log.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().strip().split("\\R");
        JsonNode first = JSON.readTree(lines[0]);
        assertTrue(first.has("validationLoss") && first.has("validationAccuracy"), lines[0]);
        JsonNode summary = JSON.readTree(run.lastLine());
        assertTrue(summary.get("stoppedEarly").asBoolean(), run.lastLine());
        int epochs = summary.get("epochs").asInt();
        assertEquals(summary.get("bestEpoch").asInt() + 3, epochs);
        assertEquals(epochs + 1, lines.length, "one line per epoch plus the summary");
        List<String> csv = Files.readAllLines(log);
        assertEquals("epoch,trainLoss,validationLoss,validationMetric,testLoss,testMetric,seconds,testMacroF1,"
                + "testLogLoss,testRocAuc,testRmse,testR2", csv.get(0));
        assertEquals(epochs + 1, csv.size());
        // the summary evaluates the restored weights of the best epoch, whose line logged the same metrics
        String[] best = csv.get(summary.get("bestEpoch").asInt()).split(",", -1);
        assertEquals(summary.get("testMacroF1").asDouble(), Double.parseDouble(best[7]), 0.0, String.join(",", best));
        assertEquals(summary.get("testLogLoss").asDouble(), Double.parseDouble(best[8]), 0.0, String.join(",", best));
        assertEquals("", best[9] + best[10] + best[11], "no ROC-AUC for ten classes, no regression metrics");
        assertTrue(summary.get("testAccuracy").asDouble() >= 0.95, run.lastLine());
    }

    /**
     * No choice is made on the test set: early stopping without --validation-split holds out 10% of
     * the training data (1,437 digits: 144) and watches its loss, says so, and leaves the test set
     * alone; without anything that watches, nothing is held out.
     */
    @Test
    void earlyStoppingWithoutAValidationSplitHoldsOutTenPercentOfTheTrainingData() throws Exception {
        CliRun run = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits", "--epochs", "2",
                "--early-stopping", "3");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("validation: 144 training examples (10%, fixed seed) held out for early stopping, "
                + "the best checkpoint and the schedule; the test set is never watched (--validation-split F sets the "
                + "fraction)"), run.out());
        assertTrue(run.out().contains("validation loss"), run.out());
        CliRun json = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits", "--epochs", "1",
                "--early-stopping", "3", "--json");
        assertTrue(new ObjectMapper().readTree(json.out().lines().findFirst().orElseThrow()).has("validationLoss"),
                json.out());
        CliRun plain = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits", "--epochs", "1");
        assertFalse(plain.out().contains("validation"), plain.out());
    }

    @Test
    void theHeaderCountsTrainableAndFrozenParametersWhenALayerIsFrozen(@TempDir Path dir) throws Exception {
        String file = Files.readString(Path.of(CliRun.model("digits-mlp.json")));
        Path frozen = Files.writeString(dir.resolve("frozen.json"), file.replace(
                "{\"type\": \"dense\", \"units\": 256, \"activation\": \"relu\"}",
                "{\"type\": \"dense\", \"units\": 256, \"activation\": \"relu\", \"trainable\": false}"));
        String sequential = "Sequential(input [64], layers[0] (dense) -> [256], layers[0].activation (relu) -> [256], "
                + "layers[1] (dense) -> [10])";
        CliRun run = CliRun.run("train", "--model", frozen.toString(), "--data", "digits", "--epochs", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("model " + frozen + ": " + sequential + ", 19,210 parameters (2,570 trainable, 16,640 frozen)",
                run.out().lines().findFirst().orElseThrow());
        CliRun plain = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits", "--epochs", "1");
        assertEquals("model " + CliRun.model("digits-mlp.json") + ": " + sequential + ", 19,210 parameters",
                plain.out().lines().findFirst().orElseThrow());
    }

    @Test
    void backendAndThreadsCanBeChosen() {
        CliRun run = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits", "--epochs", "1",
                "--backend", "ejml", "--threads", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\nbackend: EJML 0.46.1 CommonOps_DDRM, 1 thread\n"), run.out());
    }

    @Test
    void commandLineValuesOverrideTheModelFile() throws Exception {
        CliRun run = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits", "--epochs", "2",
                "--batch-size", "64", "--learning-rate", "0.01", "--seed", "3");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("optimizer Sgd[learningRate=0.01, momentum=0.9, nesterov=false, weightDecay=0.0], "
                + "batch size 64, 2 epochs, seed 3"), run.out());
        assertTrue(run.out().contains("epoch 2/2  train loss "), run.out());
        assertTrue(run.out().matches("(?s).*\\nbackend: .+, \\d+ threads?\\n.*"), run.out());
        assertTrue(run.lastLine().startsWith("final: test accuracy "), run.out());
    }

    @Test
    void dropLastOnTheCommandLineOverridesTheModelFileAndIsSaved(@TempDir Path dir) throws Exception {
        String file = Files.readString(Path.of(CliRun.model("digits-mlp.json")));
        Path off = Files.writeString(dir.resolve("off.json"), file);
        Path on = Files.writeString(dir.resolve("on.json"), file.replace("\"batchSize\": 32,",
                "\"batchSize\": 32, \"dropLast\": true,"));
        String dropped = "batch size 32 (a short last batch dropped), 1 epochs, seed 42";

        CliRun fromFile = CliRun.run("train", "--model", on.toString(), "--data", "digits", "--epochs", "1");
        assertEquals(0, fromFile.exitCode(), fromFile.err());
        assertTrue(fromFile.out().contains(dropped), fromFile.out());

        Path saved = dir.resolve("on.nnj");
        CliRun flag = CliRun.run("train", "--model", off.toString(), "--data", "digits", "--epochs", "1", "--drop-last",
                "--save", saved.toString());
        assertEquals(0, flag.exitCode(), flag.err());
        assertTrue(flag.out().contains(dropped), flag.out());
        assertTrue(ModelArchive.read(saved).spec().dropLast(), "a saved model keeps dropLast");

        Path kept = dir.resolve("off.nnj");
        CliRun negated = CliRun.run("train", "--model", on.toString(), "--data", "digits", "--epochs", "1",
                "--no-drop-last", "--save", kept.toString());
        assertEquals(0, negated.exitCode(), negated.err());
        assertTrue(negated.out().contains("batch size 32, 1 epochs, seed 42"), negated.out());
        assertFalse(ModelArchive.read(kept).spec().dropLast());
    }

    @Test
    void dtypeFloat32TrainsSavesAndResumesAsFloat32(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("f32.nnj");
        CliRun run = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits", "--epochs",
                "3", "--dtype", "float32", "--save", saved.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        double accuracy = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.lastLine())
                .get("testAccuracy").asDouble();
        assertTrue(accuracy >= 0.93, "float32 test accuracy after 3 epochs " + accuracy);
        assertEquals(dev.nnj.api.DType.F32, ModelArchive.read(saved).spec().dtype(), "a saved model keeps its dtype");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(saved.toFile())) {
            String header = new String(zip.getInputStream(zip.getEntry(ModelArchive.WEIGHTS_ENTRY)).readNBytes(400),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(header.contains("\"dtype\":\"F32\""), header);
        }

        CliRun bad = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits", "--dtype",
                "float16");
        assertEquals(1, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("--dtype float16: expected float64 or float32."), bad.err());
    }

    @Test
    void aDropLastThatIsNotABooleanIsReportedNamingTheKey(@TempDir Path dir) throws Exception {
        String file = Files.readString(Path.of(CliRun.model("digits-mlp.json")));
        Path bad = Files.writeString(dir.resolve("bad.json"), file.replace("\"batchSize\": 32,",
                "\"batchSize\": 32, \"dropLast\": \"yes\","));
        CliRun run = CliRun.run("train", "--model", bad.toString(), "--data", "digits");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains(bad + ": dropLast: expected true or false, got \"yes\"."), run.err());
    }

    @Test
    void regressionReportsMeanAbsoluteErrorInsteadOfAccuracy(@TempDir Path dir) throws Exception {
        // y = 2·a - b + 0.5 on a grid: a linear target the model fits almost exactly.
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 400; i++) {
            double a = (i % 20) / 10.0 - 1;
            double b = (i / 20) / 10.0 - 1;
            csv.append(a).append(',').append(b).append(',').append(2 * a - b + 0.5).append('\n');
        }
        Path data = Files.writeString(dir.resolve("linear.csv"), csv);
        Path model = Files.writeString(dir.resolve("regression.json"), "{\"input\": [2], \"layers\": ["
                + "{\"type\": \"dense\", \"units\": 16, \"activation\": \"tanh\"}, {\"type\": \"dense\", \"units\": 1}], "
                + "\"loss\": \"mse\", \"optimizer\": {\"type\": \"momentum\", \"learningRate\": 0.02}, "
                + "\"batchSize\": 16, \"epochs\": 60, \"seed\": 3}");
        CliRun run = CliRun.run("train", "--model", model.toString(), "--data", "csv:" + data, "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode summary = JSON.readTree(run.lastLine());
        assertEquals(80, summary.get("testExamples").asInt());
        assertTrue(summary.get("testAccuracy") == null, run.lastLine());
        double mae = summary.get("testMae").asDouble();
        assertTrue(mae < 0.05, "test MAE " + mae + " for targets spanning [-2.5, 3.5]");
    }

    @Test
    void binaryCrossEntropyClassifiesWithOneOutput(@TempDir Path dir) throws Exception {
        // Label 1 inside the circle of radius 0.6, 0 outside: not linearly separable.
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 900; i++) {
            double a = (i % 30) / 15.0 - 1;
            double b = (i / 30) / 15.0 - 1;
            csv.append(a).append(',').append(b).append(',').append(a * a + b * b < 0.36 ? 1 : 0).append('\n');
        }
        Path data = Files.writeString(dir.resolve("circle.csv"), csv);
        Path model = Files.writeString(dir.resolve("binary.json"), "{\"input\": [2], \"layers\": ["
                + "{\"type\": \"dense\", \"units\": 16, \"activation\": \"tanh\"}, {\"type\": \"dense\", \"units\": 1}], "
                + "\"loss\": \"binary-cross-entropy\", \"optimizer\": {\"type\": \"momentum\", \"learningRate\": 0.1}, "
                + "\"batchSize\": 16, \"epochs\": 60, \"seed\": 3}");
        CliRun run = CliRun.run("train", "--model", model.toString(), "--data", "csv:" + data, "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode summary = JSON.readTree(run.lastLine());
        double accuracy = summary.get("testAccuracy").asDouble();
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
        assertEquals(2, summary.get("confusionMatrix").size());
    }

    /** @return each JSON line without its timing fields */
    private static List<String> metrics(CliRun run) throws Exception {
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = new ArrayList<>();
        for (String line : run.out().strip().split("\\R")) {
            com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(line);
            o.remove("samplesPerSecond");
            o.remove("seconds");
            lines.add(o.toString());
        }
        return lines;
    }
}
