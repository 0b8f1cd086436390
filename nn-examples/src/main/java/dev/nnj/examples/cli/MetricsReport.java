package dev.nnj.examples.cli;

import dev.nnj.core.eval.AveragedMetrics;
import dev.nnj.core.eval.ClassMetrics;
import dev.nnj.core.eval.ClassificationMetrics;
import dev.nnj.core.eval.Evaluation;
import dev.nnj.core.eval.RegressionMetrics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The detailed metrics of an evaluation as evaluate prints them (a per-class table, log loss,
 * ROC-AUC and PR-AUC; or RMSE and R²) and as evaluate and train add them to their JSON.
 */
final class MetricsReport {
    private MetricsReport() {
    }

    static void print(PrintWriter out, Evaluation e, IntFunction<String> names) {
        ClassificationMetrics c = e.classificationMetrics();
        if (c != null) {
            out.printf(Locale.ROOT, "%12s %9s %9s %9s %9s%n", "class", "precision", "recall", "f1", "support");
            for (ClassMetrics k : c.perClass()) {
                out.printf(Locale.ROOT, "%12s %9.4f %9.4f %9.4f %9d%n", names == null ? Integer.toString(k.label())
                        : names.apply(k.label()), k.precision(), k.recall(), k.f1(), k.support());
            }
            row(out, "macro avg", c.macro(), c.examples());
            row(out, "weighted avg", c.weighted(), c.examples());
            out.printf(Locale.ROOT, "log loss %.4f%n", c.logLoss());
            if (c.classes() == 2) {
                out.printf(Locale.ROOT, "ROC-AUC %s, PR-AUC (average precision) %s%n", number(c.rocAuc()),
                        number(c.averagePrecision()));
            }
        }
        RegressionMetrics r = e.regressionMetrics();
        if (r != null) {
            out.printf(Locale.ROOT, "MAE %.4f, RMSE %.4f, R2 %.4f%n", r.meanAbsoluteError(), r.rootMeanSquaredError(),
                    r.r2());
        }
    }

    /**
     * Adds the metrics as JSON fields, each key {@code prefix} + the lowerCamel name with its first
     * letter upper-cased after a non-empty prefix; a NaN (ROC-AUC with one class present) is null.
     */
    static void put(Map<String, Object> o, String prefix, Evaluation e, IntFunction<String> names) {
        ClassificationMetrics c = e.classificationMetrics();
        if (c != null) {
            o.put(key(prefix, "macroPrecision"), c.macro().precision());
            o.put(key(prefix, "macroRecall"), c.macro().recall());
            o.put(key(prefix, "macroF1"), c.macro().f1());
            o.put(key(prefix, "weightedPrecision"), c.weighted().precision());
            o.put(key(prefix, "weightedRecall"), c.weighted().recall());
            o.put(key(prefix, "weightedF1"), c.weighted().f1());
            o.put(key(prefix, "logLoss"), c.logLoss());
            if (c.classes() == 2) {
                o.put(key(prefix, "rocAuc"), orNull(c.rocAuc()));
                o.put(key(prefix, "averagePrecision"), orNull(c.averagePrecision()));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ClassMetrics k : c.perClass()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("class", k.label());
                if (names != null) {
                    row.put("name", names.apply(k.label()));
                }
                row.put("precision", k.precision());
                row.put("recall", k.recall());
                row.put("f1", k.f1());
                row.put("support", k.support());
                rows.add(row);
            }
            o.put(key(prefix, "perClass"), rows);
        }
        RegressionMetrics r = e.regressionMetrics();
        if (r != null) {
            o.put(key(prefix, "rmse"), r.rootMeanSquaredError());
            o.put(key(prefix, "r2"), r.r2());
        }
    }

    private static void row(PrintWriter out, String name, AveragedMetrics a, int support) {
        out.printf(Locale.ROOT, "%12s %9.4f %9.4f %9.4f %9d%n", name, a.precision(), a.recall(), a.f1(), support);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "undefined (one class only)" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static String key(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
