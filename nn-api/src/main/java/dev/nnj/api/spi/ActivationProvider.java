package dev.nnj.api.spi;

import dev.nnj.api.Activation;
import dev.nnj.api.Spi;

/** Creates {@link Activation}s; listed by {@link NnExtension#activations()}. */
@Spi
public interface ActivationProvider extends ComponentProvider<Activation> {
}
