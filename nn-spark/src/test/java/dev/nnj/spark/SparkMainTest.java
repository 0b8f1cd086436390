package dev.nnj.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.eval.Evaluation;
import dev.nnj.core.json.ModelArchive;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point on local[2]: averaging on the digits CSV, saved in nnj's format, loaded back by plain nnj. */
class SparkMainTest {

    @Test
    void trainsOnLocalTwoAndSavesAModelPlainNnjLoads(@TempDir Path dir) throws Exception {
        // The digits with pixels scaled to [0, 1], as a CSV file (csv: takes values as they are).
        StringBuilder csv = new StringBuilder();
        var data = SparkTrainerTest.digits();
        for (int i = 0; i < data.size(); i++) {
            for (double v : data.features().row(i)) {
                csv.append(v).append(',');
            }
            csv.append(data.label(i)).append('\n');
        }
        Path digits = Files.writeString(dir.resolve("digits.csv"), csv);
        Path model = Files.writeString(dir.resolve("m.json"), SparkTrainerTest.MODEL);
        Path saved = dir.resolve("m.nnj");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Evaluation e = SparkMain.run(new String[] {"--model", model.toString(), "--data", "csv:" + digits,
            "--test-data", "csv:" + digits, "--epochs", "10", "--mode", "averaging", "--local-steps", "4",
            "--partitions", "2", "--master", "local[2]", "--save", saved.toString()},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("epoch 10  train loss"), out);
        assertTrue(e.accuracy() > 0.9, out);
        ModelArchive.Contents contents = ModelArchive.read(saved);
        assertTrue(contents.weights().containsKey("layers.0.weight"));
    }
}
