package dev.nnj.api.spi;

import dev.nnj.api.Spi;
import java.util.List;

/**
 * The one {@link java.util.ServiceLoader} service of nnj: a jar lists its implementation in
 * {@code META-INF/services/dev.nnj.api.spi.NnExtension} and contributes components through the
 * getters, each empty by default. nnj's own components come in through the same door.
 *
 * <p>Implementations need a public no-argument constructor. An extension that is also a Guice
 * {@code Module} is installed by nnj's Guice module, so it can have collaborators injected.
 */
@Spi
public interface NnExtension {

    default List<LayerProvider> layers() {
        return List.of();
    }

    default List<ActivationProvider> activations() {
        return List.of();
    }

    default List<LossProvider> losses() {
        return List.of();
    }

    default List<OptimizerProvider> optimizers() {
        return List.of();
    }

    default List<InitializerProvider> initializers() {
        return List.of();
    }

    default List<ScheduleProvider> schedules() {
        return List.of();
    }
}
