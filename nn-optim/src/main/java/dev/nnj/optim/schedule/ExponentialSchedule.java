package dev.nnj.optim.schedule;

import dev.nnj.api.Schedule;

/**
 * {@code exponential}: lr = base·γ^(e - 1), as PyTorch's {@code ExponentialLR}. Key {@code gamma}.
 *
 * @param gamma γ, the factor per epoch
 */
public record ExponentialSchedule(double gamma) implements Schedule {
    /**
     * Checks the factor.
     *
     * @param gamma γ, the factor per epoch, &gt; 0 (below 1 to decay)
     * @throws IllegalArgumentException if {@code gamma} is not &gt; 0
     */
    public ExponentialSchedule {
        if (!(gamma > 0)) {
            throw new IllegalArgumentException("exponential: gamma must be > 0; got " + gamma + ".");
        }
    }

    @Override
    public double learningRate(int epoch, double base) {
        return base * Math.pow(gamma, epoch - 1);
    }
}
