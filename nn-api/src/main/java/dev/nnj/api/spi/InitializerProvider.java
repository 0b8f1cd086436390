package dev.nnj.api.spi;

import dev.nnj.api.Initializer;
import dev.nnj.api.Spi;

/** Creates {@link Initializer}s; listed by {@link NnExtension#initializers()}. */
@Spi
public interface InitializerProvider extends ComponentProvider<Initializer> {
}
