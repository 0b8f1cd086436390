package dev.nnj.core.train;

import java.util.List;

/**
 * Hears what the {@link Trainer} does, in this order: {@code onTrainingStart}, then per epoch
 * {@code onEpochStart}, {@code onBatchEnd} per batch, {@code onEpochEnd}; last
 * {@code onTrainingEnd}. Listeners are called in the order they were added. {@code onBatchEnd}
 * takes primitives so that it can be called on every step without allocating.
 */
public interface TrainingListener {

    default void onTrainingStart(int epochs, int batchesPerEpoch) {
    }

    /** @param epoch 1-based */
    default void onEpochStart(int epoch) {
    }

    /**
     * @param epoch 1-based
     * @param batch 1-based
     * @param loss the batch's mean loss
     */
    default void onBatchEnd(int epoch, int batch, double loss) {
    }

    default void onEpochEnd(EpochResult result) {
    }

    default void onTrainingEnd(List<EpochResult> history) {
    }

    /** @return true to end training after the current epoch (asked after {@code onEpochEnd}) */
    default boolean shouldStop() {
        return false;
    }
}
