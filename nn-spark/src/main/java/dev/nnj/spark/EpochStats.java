package dev.nnj.spark;

import java.util.Locale;

/**
 * What one epoch of distributed training cost, so that users can see whether the cluster helps.
 *
 * @param epoch from 1
 * @param trainLoss the mean training loss over the epoch's examples
 * @param seconds the epoch's wall time on the driver
 * @param sparkSeconds wall time in broadcasts and Spark jobs (the rest is the driver's own work:
 *     drawing batches, the optimizer step in synchronous mode, averaging)
 * @param computeSeconds of {@code sparkSeconds}, the part the executors spent in nnj's forward and
 *     backward passes, on the critical path: the slowest partition of each job, or the partitions'
 *     sum divided by the task slots where there are more partitions than slots
 * @param samplesPerSecond training examples per second of wall time
 */
public record EpochStats(int epoch, double trainLoss, double seconds, double sparkSeconds, double computeSeconds,
        double samplesPerSecond) {

    /**
     * The epoch's cost of distribution.
     *
     * @return Spark time not spent computing: broadcasting parameters, scheduling tasks, and summing or
     *     collecting results
     */
    public double exchangeSeconds() {
        return Math.max(0, sparkSeconds - computeSeconds);
    }

    /**
     * How much of the epoch went to distribution rather than computing.
     *
     * @return {@link #exchangeSeconds()} as a share of the epoch's wall time, in [0, 1]
     */
    public double exchangeShare() {
        return seconds == 0 ? 0 : Math.min(1, exchangeSeconds() / seconds);
    }

    /**
     * The epoch as {@code SparkMain} prints it.
     *
     * @return one line: epoch, loss, time, its split, throughput
     */
    public String describe() {
        return String.format(Locale.ROOT, "epoch %d  train loss %.4f  %.2f s (compute %.2f s, exchange %.2f s = %.0f%%, "
                + "driver %.2f s)  %,.0f samples/s", epoch, trainLoss, seconds, computeSeconds, exchangeSeconds(),
                100 * exchangeShare(), Math.max(0, seconds - sparkSeconds), samplesPerSecond);
    }
}
