package dev.nnj.optim.schedule;

import dev.nnj.api.Schedule;

/** {@code exponential}: lr = base·γ^(e - 1), as PyTorch's {@code ExponentialLR}. Key {@code gamma}. */
public record ExponentialSchedule(double gamma) implements Schedule {
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
