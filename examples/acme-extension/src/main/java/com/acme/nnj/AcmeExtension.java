package com.acme.nnj;

import dev.nnj.api.spi.ActivationProvider;
import dev.nnj.api.spi.LayerProvider;
import dev.nnj.api.spi.NnExtension;
import dev.nnj.api.spi.OptimizerProvider;
import java.util.List;

/** ACME's nnj extension, listed in {@code META-INF/services/dev.nnj.api.spi.NnExtension}. */
public final class AcmeExtension implements NnExtension {
    @Override
    public List<LayerProvider> layers() {
        return List.of(new GatedDenseProvider());
    }

    @Override
    public List<ActivationProvider> activations() {
        return List.of(new SwishProvider());
    }

    @Override
    public List<OptimizerProvider> optimizers() {
        return List.of(new LionProvider());
    }
}
