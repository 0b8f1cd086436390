package dev.nnj.optim;

import dev.nnj.api.Schedule;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.ScheduleProvider;
import dev.nnj.optim.schedule.CosineSchedule;
import dev.nnj.optim.schedule.ExponentialSchedule;
import dev.nnj.optim.schedule.LinearWarmupSchedule;
import dev.nnj.optim.schedule.ReduceOnPlateau;
import dev.nnj.optim.schedule.StepSchedule;
import java.util.List;
import java.util.function.Function;

/** Providers of the learning-rate schedules; keys as in each schedule's Javadoc. */
final class ScheduleProviders {
    private ScheduleProviders() {
    }

    static List<ScheduleProvider> all() {
        return List.of(
                provider("step", c -> new StepSchedule(c.requireInt("stepSize"), c.getDouble("gamma", 0.1))),
                provider("exponential", c -> new ExponentialSchedule(c.requireDouble("gamma"))),
                provider("cosine", c -> new CosineSchedule(c.requireInt("tMax"), c.getDouble("etaMin", 0),
                        c.getBoolean("restarts", false), c.getInt("tMult", 1))),
                provider("linear-warmup", c -> new LinearWarmupSchedule(c.getDouble("startFactor", 1.0 / 3),
                        c.getDouble("endFactor", 1.0), c.getInt("warmupEpochs", 5))),
                provider("reduce-on-plateau", c -> new ReduceOnPlateau(c.getDouble("factor", 0.1),
                        c.getInt("patience", 10), c.getDouble("threshold", 1e-4), c.getInt("cooldown", 0),
                        c.getDouble("minLearningRate", 0))));
    }

    private static ScheduleProvider provider(String type, Function<Config, Schedule> factory) {
        return new ScheduleProvider() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Schedule create(Config config, BuildContext context) {
                return factory.apply(config);
            }
        };
    }
}
