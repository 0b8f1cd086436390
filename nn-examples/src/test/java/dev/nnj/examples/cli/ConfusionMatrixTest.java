package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train and evaluate print the confusion matrix alike: a heading that says what rows and columns are. */
class ConfusionMatrixTest {
    private static final String HEADING = "confusion matrix (rows: true class, columns: predicted class):\n"
            + "true\\pred     0     1     2     3     4     5     6     7     8     9\n"
            + "        0 ";

    @Test
    void evaluatePrintsTheMatrixAsTrainDoes(@TempDir Path dir) {
        Path saved = dir.resolve("d.nnj");
        CliRun train = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits", "--epochs", "1",
                "--save", saved.toString());
        assertEquals(0, train.exitCode(), train.err());
        CliRun evaluate = CliRun.run("evaluate", "--model", saved.toString(), "--data", "digits", "--test-part");
        assertEquals(0, evaluate.exitCode(), evaluate.err());

        assertTrue(evaluate.out().startsWith(HEADING), evaluate.out());
        String matrix = evaluate.out().substring(0, evaluate.out().indexOf("\naccuracy ") + 1);
        assertEquals(12, matrix.split("\n").length, "heading, column numbers, 10 rows");
        String table = evaluate.out().substring(evaluate.out().indexOf("\n       class precision") + 1);
        assertTrue(train.out().contains("\n" + matrix + table + "final: "), "the same blocks (matrix, per-class "
                + "table, log loss) after training:\n" + train.out() + "\nevaluate:\n" + evaluate.out());
    }
}
