package dev.nnj.core.layer;

import dev.nnj.api.Layer;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.LayerProvider;

/** {@code normalization} ({@link Normalization}): no keys; it learns its statistics from the training data. */
public final class NormalizationProvider implements LayerProvider {

    /** The provider of {@code normalization}, which {@link dev.nnj.core.CoreExtension} registers; stateless. */
    public NormalizationProvider() {
    }

    @Override
    public String type() {
        return "normalization";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        return new Normalization(context.inputShape(), context.dtype());
    }
}
