package dev.nnj.api.spi;

import dev.nnj.api.Layer;
import dev.nnj.api.Spi;

/** Creates {@link Layer}s; listed by {@link NnExtension#layers()}. */
@Spi
public interface LayerProvider extends ComponentProvider<Layer> {
}
