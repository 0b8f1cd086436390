package dev.nnj.core.layer;

import dev.nnj.api.Layer;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.LayerProvider;

/** {@code batch-norm} ({@link BatchNorm}): keys {@code momentum} (0.1, in [0, 1]) and {@code eps} (1e-5, &gt; 0). */
public final class BatchNormProvider implements LayerProvider {

    /** The provider of {@code batch-norm}, which {@link dev.nnj.core.CoreExtension} registers; stateless. */
    public BatchNormProvider() {
    }

    @Override
    public String type() {
        return "batch-norm";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        double momentum = config.getDouble("momentum", 0.1);
        if (!(momentum >= 0 && momentum <= 1)) {
            throw config.invalid("momentum", "a number in [0, 1] (the weight of each batch in the running statistics)");
        }
        double eps = config.getDouble("eps", 1e-5);
        if (!(eps > 0)) {
            throw config.invalid("eps", "a number > 0");
        }
        return new BatchNorm(context.inputShape(), momentum, eps, context.dtype());
    }
}
