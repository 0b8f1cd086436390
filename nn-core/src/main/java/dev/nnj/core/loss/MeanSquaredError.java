package dev.nnj.core.loss;

import dev.nnj.api.Loss;
import dev.nnj.api.Tensor;

/**
 * {@code mse}: L = (1/N) Σ (p - t)² over all N = batch · n values, as PyTorch's {@code MSELoss};
 * dL/dp = 2 (p - t) / N.
 */
public final class MeanSquaredError implements Loss {

    /**
     * The mean squared error. It holds no state, so one instance may serve any number of models and
     * threads.
     */
    public MeanSquaredError() {
    }

    @Override
    public double compute(Tensor prediction, Tensor target, Tensor gradient) {
        LossShapes.check("mse", prediction, target, gradient);
        double[] p = prediction.data();
        double[] t = target.data();
        int n = prediction.size();
        double scale = 2.0 / n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = p[i] - t[i];
            sum += d * d;
            if (gradient != null) {
                gradient.data()[i] = scale * d;
            }
        }
        return sum / n;
    }

    @Override
    public String toString() {
        return "MeanSquaredError";
    }
}
