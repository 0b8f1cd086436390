package dev.nnj.core.eval;

/**
 * Precision, recall and F1 of one class, counted one class against the rest.
 *
 * <p>With tp, fp and fn the true positives, false positives and false negatives of the class:
 * precision = tp / (tp + fp), recall = tp / (tp + fn), F1 = 2 tp / (2 tp + fp + fn). A ratio whose
 * denominator is 0 is 0, as scikit-learn's {@code zero_division=0}.
 *
 * @param label the class, from 0
 * @param precision the fraction of the examples predicted as this class that are of it, in [0, 1]
 * @param recall the fraction of the examples of this class that are predicted as it, in [0, 1]
 * @param f1 the harmonic mean of precision and recall, in [0, 1]
 * @param support how many examples are of this class
 */
public record ClassMetrics(int label, double precision, double recall, double f1, int support) {

    static ClassMetrics of(int label, long tp, long fp, long fn) {
        return new ClassMetrics(label, ratio(tp, tp + fp), ratio(tp, tp + fn), ratio(2 * tp, 2 * tp + fp + fn),
                Math.toIntExact(tp + fn));
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
}
