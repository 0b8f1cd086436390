package dev.nnj.api;

/**
 * Compares a batch of predictions with targets. Score and gradient come from one call, so fused
 * losses (softmax + cross-entropy on logits) compute both from the same intermediate values.
 */
@Spi
public interface Loss {

    /**
     * Scores a batch and, if asked, computes the gradient of that score.
     *
     * @param prediction [batch, n] the model's output; not modified
     * @param target [batch, n] targets (one-hot rows for classification losses); not modified
     * @param gradient [batch, n] dL/dPrediction of the returned score; overwritten; may be
     *     {@code null} when only the score is wanted
     * @return the score, reduced over the batch as the loss documents (usually the mean)
     * @throws ShapeMismatchException if {@code target} (or {@code gradient}) does not have the shape
     *     of {@code prediction}
     */
    double compute(Tensor prediction, Tensor target, Tensor gradient);

    /**
     * Whether targets are classes (one-hot rows) and accuracy is meaningful. Regression losses
     * return {@code false}.
     *
     * @return {@code true} if the targets are one-hot class rows; {@code false} by default
     */
    default boolean isClassification() {
        return false;
    }

    /**
     * Whether the loss applies its own output function (softmax, sigmoid) to the prediction, so the
     * model's last layer must produce raw scores (logits) without that function.
     *
     * @return {@code true} if predictions are logits; {@code false} by default
     */
    default boolean takesLogits() {
        return false;
    }
}
