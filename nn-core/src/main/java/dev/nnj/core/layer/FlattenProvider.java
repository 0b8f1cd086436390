package dev.nnj.core.layer;

import dev.nnj.api.Layer;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.LayerProvider;

/** {@code flatten}: no keys; examples of any shape become rows of their values, [C, H, W] to [C·H·W]. */
public final class FlattenProvider implements LayerProvider {
    /**
     * The provider of {@code flatten}, which {@link dev.nnj.core.CoreExtension} registers. It holds no
     * state, so one instance serves every model.
     */
    public FlattenProvider() {
    }

    @Override
    public String type() {
        return "flatten";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        return new Flatten(context.inputShape(), context.dtype());
    }
}
