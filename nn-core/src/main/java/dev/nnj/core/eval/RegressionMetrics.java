package dev.nnj.core.eval;

import dev.nnj.api.Tensor;
import java.util.Objects;

/**
 * Regression metrics of predictions against targets, defined as scikit-learn 1.2 defines them with
 * its default {@code multioutput='uniform_average'} (checked against it in
 * {@code RegressionMetricsTest}).
 *
 * <p>For n examples of m outputs, e = prediction - target:
 * MAE = Σ|e| / (n m); RMSE = sqrt(Σ e² / (n m)), the square root of the output-averaged mean squared
 * error (not the mean of per-output RMSEs); R² = the mean over outputs j of 1 - Σ_i e_ij² / Σ_i
 * (y_ij - mean_j)², where an output with constant targets counts 1 if predicted exactly and 0
 * otherwise (scikit-learn's {@code force_finite=True}).
 *
 * @param meanAbsoluteError the MAE, &gt;= 0
 * @param rootMeanSquaredError the RMSE, &gt;= 0
 * @param r2 the coefficient of determination, &lt;= 1; 1 is a perfect fit, 0 as good as predicting the mean
 * @param examples the number of examples
 */
public record RegressionMetrics(double meanAbsoluteError, double rootMeanSquaredError, double r2, int examples) {

    /**
     * Computes every metric.
     *
     * @param targets [n, m] the true values, n &gt;= 1; not modified
     * @param predictions [n, m] the predicted values; not modified
     * @return the metrics
     * @throws IllegalArgumentException if the shapes differ or there are no examples
     */
    public static RegressionMetrics of(Tensor targets, Tensor predictions) {
        Objects.requireNonNull(targets, "targets is null");
        Objects.requireNonNull(predictions, "predictions is null");
        int n = targets.rows();
        int m = targets.cols();
        if (n == 0 || predictions.rows() != n || predictions.cols() != m) {
            throw new IllegalArgumentException("Expected targets and predictions of the same shape [n, m] with n >= 1, got "
                    + targets.shapeString() + " and " + predictions.shapeString() + ".");
        }
        double abs = 0;
        double squared = 0;
        double r2Sum = 0;
        for (int j = 0; j < m; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += targets.get(i, j);
            }
            mean /= n;
            double residual = 0;
            double total = 0;
            for (int i = 0; i < n; i++) {
                double e = predictions.get(i, j) - targets.get(i, j);
                double d = targets.get(i, j) - mean;
                abs += Math.abs(e);
                residual += e * e;
                total += d * d;
            }
            squared += residual;
            r2Sum += total == 0 ? (residual == 0 ? 1.0 : 0.0) : 1 - residual / total;
        }
        double values = (double) n * m;
        return new RegressionMetrics(abs / values, Math.sqrt(squared / values), r2Sum / m, n);
    }
}
