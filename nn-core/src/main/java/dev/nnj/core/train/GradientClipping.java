package dev.nnj.core.train;

import dev.nnj.api.Parameter;
import dev.nnj.api.Tensor;
import java.util.List;

/**
 * Clips gradients after backward and before the optimizer step, as PyTorch's
 * {@code clip_grad_value_} then {@code clip_grad_norm_}: every value into [-maxValue, maxValue];
 * then, if the global L2 norm over all trainable parameters exceeds maxNorm, every gradient is
 * scaled by maxNorm / (norm + 1e-6). Model-file keys {@code gradientClipValue} and
 * {@code gradientClipNorm}; infinity turns a bound off.
 *
 * @param maxNorm > 0, or infinity for none
 * @param maxValue > 0, or infinity for none
 */
public record GradientClipping(double maxNorm, double maxValue) {
    /** No clipping: both bounds infinite. */
    public static final GradientClipping NONE = new GradientClipping(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

    /**
     * Checks the bounds.
     *
     * @param maxNorm the largest global L2 norm of the gradients, &gt; 0, or infinity for none
     * @param maxValue the largest absolute value of a gradient value, &gt; 0, or infinity for none
     * @throws IllegalArgumentException if a bound is not &gt; 0 (or is NaN)
     */
    public GradientClipping {
        if (!(maxNorm > 0) || !(maxValue > 0)) {
            throw new IllegalArgumentException("gradient clipping bounds must be > 0; got gradientClipNorm " + maxNorm
                    + " and gradientClipValue " + maxValue + ".");
        }
    }

    /**
     * Clips the gradients of {@code parameters} in place; allocates nothing.
     *
     * @param parameters the model's parameters; the gradients of trainable ones are modified, the
     *     others are left alone
     */
    public void apply(List<Parameter> parameters) {
        if (Double.isFinite(maxValue)) {
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i);
                if (p.trainable()) {
                    Tensor g = p.gradient();
                    for (int j = 0, n = g.size(); j < n; j++) {
                        g.set(j, Math.max(-maxValue, Math.min(maxValue, g.get(j))));
                    }
                }
            }
        }
        if (Double.isFinite(maxNorm)) {
            double sum = 0;
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i);
                if (p.trainable()) {
                    Tensor g = p.gradient();
                    for (int j = 0, n = g.size(); j < n; j++) {
                        sum += g.get(j) * g.get(j);
                    }
                }
            }
            double scale = maxNorm / (Math.sqrt(sum) + 1e-6);
            if (scale < 1) {
                for (int i = 0; i < parameters.size(); i++) {
                    Parameter p = parameters.get(i);
                    if (p.trainable()) {
                        Tensor g = p.gradient();
                        for (int j = 0, n = g.size(); j < n; j++) {
                            g.set(j, g.get(j) * scale);
                        }
                    }
                }
            }
        }
    }

    /**
     * Whether clipping does nothing, so that the trainer may update during the backward pass.
     *
     * @return {@code true} if both bounds are infinite
     */
    public boolean isOff() {
        return Double.isInfinite(maxNorm) && Double.isInfinite(maxValue);
    }
}
