package dev.nnj.optim.schedule;

import dev.nnj.api.Schedule;

/**
 * {@code cosine}: lr = ηmin + (base - ηmin)·(1 + cos(π·t/T))/2 with t = e - 1, as PyTorch's
 * {@code CosineAnnealingLR} (closed form, T = {@code tMax}); with {@code restarts}, as
 * {@code CosineAnnealingWarmRestarts}: t counts from 0 again after each cycle, the first of
 * {@code tMax} epochs, each next {@code tMult} times longer. Keys {@code tMax}, {@code etaMin} (0),
 * {@code restarts} (false), {@code tMult} (1).
 *
 * @param tMax T, the epochs of one (the first) cycle
 * @param etaMin ηmin, the lowest learning rate
 * @param restarts whether the rate restarts at base after each cycle
 * @param tMult how many times longer each cycle is than the one before (with restarts)
 */
public record CosineSchedule(int tMax, double etaMin, boolean restarts, int tMult) implements Schedule {
    /**
     * Checks the settings.
     *
     * @param tMax T, the epochs of one (the first) cycle, &gt;= 1
     * @param etaMin ηmin, the lowest learning rate, &gt;= 0
     * @param restarts whether the rate restarts at base after each cycle
     * @param tMult how many times longer each cycle is than the one before, &gt;= 1
     * @throws IllegalArgumentException naming the values and the allowed ranges
     */
    public CosineSchedule {
        if (tMax < 1 || etaMin < 0 || tMult < 1) {
            throw new IllegalArgumentException("cosine: tMax and tMult must be >= 1 and etaMin >= 0; got " + tMax
                    + ", " + tMult + " and " + etaMin + ".");
        }
    }

    @Override
    public double learningRate(int epoch, double base) {
        long t = epoch - 1;
        long period = tMax;
        if (restarts) {
            while (t >= period) {
                t -= period;
                period *= tMult;
            }
        }
        return etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * t / period)) / 2;
    }
}
