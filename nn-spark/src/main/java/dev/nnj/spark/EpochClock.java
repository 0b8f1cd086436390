package dev.nnj.spark;

/** Times one epoch: the Spark part of each step or round, and the computation inside it. */
final class EpochClock {
    private final long start = System.nanoTime();
    private final int slots;
    private long sparkNanos;
    private double computeNanos;

    /** @param slots how many partitions can run at once: min(partitions, the cluster's task slots) */
    EpochClock(int slots) {
        this.slots = Math.max(1, slots);
    }

    /** @return now, to pass to {@link #sparkDone} when the broadcast and job are over */
    long sparkStart() {
        return System.nanoTime();
    }

    /**
     * @param sparkStart what {@link #sparkStart()} returned
     * @param computeSum the partitions' computing time, summed, in nanoseconds
     * @param computeMax the slowest partition's computing time
     */
    void sparkDone(long sparkStart, double computeSum, double computeMax) {
        sparkNanos += System.nanoTime() - sparkStart;
        computeNanos += Math.max(computeMax, computeSum / slots);
    }

    EpochStats stats(int epoch, double trainLoss, long examples) {
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EpochStats(epoch, trainLoss, seconds, sparkNanos / 1e9, Math.min(computeNanos, sparkNanos) / 1e9,
                examples / seconds);
    }
}
