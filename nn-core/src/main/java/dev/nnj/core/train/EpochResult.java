package dev.nnj.core.train;

import dev.nnj.core.eval.Evaluation;

/**
 * What one epoch achieved.
 *
 * @param epoch 1-based
 * @param trainLoss the mean loss per example over the epoch's batches, as seen during training
 * @param test the evaluation on the test data after the epoch, or {@code null} without test data
 * @param seconds wall time of the epoch's training steps (evaluation excluded)
 * @param samplesPerSecond training examples per second in this epoch
 * @param validation the evaluation on held-out training data, or {@code null} without a validation split
 * @param trainAccuracy the fraction of the training examples classified correctly as seen during
 *     training, like {@code trainLoss}: each batch before its step, in training mode (dropout on);
 *     NaN for regression
 */
public record EpochResult(int epoch, double trainLoss, Evaluation test, double seconds, double samplesPerSecond,
        Evaluation validation, double trainAccuracy) {

    /**
     * A result without a validation split.
     *
     * @param epoch 1-based
     * @param trainLoss the mean loss per example over the epoch's batches, as seen during training
     * @param test the evaluation on the test data after the epoch, or {@code null} without test data
     * @param seconds wall time of the epoch's training steps (evaluation excluded)
     * @param samplesPerSecond training examples per second in this epoch
     */
    public EpochResult(int epoch, double trainLoss, Evaluation test, double seconds, double samplesPerSecond) {
        this(epoch, trainLoss, test, seconds, samplesPerSecond, null);
    }

    /**
     * A result without the training accuracy (NaN), as 0.1 built it.
     *
     * @param epoch 1-based
     * @param trainLoss the mean loss per example over the epoch's batches, as seen during training
     * @param test the evaluation on the test data after the epoch, or {@code null} without test data
     * @param seconds wall time of the epoch's training steps (evaluation excluded)
     * @param samplesPerSecond training examples per second in this epoch
     * @param validation the evaluation on held-out training data, or {@code null} without a validation split
     */
    public EpochResult(int epoch, double trainLoss, Evaluation test, double seconds, double samplesPerSecond,
            Evaluation validation) {
        this(epoch, trainLoss, test, seconds, samplesPerSecond, validation, Double.NaN);
    }

    /**
     * The loss that decides whether this epoch improved on the earlier ones.
     *
     * @return the loss that early stopping, schedules and the best checkpoint watch: the validation
     *     loss, else the training loss; never the test loss, so that no choice is made on the test
     *     set (nnj's command line holds out part of the training data when something watches)
     */
    public double monitoredLoss() {
        return validation != null ? validation.loss() : trainLoss;
    }
}
