package dev.nnj.core.layer;

import dev.nnj.api.Layer;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.LayerProvider;

/** {@code dropout}: key {@code rate} (required, in [0, 1)); masks from the layer's own seeded stream. */
public final class DropoutProvider implements LayerProvider {
    /**
     * The provider of {@code dropout}, which {@link dev.nnj.core.CoreExtension} registers. It holds no
     * state, so one instance serves every model.
     */
    public DropoutProvider() {
    }

    @Override
    public String type() {
        return "dropout";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        double rate = config.requireDouble("rate");
        if (!(rate >= 0 && rate < 1)) {
            throw config.invalid("rate", "a number in [0, 1)");
        }
        return new Dropout(context.inputShape().size(), rate, context.dtype());
    }
}
