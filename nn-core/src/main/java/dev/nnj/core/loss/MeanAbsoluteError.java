package dev.nnj.core.loss;

import dev.nnj.api.Loss;
import dev.nnj.api.Tensor;

/** {@code mae}: L = (1/N) Σ |p - t|, as PyTorch's {@code L1Loss}; dL/dp = sign(p - t)/N (0 where p = t). */
public final class MeanAbsoluteError implements Loss {
    /**
     * The mean absolute error. It holds no state, so one instance may serve any number of models and
     * threads.
     */
    public MeanAbsoluteError() {
    }

    @Override
    public double compute(Tensor prediction, Tensor target, Tensor gradient) {
        LossShapes.check("mae", prediction, target, gradient);
        double[] p = prediction.data();
        double[] t = target.data();
        int n = prediction.size();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = p[i] - t[i];
            sum += Math.abs(d);
            if (gradient != null) {
                gradient.data()[i] = Math.signum(d) / n;
            }
        }
        return sum / n;
    }

    @Override
    public String toString() {
        return "MeanAbsoluteError";
    }
}
