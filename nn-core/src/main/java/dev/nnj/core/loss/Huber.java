package dev.nnj.core.loss;

import dev.nnj.api.Loss;
import dev.nnj.api.Tensor;

/**
 * {@code huber}: per value with d = p - t, ½d² where |d| &lt;= δ, else δ(|d| - ½δ); L is the mean over
 * all N values, as PyTorch's {@code HuberLoss}. dL/dp = d/N, or δ·sign(d)/N. Key {@code delta}
 * (default 1).
 */
public final class Huber implements Loss {
    private final double delta;

    /**
     * A Huber loss with the given threshold between its quadratic and linear parts.
     *
     * @param delta δ, finite and &gt; 0
     * @throws IllegalArgumentException if {@code delta} is not finite and &gt; 0
     */
    public Huber(double delta) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("huber: delta must be finite and > 0; got " + delta + ".");
        }
        this.delta = delta;
    }

    @Override
    public double compute(Tensor prediction, Tensor target, Tensor gradient) {
        LossShapes.check("huber", prediction, target, gradient);
        double[] p = prediction.data();
        double[] t = target.data();
        int n = prediction.size();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = p[i] - t[i];
            double ad = Math.abs(d);
            sum += ad <= delta ? 0.5 * d * d : delta * (ad - 0.5 * delta);
            if (gradient != null) {
                gradient.data()[i] = (ad <= delta ? d : delta * Math.signum(d)) / n;
            }
        }
        return sum / n;
    }

    @Override
    public String toString() {
        return "Huber[delta=" + delta + "]";
    }
}
