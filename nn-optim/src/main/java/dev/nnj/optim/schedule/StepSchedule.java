package dev.nnj.optim.schedule;

import dev.nnj.api.Schedule;

/**
 * {@code step}: lr = base·γ^⌊(e - 1)/stepSize⌋, as PyTorch's {@code StepLR}. Keys {@code stepSize},
 * {@code gamma} (0.1).
 *
 * @param stepSize the epochs between two reductions
 * @param gamma γ, the factor of each reduction
 */
public record StepSchedule(int stepSize, double gamma) implements Schedule {
    /**
     * Checks the settings.
     *
     * @param stepSize the epochs between two reductions, &gt;= 1
     * @param gamma γ, the factor of each reduction, &gt; 0
     * @throws IllegalArgumentException naming the values and the allowed ranges
     */
    public StepSchedule {
        if (stepSize < 1 || !(gamma > 0)) {
            throw new IllegalArgumentException("step: stepSize must be >= 1 and gamma > 0; got " + stepSize + " and "
                    + gamma + ".");
        }
    }

    @Override
    public double learningRate(int epoch, double base) {
        return base * Math.pow(gamma, (epoch - 1) / stepSize);
    }
}
