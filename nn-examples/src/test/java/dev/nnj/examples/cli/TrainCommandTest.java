package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
    void commandLineValuesOverrideTheModelFile() throws Exception {
        CliRun run = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits", "--epochs", "2",
                "--batch-size", "64", "--learning-rate", "0.01", "--seed", "3");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("optimizer Sgd[learningRate=0.01, momentum=0.9, nesterov=false, weightDecay=0.0], "
                + "batch size 64, 2 epochs, seed 3"), run.out());
        assertTrue(run.out().contains("epoch 2/2  train loss "), run.out());
        assertTrue(run.lastLine().startsWith("final: test accuracy "), run.out());
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
