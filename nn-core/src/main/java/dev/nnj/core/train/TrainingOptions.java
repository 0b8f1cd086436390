package dev.nnj.core.train;

/**
 * How to train.
 *
 * @param epochs passes over the training data, >= 1
 * @param batchSize examples per step, >= 1 (the last batch of an epoch may be shorter)
 * @param seed the root seed of the data order (each epoch's order is drawn from its own stream)
 */
public record TrainingOptions(int epochs, int batchSize, long seed) {
    /**
     * Checks the settings.
     *
     * @param epochs passes over the training data, &gt;= 1
     * @param batchSize examples per step, &gt;= 1
     * @param seed the root seed of the data order
     * @throws IllegalArgumentException if {@code epochs} or {@code batchSize} is below 1
     */
    public TrainingOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1; got " + epochs + ".");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1; got " + batchSize + ".");
        }
    }
}
