package dev.nnj.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.Schedule;
import dev.nnj.api.spi.MapConfig;
import dev.nnj.optim.OptimExtension;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each schedule's rate at chosen epochs against the formula of PyTorch's documentation, computed
 * here by hand (epoch e is PyTorch's last_epoch + 1). Tolerance 1e-15 (the same formula).
 */
class ScheduleTest {
    private static final double BASE = 0.1;

    @Test
    void stepDecaysEveryStepSizeEpochs() {
        Schedule s = new StepSchedule(3, 0.5);
        double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025};
        for (int e = 1; e <= 7; e++) {
            assertEquals(expected[e - 1], s.learningRate(e, BASE), 1e-15, "epoch " + e);
        }
    }

    @Test
    void exponentialDecaysEveryEpoch() {
        Schedule s = new ExponentialSchedule(0.9);
        assertEquals(0.1, s.learningRate(1, BASE), 1e-15);
        assertEquals(0.1 * 0.9 * 0.9 * 0.9, s.learningRate(4, BASE), 1e-15);
    }

    @Test
    void cosineAnnealsFromBaseToEtaMin() {
        Schedule s = new CosineSchedule(10, 0.001, false, 1);
        assertEquals(0.1, s.learningRate(1, BASE), 1e-15);
        assertEquals(0.001 + (0.1 - 0.001) * (1 + Math.cos(Math.PI * 5 / 10)) / 2, s.learningRate(6, BASE), 1e-15);
        assertEquals(0.001, s.learningRate(11, BASE), 1e-15);
    }

    @Test
    void cosineWithRestartsStartsEachLongerCycleAgain() {
        Schedule s = new CosineSchedule(2, 0, true, 2);
        // cycles: epochs 1-2 (T = 2), 3-6 (T = 4), 7-14 (T = 8)
        assertEquals(0.1, s.learningRate(1, BASE), 1e-15);
        assertEquals(0.05, s.learningRate(2, BASE), 1e-15);
        assertEquals(0.1, s.learningRate(3, BASE), 1e-15);
        assertEquals(0.1 * (1 + Math.cos(Math.PI * 3 / 4)) / 2, s.learningRate(6, BASE), 1e-15);
        assertEquals(0.1, s.learningRate(7, BASE), 1e-15);
    }

    @Test
    void linearWarmupRampsUpThenHolds() {
        Schedule s = new LinearWarmupSchedule(0.25, 1.0, 4);
        assertEquals(0.025, s.learningRate(1, BASE), 1e-15);
        assertEquals(0.1 * (0.25 + 0.75 * 2 / 4), s.learningRate(3, BASE), 1e-15);
        assertEquals(0.1, s.learningRate(5, BASE), 1e-15);
        assertEquals(0.1, s.learningRate(9, BASE), 1e-15);
    }

    @Test
    void reduceOnPlateauCutsTheRateAfterPatienceRunsOut() {
        ReduceOnPlateau s = new ReduceOnPlateau(0.5, 2, 0.0, 1, 0.01);
        double[] losses = {1.0, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95};
        double[] rates = new double[losses.length];
        for (int e = 1; e <= losses.length; e++) {
            rates[e - 1] = s.learningRate(e, BASE);
            s.onEpochEnd(e, losses[e - 1]);
        }
        // Bad epochs after the best (0.9 at epoch 2): 3, 4, 5 -> the third exceeds patience 2 -> halve
        // for epoch 6; one cooldown epoch (6), then 7, 8, 9 -> halve for epoch 10; the floor is 0.01.
        assertEquals(0.1, rates[4], 0.0);
        assertEquals(0.05, rates[5], 0.0);
        assertEquals(0.05, rates[8], 0.0);
        assertEquals(0.025, rates[9], 0.0);
    }

    @Test
    void providersReadTheirKeys() {
        List<String> ids = new OptimExtension().schedules().stream().map(p -> p.type()).toList();
        assertEquals(List.of("step", "exponential", "cosine", "linear-warmup", "reduce-on-plateau"), ids);
        Schedule step = new OptimExtension().schedules().get(0).create(
                MapConfig.of("optimizer.schedule", "step", "stepSize", 2, "gamma", 0.5), null);
        assertEquals(0.05, step.learningRate(3, BASE), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new StepSchedule(0, 0.5));
    }
}
