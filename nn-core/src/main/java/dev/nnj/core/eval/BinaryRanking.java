package dev.nnj.core.eval;

import java.util.stream.IntStream;

/** ROC-AUC and average precision of binary scores; the formulas are in {@link ClassificationMetrics}. */
final class BinaryRanking {
    private BinaryRanking() {
    }

    /** Mann-Whitney U over mid-ranks: (Σ ranks of positives - P(P+1)/2) / (P N); NaN if P or N is 0. */
    static double rocAuc(int[] labels, double[] scores) {
        int n = scores.length;
        int[] order = ascending(scores);
        long positives = 0;
        double positiveRankSum = 0;
        for (int i = 0; i < n;) {
            int j = i;
            int groupPositives = 0;
            while (j < n && Double.compare(scores[order[j]], scores[order[i]]) == 0) {
                groupPositives += labels[order[j]];
                j++;
            }
            // ranks i+1 .. j share their mean
            positiveRankSum += groupPositives * ((i + 1 + j) / 2.0);
            positives += groupPositives;
            i = j;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Σ (R_n - R_{n-1}) P_n over distinct thresholds, highest first; NaN if P or N is 0. */
    static double averagePrecision(int[] labels, double[] scores) {
        int n = scores.length;
        int[] order = ascending(scores);
        long positives = 0;
        for (int label : labels) {
            positives += label;
        }
        if (positives == 0 || positives == n) {
            return Double.NaN;
        }
        long tp = 0;
        long fp = 0;
        double previousRecall = 0;
        double ap = 0;
        for (int i = n - 1; i >= 0;) {
            int j = i;
            while (j >= 0 && Double.compare(scores[order[j]], scores[order[i]]) == 0) {
                if (labels[order[j]] == 1) {
                    tp++;
                } else {
                    fp++;
                }
                j--;
            }
            double recall = (double) tp / positives;
            ap += (recall - previousRecall) * ((double) tp / (tp + fp));
            previousRecall = recall;
            i = j;
        }
        return ap;
    }

    private static int[] ascending(double[] scores) {
        return IntStream.range(0, scores.length).boxed()
                .sorted((a, b) -> Double.compare(scores[a], scores[b]))
                .mapToInt(Integer::intValue).toArray();
    }
}
