package dev.nnj.optim.schedule;

import dev.nnj.api.Schedule;

/**
 * {@code reduce-on-plateau}, as PyTorch's {@code ReduceLROnPlateau} (mode min, relative threshold):
 * when the monitored loss has not fallen below best·(1 - threshold) for more than {@code patience}
 * epochs, the rate is multiplied by {@code factor} (not below {@code minLearningRate}), then
 * {@code cooldown} epochs pass before counting again. Keys {@code factor} (0.1), {@code patience}
 * (10), {@code threshold} (1e-4), {@code cooldown} (0), {@code minLearningRate} (0).
 */
public final class ReduceOnPlateau implements Schedule {
    private final double factor;
    private final int patience;
    private final double threshold;
    private final int cooldown;
    private final double minLearningRate;
    private double scale = 1.0;
    private double best = Double.POSITIVE_INFINITY;
    private int badEpochs;
    private int cooldownLeft;

    /**
     * A schedule that starts at the base rate and lowers it on plateaus; it keeps state, so one
     * instance serves one training run.
     *
     * @param factor the multiplier applied on a plateau, in (0, 1)
     * @param patience epochs without improvement that are tolerated, &gt;= 0
     * @param threshold the relative improvement that counts, &gt;= 0
     * @param cooldown epochs after a reduction during which no epoch counts as bad, &gt;= 0
     * @param minLearningRate the floor of the rate, &gt;= 0
     * @throws IllegalArgumentException naming the values and the allowed ranges
     */
    public ReduceOnPlateau(double factor, int patience, double threshold, int cooldown, double minLearningRate) {
        if (!(factor > 0 && factor < 1) || patience < 0 || threshold < 0 || cooldown < 0 || minLearningRate < 0) {
            throw new IllegalArgumentException("reduce-on-plateau: factor must be in (0, 1), patience, threshold, "
                    + "cooldown and minLearningRate >= 0; got " + factor + ", " + patience + ", " + threshold + ", "
                    + cooldown + ", " + minLearningRate + ".");
        }
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.minLearningRate = minLearningRate;
    }

    @Override
    public double learningRate(int epoch, double base) {
        return Math.max(base * scale, minLearningRate);
    }

    /** The scale is applied to the base rate; the minimum is applied in {@link #learningRate}. */
    @Override
    public void onEpochEnd(int epoch, double monitoredLoss) {
        if (monitoredLoss < best * (1 - threshold)) {
            best = monitoredLoss;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEpochs = 0;
        }
        if (badEpochs > patience) {
            scale *= factor;
            cooldownLeft = cooldown;
            badEpochs = 0;
        }
    }
}
