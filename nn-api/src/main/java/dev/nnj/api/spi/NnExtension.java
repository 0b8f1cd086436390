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
 *
 * <p>Discovery is strict: a {@code null} provider in a list, a malformed id, an id without a dot
 * from outside nnj, or an id that another extension of the same kind registers fails start-up with
 * an {@link dev.nnj.api.ExtensionException} that names the extension classes and their jars.
 */
@Spi
public interface NnExtension {

    /**
     * The layer types this extension contributes.
     *
     * @return the providers of layers; empty by default
     */
    default List<LayerProvider> layers() {
        return List.of();
    }

    /**
     * The activation functions this extension contributes.
     *
     * @return the providers of activations; empty by default
     */
    default List<ActivationProvider> activations() {
        return List.of();
    }

    /**
     * The losses this extension contributes.
     *
     * @return the providers of losses; empty by default
     */
    default List<LossProvider> losses() {
        return List.of();
    }

    /**
     * The optimizers this extension contributes.
     *
     * @return the providers of optimizers; empty by default
     */
    default List<OptimizerProvider> optimizers() {
        return List.of();
    }

    /**
     * The weight initialisers this extension contributes.
     *
     * @return the providers of initialisers; empty by default
     */
    default List<InitializerProvider> initializers() {
        return List.of();
    }

    /**
     * The learning-rate schedules this extension contributes.
     *
     * @return the providers of schedules; empty by default
     */
    default List<ScheduleProvider> schedules() {
        return List.of();
    }
}
