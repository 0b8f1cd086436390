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
 */
public record EpochResult(int epoch, double trainLoss, Evaluation test, double seconds, double samplesPerSecond) {
}
