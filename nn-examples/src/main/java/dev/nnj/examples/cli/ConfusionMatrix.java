package dev.nnj.examples.cli;

import dev.nnj.core.eval.Evaluation;
import java.io.PrintWriter;

/** The confusion matrix as train and evaluate print it: a heading, the class numbers, one row per true class. */
final class ConfusionMatrix {
    private static final String HEADING = "confusion matrix (rows: true class, columns: predicted class):";

    private ConfusionMatrix() {
    }

    static void print(PrintWriter out, Evaluation e) {
        out.println(HEADING);
        out.println(e.confusionTable());
    }
}
