package dev.nnj.core.loss;

import dev.nnj.api.Loss;
import dev.nnj.api.Tensor;
import dev.nnj.core.activation.Sigmoid;

/**
 * {@code binary-cross-entropy}: sigmoid and binary cross-entropy fused, on logits z, as PyTorch's
 * {@code BCEWithLogitsLoss}. Per value: l = max(z, 0) - z t + log(1 + e^-|z|), which equals
 * -[t log σ(z) + (1 - t) log(1 - σ(z))] without overflow; L is the mean over all N values.
 * dL/dz = (σ(z) - t) / N. Targets lie in [0, 1]; each output is an independent yes/no.
 */
public final class BinaryCrossEntropy implements Loss {

    /**
     * The binary cross-entropy on logits. It holds no state, so one instance may serve any number of
     * models and threads.
     */
    public BinaryCrossEntropy() {
    }

    @Override
    public double compute(Tensor prediction, Tensor target, Tensor gradient) {
        LossShapes.check("binary-cross-entropy", prediction, target, gradient);
        double[] z = prediction.data();
        double[] t = target.data();
        int n = prediction.size();
        double invN = 1.0 / n;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double zi = z[i];
            total += Math.max(zi, 0) - zi * t[i] + Math.log1p(Math.exp(-Math.abs(zi)));
            if (gradient != null) {
                gradient.data()[i] = (Sigmoid.sigmoid(zi) - t[i]) * invN;
            }
        }
        return total * invN;
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
        return "BinaryCrossEntropy";
    }
}
