package dev.nnj.core.loss;

import dev.nnj.api.Loss;
import dev.nnj.api.Tensor;

/**
 * {@code softmax-cross-entropy}: softmax and cross-entropy fused, on logits z, as PyTorch's
 * {@code CrossEntropyLoss}. Per row, with lse = log Σ_k e^(z_k) computed as m + log Σ e^(z_k - m):
 * L_row = Σ_j t_j (lse - z_j); L is the mean over rows. dL/dz_j = (softmax(z)_j Σ_k t_k - t_j) / batch.
 * Targets are one-hot rows (or any probability rows). No clipping: score and gradient agree.
 */
public final class SoftmaxCrossEntropy implements Loss {

    /**
     * The softmax cross-entropy on logits. It holds no state, so one instance may serve any number of
     * models and threads.
     */
    public SoftmaxCrossEntropy() {
    }

    @Override
    public double compute(Tensor prediction, Tensor target, Tensor gradient) {
        LossShapes.check("softmax-cross-entropy", prediction, target, gradient);
        double[] z = prediction.data();
        double[] t = target.data();
        double[] g = gradient == null ? null : gradient.data();
        int n = prediction.cols();
        int rows = prediction.rows();
        double invBatch = 1.0 / rows;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int off = r * n;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, z[off + j]);
            }
            double sumExp = 0;
            double targetSum = 0;
            double targetDotZ = 0;
            for (int j = 0; j < n; j++) {
                sumExp += Math.exp(z[off + j] - max);
                targetSum += t[off + j];
                targetDotZ += t[off + j] * z[off + j];
            }
            double lse = max + Math.log(sumExp);
            total += targetSum * lse - targetDotZ;
            if (g != null) {
                for (int j = 0; j < n; j++) {
                    double softmax = Math.exp(z[off + j] - lse);
                    g[off + j] = (softmax * targetSum - t[off + j]) * invBatch;
                }
            }
        }
        return total * invBatch;
    }

    @Override
    public boolean isClassification() {
        return true;
    }

    @Override
    public boolean takesLogits() {
        return true;
    }

    @Override
    public String toString() {
        return "SoftmaxCrossEntropy";
    }
}
