package dev.nnj.examples.cli;

import dev.nnj.core.eval.Evaluation;
import java.io.PrintWriter;
import java.util.function.IntFunction;

/**
 * The confusion matrix as train and evaluate print it: a heading, the classes (their numbers, or
 * the names a table's label gave them), one row per true class.
 */
final class ConfusionMatrix {
    private static final String HEADING = "confusion matrix (rows: true class, columns: predicted class):";

    private ConfusionMatrix() {
    }

    static void print(PrintWriter out, Evaluation e, IntFunction<String> names) {
        out.println(HEADING);
        if (names == null) {
            out.println(e.confusionTable());
            return;
        }
        int[][] m = e.confusion();
        int width = 5;
        for (int i = 0; i < m.length; i++) {
            width = Math.max(width, names.apply(i).length());
            for (int v : m[i]) {
                width = Math.max(width, Integer.toString(v).length());
            }
        }
        String cell = "%" + (width + 1) + "s";
        StringBuilder sb = new StringBuilder(String.format("%" + Math.max(9, width) + "s", "true\\pred"));
        for (int j = 0; j < m.length; j++) {
            sb.append(String.format(cell, names.apply(j)));
        }
        for (int i = 0; i < m.length; i++) {
            sb.append(System.lineSeparator()).append(String.format("%" + Math.max(9, width) + "s", names.apply(i)));
            for (int j = 0; j < m.length; j++) {
                sb.append(String.format(cell, m[i][j]));
            }
        }
        out.println(sb);
    }
}
