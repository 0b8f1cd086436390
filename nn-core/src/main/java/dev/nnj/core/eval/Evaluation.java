package dev.nnj.core.eval;

/**
 * Metrics of a model on a data set.
 *
 * @param loss the mean loss per example
 * @param accuracy the fraction classified correctly; NaN for regression
 * @param meanAbsoluteError the mean |prediction - target| over all values; NaN for classification
 * @param confusion [true class][predicted class] counts; empty for regression
 * @param examples the number of examples
 * @param classificationMetrics per-class precision, recall and F1, their averages, log loss and, for
 *     two classes, ROC-AUC and average precision; {@code null} for regression, or when the evaluator
 *     did not compute them (nn-spark's sums only the confusion matrix)
 * @param regressionMetrics MAE, RMSE and R²; {@code null} for classification, or when not computed
 */
public record Evaluation(double loss, double accuracy, double meanAbsoluteError, int[][] confusion, int examples,
        ClassificationMetrics classificationMetrics, RegressionMetrics regressionMetrics) {

    /**
     * An evaluation without the detailed metrics: {@link #classificationMetrics()} and {@link
     * #regressionMetrics()} are {@code null}.
     *
     * @param loss the mean loss per example
     * @param accuracy the fraction classified correctly; NaN for regression
     * @param meanAbsoluteError the mean |prediction - target| over all values; NaN for classification
     * @param confusion [true class][predicted class] counts; empty for regression
     * @param examples the number of examples
     */
    public Evaluation(double loss, double accuracy, double meanAbsoluteError, int[][] confusion, int examples) {
        this(loss, accuracy, meanAbsoluteError, confusion, examples, null, null);
    }

    /**
     * Whether the data had class labels, so that {@link #accuracy()} and {@link #confusion()} mean
     * something.
     *
     * @return {@code true} for classification, {@code false} for regression
     */
    public boolean isClassification() {
        return confusion.length > 0;
    }

    /**
     * Formats {@link #confusion()} for printing.
     *
     * @return the confusion matrix as aligned text, one row per true class
     */
    public String confusionTable() {
        StringBuilder sb = new StringBuilder("true\\pred");
        for (int j = 0; j < confusion.length; j++) {
            sb.append(String.format("%6d", j));
        }
        for (int i = 0; i < confusion.length; i++) {
            sb.append(System.lineSeparator()).append(String.format("%9d", i));
            for (int j = 0; j < confusion.length; j++) {
                sb.append(String.format("%6d", confusion[i][j]));
            }
        }
        return sb.toString();
    }
}
