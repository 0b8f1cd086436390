package dev.nnj.optim;

import dev.nnj.api.spi.NnExtension;
import dev.nnj.api.spi.OptimizerProvider;
import dev.nnj.api.spi.ScheduleProvider;
import java.util.List;

/** nnj's optimizers (sgd, momentum, adam, adamw, rmsprop, adagrad); built against nn-api alone, exactly as a third-party extension would be. */
public final class OptimExtension implements NnExtension {
    /**
     * Creates the extension; {@link java.util.ServiceLoader} calls this through
     * {@code META-INF/services/dev.nnj.api.spi.NnExtension}. It holds no state: each getter returns
     * new providers.
     */
    public OptimExtension() {
    }

    @Override
    public List<OptimizerProvider> optimizers() {
        List<OptimizerProvider> all = new java.util.ArrayList<>(List.of(SgdProvider.sgd(), SgdProvider.momentum()));
        all.addAll(AdaptiveProviders.all());
        return List.copyOf(all);
    }

    @Override
    public List<ScheduleProvider> schedules() {
        return ScheduleProviders.all();
    }
}
