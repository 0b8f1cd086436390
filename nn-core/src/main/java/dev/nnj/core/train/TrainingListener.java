package dev.nnj.core.train;

import java.util.List;

/**
 * Hears what the {@link Trainer} does, in this order: {@code onTrainingStart}, then per epoch
 * {@code onEpochStart}, {@code onBatchEnd} per batch, {@code onEpochEnd}; last
 * {@code onTrainingEnd}. Listeners are called in the order they were added. {@code onBatchEnd}
 * takes primitives so that it can be called on every step without allocating.
 */
public interface TrainingListener {

    /**
     * Called once, before the first epoch of {@link Trainer#fit}.
     *
     * @param epochs the last epoch to train (of the options; a resumed run starts later)
     * @param batchesPerEpoch the number of batches, and so of steps, per epoch
     */
    default void onTrainingStart(int epochs, int batchesPerEpoch) {
    }

    /**
     * Called before the first batch of an epoch, after the schedule has set the learning rate.
     *
     * @param epoch 1-based
     */
    default void onEpochStart(int epoch) {
    }

    /**
     * Called after every optimizer step; must not allocate if training is not to.
     *
     * @param epoch 1-based
     * @param batch 1-based
     * @param loss the batch's mean loss
     */
    default void onBatchEnd(int epoch, int batch, double loss) {
    }

    /**
     * Called after an epoch's evaluation; then {@link #shouldStop()} is asked.
     *
     * @param result the epoch's losses, metrics and timing
     */
    default void onEpochEnd(EpochResult result) {
    }

    /**
     * Called once, after the last epoch trained (the last of the options, or the one after which
     * a listener asked to stop).
     *
     * @param history one result per epoch trained in this run; unmodifiable
     */
    default void onTrainingEnd(List<EpochResult> history) {
    }

    /**
     * Whether to stop training; the default never asks to.
     *
     * @return true to end training after the current epoch (asked after {@code onEpochEnd})
     */
    default boolean shouldStop() {
        return false;
    }
}
