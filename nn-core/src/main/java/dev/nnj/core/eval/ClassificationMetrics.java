package dev.nnj.core.eval;

import dev.nnj.api.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Classification metrics computed from true labels and predicted probabilities, defined as
 * scikit-learn 1.2 defines them (checked against it in {@code ClassificationMetricsTest}).
 *
 * <ul>
 *   <li>The predicted class of an example is the arg-max of its probabilities (the first of equal
 *       maxima), or probability &gt; 0.5 with one column, as {@link Predictions#predictedClass(Tensor,
 *       int)}.
 *   <li>Per class: {@link ClassMetrics} (precision, recall, F1, support; 0/0 counts as 0), their
 *       {@link AveragedMetrics macro and weighted averages}, and the accuracy.
 *   <li>Log loss: the mean of -ln q, q the renormalised clipped probability of the true class: each
 *       probability is clipped to [ε, 1 - ε], ε = 2^-52 (the double machine epsilon), and the row is
 *       then divided by its sum (with one column p, the row is [1 - p, p]). This is scikit-learn
 *       1.2's default {@code eps="auto"}; earlier releases clipped at 1e-15.
 *   <li>For two classes, with score s the probability of class 1: ROC-AUC, the probability that a
 *       random example of class 1 scores above a random example of class 0, ties counting half
 *       (the Mann-Whitney rank statistic with mid-ranks); and average precision, AP = Σ_n (R_n -
 *       R_{n-1}) P_n over the distinct scores taken as thresholds in decreasing order, P_n and R_n
 *       the precision and recall of predicting class 1 for s &gt;= threshold n, R_0 = 0 (scikit-learn's
 *       {@code average_precision_score}). Both are NaN when the labels hold only one class (scikit-learn
 *       raises or warns there) or when there are more than two classes.
 * </ul>
 *
 * @param perClass one entry per class, in class order; unmodifiable
 * @param macro the unweighted mean over classes of precision, recall and F1
 * @param weighted the mean over classes weighted by support
 * @param accuracy the fraction of examples whose predicted class is the true one
 * @param logLoss the mean cross-entropy of the true classes, in nats
 * @param rocAuc the area under the ROC curve for two classes; NaN otherwise
 * @param averagePrecision the average precision (area under the precision-recall curve) for two
 *     classes; NaN otherwise
 * @param examples the number of examples
 */
public record ClassificationMetrics(List<ClassMetrics> perClass, AveragedMetrics macro, AveragedMetrics weighted,
        double accuracy, double logLoss, double rocAuc, double averagePrecision, int examples) {
    /**
     * The clipping bound of the log loss, 2^-52: scikit-learn 1.2's default {@code eps="auto"}, which
     * is {@code np.finfo(float64).eps}.
     */
    public static final double LOG_LOSS_EPS = Math.ulp(1.0);

    /**
     * Checks the components and copies the list.
     *
     * @param perClass one entry per class, in class order; copied
     * @param macro the unweighted averages
     * @param weighted the support-weighted averages
     * @param accuracy the accuracy
     * @param logLoss the log loss
     * @param rocAuc the ROC-AUC, or NaN
     * @param averagePrecision the average precision, or NaN
     * @param examples the number of examples
     */
    public ClassificationMetrics {
        perClass = List.copyOf(Objects.requireNonNull(perClass, "perClass is null"));
        Objects.requireNonNull(macro, "macro is null");
        Objects.requireNonNull(weighted, "weighted is null");
    }

    /**
     * Computes every metric.
     *
     * @param labels [n] the true class of each example, each in [0, k) (k = 2 for one column); not
     *     modified
     * @param probabilities [n, k] the predicted probability of each class per example, k &gt;= 2, or
     *     [n, 1] the probability of class 1 of a binary problem; not modified
     * @return the metrics
     * @throws IllegalArgumentException if there are no examples, the counts differ, or a label is
     *     outside the classes
     */
    public static ClassificationMetrics of(int[] labels, Tensor probabilities) {
        Objects.requireNonNull(labels, "labels is null");
        Objects.requireNonNull(probabilities, "probabilities is null");
        int n = labels.length;
        if (n == 0 || probabilities.rows() != n) {
            throw new IllegalArgumentException("Expected probabilities of shape [" + n + ", k] for " + n
                    + " labels (n >= 1), got " + probabilities.shapeString() + ".");
        }
        int k = probabilities.cols() == 1 ? 2 : probabilities.cols();
        long[][] confusion = new long[k][k];
        long correct = 0;
        double logLossSum = 0;
        for (int i = 0; i < n; i++) {
            int truth = labels[i];
            if (truth < 0 || truth >= k) {
                throw new IllegalArgumentException("Label " + truth + " of example " + i + " is outside the " + k
                        + " classes [0, " + (k - 1) + "] of probabilities " + probabilities.shapeString() + ".");
            }
            int predicted = Predictions.predictedClass(probabilities, i);
            confusion[truth][predicted]++;
            correct += truth == predicted ? 1 : 0;
            logLossSum -= Math.log(clippedProbability(probabilities, i, truth));
        }
        List<ClassMetrics> perClass = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            long tp = confusion[c][c];
            long fp = 0;
            long fn = 0;
            for (int o = 0; o < k; o++) {
                if (o != c) {
                    fp += confusion[o][c];
                    fn += confusion[c][o];
                }
            }
            perClass.add(ClassMetrics.of(c, tp, fp, fn));
        }
        double auc = Double.NaN;
        double ap = Double.NaN;
        if (k == 2) {
            double[] scores = new double[n];
            int scoreColumn = probabilities.cols() - 1;
            for (int i = 0; i < n; i++) {
                scores[i] = probabilities.get(i, scoreColumn);
            }
            auc = BinaryRanking.rocAuc(labels, scores);
            ap = BinaryRanking.averagePrecision(labels, scores);
        }
        return new ClassificationMetrics(perClass, AveragedMetrics.macro(perClass), AveragedMetrics.weighted(perClass),
                (double) correct / n, logLossSum / n, auc, ap, n);
    }

    /**
     * The number of classes.
     *
     * @return {@code perClass().size()}, at least 2
     */
    public int classes() {
        return perClass.size();
    }

    private static double clippedProbability(Tensor p, int i, int truth) {
        if (p.cols() == 1) {
            double one = clip(p.get(i, 0));
            double zero = 1 - one;
            return (truth == 1 ? one : zero) / (zero + one);
        }
        double sum = 0;
        for (int j = 0; j < p.cols(); j++) {
            sum += clip(p.get(i, j));
        }
        return clip(p.get(i, truth)) / sum;
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    }

    @Override
    public String toString() {
        return "ClassificationMetrics[classes=" + classes() + ", accuracy=" + accuracy + ", macroF1=" + macro.f1()
                + ", logLoss=" + logLoss + ", rocAuc=" + rocAuc + ", averagePrecision=" + averagePrecision
                + ", perClass=" + Arrays.toString(perClass.toArray()) + "]";
    }
}
