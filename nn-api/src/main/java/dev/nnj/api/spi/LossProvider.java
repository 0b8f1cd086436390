package dev.nnj.api.spi;

import dev.nnj.api.Loss;
import dev.nnj.api.Spi;

/** Creates {@link Loss}s; listed by {@link NnExtension#losss()}. */
@Spi
public interface LossProvider extends ComponentProvider<Loss> {
}
