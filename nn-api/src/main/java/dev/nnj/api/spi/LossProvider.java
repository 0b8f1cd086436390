package dev.nnj.api.spi;

import dev.nnj.api.Loss;
import dev.nnj.api.Spi;

/** Creates {@link Loss}es; listed by {@link NnExtension#losses()}. */
@Spi
public interface LossProvider extends ComponentProvider<Loss> {
}
