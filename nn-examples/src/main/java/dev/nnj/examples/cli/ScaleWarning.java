package dev.nnj.examples.cli;

import dev.nnj.core.data.DataSet;
import dev.nnj.core.model.Sequential;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The one-line warning for numeric features on very different scales fed to a model that does not
 * standardise them (no layer learns from the data, such as {@code normalization}): gradient
 * descent then follows the widest column. Raised when the widest column's standard deviation, on
 * the training data, is more than {@value #RATIO} times the median column's (incomes beside ratios)
 * or above {@value #LARGEST} (raw pixels 0-16 or 0-255). Measured: the digits scaled to [0, 1] have
 * a widest deviation of 0.41 and a median of 0.27 (no warning); unscaled, 6.5 (a warning).
 */
final class ScaleWarning {
    static final double RATIO = 100;
    static final double LARGEST = 5;

    private ScaleWarning() {
    }

    /**
     * @param train the training data
     * @param model the model; no warning if some layer adapts to the data
     * @param names the name of every input (a table's), or {@code null}
     * @return the warning, or empty when the scales are fine or the model standardises them
     */
    static Optional<String> check(DataSet train, Sequential model, java.util.List<String> names) {
        if (model.adapts() || train.size() < 2) {
            return Optional.empty();
        }
        double[] x = train.features().data();
        int cols = train.features().cols();
        int rows = train.size();
        double[] sd = new double[cols];
        int widest = 0;
        for (int c = 0; c < cols; c++) {
            double mean = 0;
            for (int r = 0; r < rows; r++) {
                mean += x[r * cols + c] / rows;
            }
            double squares = 0;
            for (int r = 0; r < rows; r++) {
                double d = x[r * cols + c] - mean;
                squares += d * d;
            }
            sd[c] = Math.sqrt(squares / rows);
            if (sd[c] > sd[widest]) {
                widest = c;
            }
        }
        double[] varying = Arrays.stream(sd).filter(v -> v > 0).sorted().toArray();
        if (varying.length == 0) {
            return Optional.empty();
        }
        double median = varying[varying.length / 2];
        if (sd[widest] <= RATIO * median && sd[widest] <= LARGEST) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "nnj: warning: the features are not standardised: column %d "
                + "of %d%s has standard deviation %.4g, the median column %.4g (%s). %s", widest + 1, cols,
                names == null ? "" : " (" + names.get(widest) + ")", sd[widest], median, train.name(), names == null
                        ? "Add {\"type\": \"normalization\"} as the first layer to standardise them with the training "
                                + "data's statistics (saved in the model), or scale them beforehand."
                        : "Remove \"standardize\": false from the model file's \"table\" to standardise them with the "
                                + "training rows' statistics (saved in the model)."));
    }
}
