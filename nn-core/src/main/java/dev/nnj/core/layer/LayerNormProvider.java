package dev.nnj.core.layer;

import dev.nnj.api.Layer;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.LayerProvider;

/** {@code layer-norm} ({@link LayerNorm}): key {@code eps} (1e-5, &gt; 0). */
public final class LayerNormProvider implements LayerProvider {

    /** The provider of {@code layer-norm}, which {@link dev.nnj.core.CoreExtension} registers; stateless. */
    public LayerNormProvider() {
    }

    @Override
    public String type() {
        return "layer-norm";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        double eps = config.getDouble("eps", 1e-5);
        if (!(eps > 0)) {
            throw config.invalid("eps", "a number > 0");
        }
        return new LayerNorm(context.inputShape(), eps, context.dtype());
    }
}
