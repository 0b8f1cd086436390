package dev.nnj.core.eval;

/**
 * Metrics of a model on a data set.
 *
 * @param loss the mean loss per example
 * @param accuracy the fraction classified correctly; NaN for regression
 * @param meanAbsoluteError the mean |prediction - target| over all values; NaN for classification
 * @param confusion [true class][predicted class] counts; empty for regression
 * @param examples the number of examples
 */
public record Evaluation(double loss, double accuracy, double meanAbsoluteError, int[][] confusion, int examples) {

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
