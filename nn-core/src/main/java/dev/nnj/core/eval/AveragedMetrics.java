package dev.nnj.core.eval;

import java.util.List;

/**
 * Precision, recall and F1 averaged over classes.
 *
 * <p>Macro: the plain mean over classes of each per-class value. Weighted: the mean weighted by
 * each class's support (how many examples are of it). F1 is averaged, not recomputed from the
 * averaged precision and recall, as scikit-learn does.
 *
 * @param precision the averaged precision, in [0, 1]
 * @param recall the averaged recall, in [0, 1]
 * @param f1 the averaged F1, in [0, 1]
 */
public record AveragedMetrics(double precision, double recall, double f1) {

    static AveragedMetrics macro(List<ClassMetrics> classes) {
        double p = 0;
        double r = 0;
        double f = 0;
        for (ClassMetrics c : classes) {
            p += c.precision();
            r += c.recall();
            f += c.f1();
        }
        int k = classes.size();
        return new AveragedMetrics(p / k, r / k, f / k);
    }

    static AveragedMetrics weighted(List<ClassMetrics> classes) {
        double p = 0;
        double r = 0;
        double f = 0;
        long total = 0;
        for (ClassMetrics c : classes) {
            p += c.precision() * c.support();
            r += c.recall() * c.support();
            f += c.f1() * c.support();
            total += c.support();
        }
        return total == 0 ? new AveragedMetrics(0, 0, 0) : new AveragedMetrics(p / total, r / total, f / total);
    }
}
