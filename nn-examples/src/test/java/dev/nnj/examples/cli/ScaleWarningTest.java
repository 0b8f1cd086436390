package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.layer.DenseLayer;
import dev.nnj.core.model.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table like a user's own (an income of 20,000-200,000, an age, a ratio in 0..1) fed to a model
 * that standardises nothing ({@code "standardize": false}, no normalization layer) gets one warning
 * line naming the widest column and the remedy; the default (a table standardised with its
 * training statistics), a normalization layer, and the shipped (scaled) digits get none.
 */
class ScaleWarningTest {
    private static final String MODEL = "{\"input\": [3], \"layers\": [%s{\"type\": \"dense\", \"units\": 8, "
            + "\"activation\": \"relu\"}, {\"type\": \"dense\", \"units\": 2}], \"loss\": \"softmax-cross-entropy\", "
            + "\"optimizer\": {\"type\": \"adam\", \"learningRate\": 0.01}, \"epochs\": 2, \"batchSize\": 16, \"seed\": 1%s}";
    private static final String RAW = ", \"table\": {\"standardize\": false}";

    @TempDir
    Path dir;

    private Path table() throws Exception {
        SplittableRandom random = new SplittableRandom(4);
        StringBuilder csv = new StringBuilder("income,age,ratio,label\n");
        for (int i = 0; i < 200; i++) {
            double income = 20_000 + 180_000 * random.nextDouble();
            double age = 20 + 50 * random.nextDouble();
            double ratio = random.nextDouble();
            csv.append(String.format(java.util.Locale.ROOT, "%.0f,%.1f,%.3f,%d%n", income, age, ratio,
                    income / 200_000 + ratio > 0.9 ? 1 : 0));
        }
        return Files.writeString(dir.resolve("people.csv"), csv);
    }

    @Test
    void warnsOnceNamingTheWidestColumnAndTheRemedy() throws Exception {
        Path model = Files.writeString(dir.resolve("m.json"), String.format(MODEL, "", RAW));
        CliRun run = CliRun.run("train", "--model", model.toString(), "--data", "csv:" + table());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().filter(l -> l.startsWith("nnj: warning: the features")).count(), run.err());
        assertTrue(run.err().contains("nnj: warning: the features are not standardised: column 1 of 3 (income) has "
                + "standard deviation "), run.err());
        assertTrue(run.err().contains("Remove \"standardize\": false from the model file's \"table\""), run.err());
        Tensor x = Tensor.of(new double[][] {{1, 1000}, {2, 3000}, {3, 2000}});
        String plain = ScaleWarning.check(DataSet.regression("t", x, Tensor.zeros(3, 1)),
                Sequential.builder(Shape.of(2)).add(new DenseLayer(2, 1)).build(), null).orElseThrow();
        assertTrue(plain.contains("column 2 of 2 has standard deviation 816.5") && plain.contains(
                "Add {\"type\": \"normalization\"} as the first layer"), plain);
    }

    @Test
    void aModelThatNormalisesAndScaledDataGetNoWarning() throws Exception {
        Path model = Files.writeString(dir.resolve("m.json"), String.format(MODEL, "{\"type\": \"normalization\"}, ",
                RAW));
        CliRun normalised = CliRun.run("train", "--model", model.toString(), "--data", "csv:" + table());
        assertEquals(0, normalised.exitCode(), normalised.err());
        assertFalse(normalised.err().contains("warning"), normalised.err());
        Path standardised = Files.writeString(dir.resolve("s.json"), String.format(MODEL, "", ""));
        CliRun table = CliRun.run("train", "--model", standardised.toString(), "--data", "csv:" + table());
        assertEquals(0, table.exitCode(), table.err());
        assertFalse(table.err().contains("warning"), table.err());
        CliRun digits = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits",
                "--epochs", "1");
        assertFalse(digits.err().contains("not standardised"), digits.err());
    }
}
