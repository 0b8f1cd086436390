package dev.nnj.optim.schedule;

import dev.nnj.api.Schedule;

/**
 * {@code linear-warmup}: lr = base·(s + (f - s)·min(e - 1, n)/n), as PyTorch's {@code LinearLR}
 * (s = {@code startFactor}, default 1/3; f = {@code endFactor}, default 1; n = {@code warmupEpochs},
 * default 5).
 */
public record LinearWarmupSchedule(double startFactor, double endFactor, int warmupEpochs) implements Schedule {
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
