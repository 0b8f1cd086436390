package dev.nnj.api;

/**
 * A learning-rate schedule, applied once per epoch: before epoch e the trainer sets the optimizer's
 * learning rate to {@code learningRate(e, base)}, where base is the rate the optimizer was built
 * with; after the epoch it reports the monitored loss (the test loss, else the training loss).
 */
@Spi
public interface Schedule {

    /**
     * @param epoch 1-based
     * @param baseLearningRate the optimizer's configured learning rate
     * @return the learning rate for that epoch, > 0
     */
    double learningRate(int epoch, double baseLearningRate);

    /** Hears the monitored loss after an epoch; schedules that react to it (reduce-on-plateau) override this. */
    default void onEpochEnd(int epoch, double monitoredLoss) {
    }
}
