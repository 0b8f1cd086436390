package dev.nnj.core.train;

import dev.nnj.api.DataException;

/**
 * How to train.
 *
 * @param epochs passes over the training data, >= 1
 * @param batchSize examples per step, >= 1 (the last batch of an epoch may be shorter)
 * @param seed the root seed of the data order (each epoch's order is drawn from its own stream)
 * @param dropLast whether an epoch skips its last batch when that is shorter than {@code batchSize}
 *     (PyTorch's {@code DataLoader(drop_last=True)}); model-file key {@code dropLast}
 */
public record TrainingOptions(int epochs, int batchSize, long seed, boolean dropLast) {
    /**
     * Checks the settings.
     *
     * @param epochs passes over the training data, &gt;= 1
     * @param batchSize examples per step, &gt;= 1
     * @param seed the root seed of the data order
     * @param dropLast whether an epoch skips a last batch shorter than {@code batchSize}
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

    /**
     * Options that train on every example, the last batch of an epoch possibly shorter.
     *
     * @param epochs passes over the training data, &gt;= 1
     * @param batchSize examples per step, &gt;= 1
     * @param seed the root seed of the data order
     * @throws IllegalArgumentException if {@code epochs} or {@code batchSize} is below 1
     */
    public TrainingOptions(int epochs, int batchSize, long seed) {
        this(epochs, batchSize, seed, false);
    }

    /**
     * The steps of one epoch.
     *
     * @param examples the training examples, &gt;= 0
     * @return {@code examples / batchSize} rounded up, or down with {@code dropLast}
     * @throws DataException if {@code dropLast} is on and the examples (at least one) make no full
     *     batch, so that an epoch would train nothing
     */
    public int batches(long examples) {
        if (dropLast && examples > 0 && examples < batchSize) {
            throw new DataException("dropLast is on and the " + examples + " training examples make no full batch of "
                    + batchSize + ": an epoch would train nothing. Lower batchSize to at most " + examples
                    + " or turn dropLast off.");
        }
        return (int) (dropLast ? examples / batchSize : (examples + batchSize - 1) / batchSize);
    }

    /**
     * The examples one epoch trains on, over which its loss and accuracy are averaged.
     *
     * @param examples the training examples, &gt;= 0
     * @return {@code examples}, or with {@code dropLast} those of the full batches
     * @throws DataException as {@link #batches(long)}
     */
    public long trainedExamples(long examples) {
        return dropLast ? (long) batches(examples) * batchSize : examples;
    }
}
