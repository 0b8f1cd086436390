package dev.nnj.api;

/**
 * A learning-rate schedule, applied once per epoch: before epoch e the trainer sets the optimizer's
 * learning rate to {@code learningRate(e, base)}, where base is the rate the optimizer was built
 * with; after the epoch it reports the monitored loss (the validation loss, else the test loss,
 * else the training loss).
 */
@Spi
public interface Schedule {

    /**
     * Called before each epoch.
     *
     * @param epoch the epoch about to start, counted from 1
     * @param baseLearningRate the optimizer's configured learning rate
     * @return the learning rate for that epoch, > 0
     */
    double learningRate(int epoch, double baseLearningRate);

    /**
     * Hears the monitored loss after an epoch; schedules that react to it (reduce-on-plateau)
     * override this. The default ignores it.
     *
     * @param epoch the epoch that has just ended, counted from 1
     * @param monitoredLoss the loss the trainer watches after that epoch: the validation loss, else
     *     the mean training loss (nnj's trainer never watches the test loss)
     */
    default void onEpochEnd(int epoch, double monitoredLoss) {
    }
}
