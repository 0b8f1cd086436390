package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate prints and train's summary reports the detailed metrics: per-class table, log loss, AUCs, RMSE, R². */
class EvaluateMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NUMBER = "\\s+[01]\\.\\d{4}";

    @Test
    void evaluatePrintsThePerClassTableAndLogLoss(@TempDir Path dir) {
        Path saved = train(dir, CliRun.model("digits-mlp.json"), "digits", "1");
        CliRun evaluate = CliRun.run("evaluate", "--model", saved.toString(), "--data", "digits", "--test-part");
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        String out = evaluate.out();
        assertTrue(out.contains("\n       class precision    recall        f1   support\n"), out);
        for (int c = 0; c < 10; c++) {
            assertTrue(Pattern.compile("\n {11}" + c + NUMBER + NUMBER + NUMBER + "\\s+\\d+\n").matcher(out).find(), out);
        }
        assertTrue(Pattern.compile("\n   macro avg" + NUMBER + NUMBER + NUMBER + "\\s+360\n").matcher(out).find(), out);
        assertTrue(Pattern.compile("\nweighted avg" + NUMBER + NUMBER + NUMBER + "\\s+360\n").matcher(out).find(), out);
        assertTrue(Pattern.compile("\nlog loss \\d+\\.\\d{4}\n").matcher(out).find(), out);
        assertFalse(out.contains("ROC-AUC"), "ranking metrics are for two classes only:\n" + out);
    }

    @Test
    void evaluateJsonHasPerClassAndAveragedMetricsMatchingTrainSummary(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("d.nnj");
        CliRun train = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits", "--epochs", "1",
                "--json", "--save", saved.toString());
        assertEquals(0, train.exitCode(), train.err());
        JsonNode summary = JSON.readTree(train.lastLine());
        CliRun evaluate = CliRun.run("evaluate", "--model", saved.toString(), "--data", "digits", "--test-part", "--json");
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        JsonNode o = JSON.readTree(evaluate.lastLine());

        for (String key : new String[] {"macroPrecision", "macroRecall", "macroF1", "weightedPrecision", "weightedRecall",
                "weightedF1", "logLoss"}) {
            String testKey = "test" + Character.toUpperCase(key.charAt(0)) + key.substring(1);
            assertEquals(summary.get(testKey).asDouble(), o.get(key).asDouble(), 0.0, key);
        }
        assertEquals(o.get("loss").asDouble(), o.get("logLoss").asDouble(), 1e-9, "softmax cross-entropy is the log loss");
        JsonNode perClass = o.get("perClass");
        assertEquals(10, perClass.size());
        int support = 0;
        for (int c = 0; c < 10; c++) {
            assertEquals(c, perClass.get(c).get("class").asInt());
            support += perClass.get(c).get("support").asInt();
        }
        assertEquals(o.get("examples").asInt(), support);
        assertEquals(summary.get("testPerClass"), perClass);
        assertFalse(o.has("rocAuc"));
        assertTrue(o.has("accuracy") && o.has("confusionMatrix"), "the existing fields stay");
    }

    @Test
    void binaryEvaluationReportsRocAucAndAveragePrecision(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            double a = (i % 20) / 10.0 - 1;
            double b = (i / 20) / 10.0 - 1;
            csv.append(a).append(',').append(b).append(',').append(a + b > 0.1 ? 1 : 0).append('\n');
        }
        String data = "csv:" + Files.writeString(dir.resolve("half.csv"), csv);
        Path model = Files.writeString(dir.resolve("binary.json"), "{\"input\": [2], \"layers\": ["
                + "{\"type\": \"dense\", \"units\": 1}], \"loss\": \"binary-cross-entropy\", "
                + "\"optimizer\": {\"type\": \"momentum\", \"learningRate\": 0.1}, \"batchSize\": 16, \"epochs\": 20, \"seed\": 3}");
        Path saved = train(dir, model.toString(), data, "20");
        CliRun text = CliRun.run("evaluate", "--model", saved.toString(), "--data", data, "--test-part");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(Pattern.compile("\nROC-AUC [01]\\.\\d{4}, PR-AUC \\(average precision\\) [01]\\.\\d{4}\n")
                .matcher(text.out()).find(), text.out());
        CliRun json = CliRun.run("evaluate", "--model", saved.toString(), "--data", data, "--test-part", "--json");
        JsonNode o = JSON.readTree(json.lastLine());
        assertTrue(o.get("rocAuc").asDouble() > 0.95, json.lastLine());
        assertTrue(o.get("averagePrecision").asDouble() > 0.9, json.lastLine());
        assertEquals(2, o.get("perClass").size());
    }

    @Test
    void regressionReportsRmseAndR2(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 400; i++) {
            double a = (i % 20) / 10.0 - 1;
            double b = (i / 20) / 10.0 - 1;
            csv.append(a).append(',').append(b).append(',').append(2 * a - b + 0.5).append('\n');
        }
        String data = "csv:" + Files.writeString(dir.resolve("linear.csv"), csv);
        Path model = Files.writeString(dir.resolve("regression.json"), "{\"input\": [2], \"layers\": ["
                + "{\"type\": \"dense\", \"units\": 1}], \"loss\": \"mse\", "
                + "\"optimizer\": {\"type\": \"momentum\", \"learningRate\": 0.05}, \"batchSize\": 16, \"epochs\": 20, \"seed\": 3}");
        Path saved = dir.resolve("r.nnj");
        CliRun train = CliRun.run("train", "--model", model.toString(), "--data", data, "--json", "--save", saved.toString());
        assertEquals(0, train.exitCode(), train.err());
        JsonNode summary = JSON.readTree(train.lastLine());
        assertTrue(summary.get("testR2").asDouble() > 0.99, train.lastLine());
        assertTrue(summary.get("testRmse").asDouble() >= summary.get("testMae").asDouble(), train.lastLine());

        CliRun text = CliRun.run("evaluate", "--model", saved.toString(), "--data", data, "--test-part");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(Pattern.compile("\nMAE \\d\\.\\d{4}, RMSE \\d\\.\\d{4}, R2 [01]\\.\\d{4}\n").matcher(text.out()).find(),
                text.out());
        JsonNode o = JSON.readTree(CliRun.run("evaluate", "--model", saved.toString(), "--data", data, "--test-part", "--json").lastLine());
        assertEquals(summary.get("testRmse").asDouble(), o.get("rmse").asDouble(), 0.0);
        assertEquals(summary.get("testR2").asDouble(), o.get("r2").asDouble(), 0.0);
        assertEquals(summary.get("testMae").asDouble(), o.get("meanAbsoluteError").asDouble(), 0.0);
        assertFalse(o.has("perClass"));
    }

    private static Path train(Path dir, String model, String data, String epochs) {
        Path saved = dir.resolve("m.nnj");
        CliRun train = CliRun.run("train", "--model", model, "--data", data, "--epochs", epochs, "--save", saved.toString());
        assertEquals(0, train.exitCode(), train.err());
        return saved;
    }
}
