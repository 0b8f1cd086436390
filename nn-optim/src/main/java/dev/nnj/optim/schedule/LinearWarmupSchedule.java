package dev.nnj.optim.schedule;

import dev.nnj.api.Schedule;

/**
 * {@code linear-warmup}: lr = base·(s + (f - s)·min(e - 1, n)/n), as PyTorch's {@code LinearLR}
 * (s = {@code startFactor}, default 1/3; f = {@code endFactor}, default 1; n = {@code warmupEpochs},
 * default 5).
 *
 * @param startFactor s, the fraction of the base rate in the first epoch
 * @param endFactor f, the fraction of the base rate from epoch n + 1 on
 * @param warmupEpochs n, the epochs over which the factor moves from s to f
 */
public record LinearWarmupSchedule(double startFactor, double endFactor, int warmupEpochs) implements Schedule {
    /**
     * Checks the settings.
     *
     * @param startFactor s, the fraction of the base rate in the first epoch, &gt; 0
     * @param endFactor f, the fraction of the base rate from epoch n + 1 on, &gt; 0
     * @param warmupEpochs n, &gt;= 1
     * @throws IllegalArgumentException naming the values and the allowed ranges
     */
    public LinearWarmupSchedule {
        if (!(startFactor > 0) || !(endFactor > 0) || warmupEpochs < 1) {
            throw new IllegalArgumentException("linear-warmup: factors must be > 0 and warmupEpochs >= 1; got "
                    + startFactor + ", " + endFactor + " and " + warmupEpochs + ".");
        }
    }

    @Override
    public double learningRate(int epoch, double base) {
        return base * (startFactor + (endFactor - startFactor) * Math.min(epoch - 1, warmupEpochs) / warmupEpochs);
    }
}
