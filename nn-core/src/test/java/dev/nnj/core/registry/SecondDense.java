package dev.nnj.core.registry;

import dev.nnj.api.spi.LayerProvider;
import dev.nnj.api.spi.NnExtension;
import dev.nnj.core.layer.DenseProvider;
import java.util.List;

/** A second provider of the reserved id 'dense', as a conflicting jar would bring. */
public final class SecondDense implements NnExtension {
    @Override
    public List<LayerProvider> layers() {
        return List.of(new DenseProvider());
    }
}
