package dev.nnj.core.layer;

import dev.nnj.api.Layer;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.LayerProvider;

/**
 * {@code max-pool2d}, on inputs [C, H, W], the largest value of each window: keys {@code size}
 * (required; an integer or [kh, kw]), {@code stride} (default: the size; an integer or [sh, sw]),
 * {@code padding} (default 0; an integer or [ph, pw], at most half the size, as PyTorch requires).
 */
public final class MaxPool2dProvider implements LayerProvider {
    /**
     * The provider of {@code max-pool2d}, which {@link dev.nnj.core.CoreExtension} registers. It holds no
     * state, so one instance serves every model.
     */
    public MaxPool2dProvider() {
    }

    @Override
    public String type() {
        return "max-pool2d";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        return new MaxPool2d(context.inputShape(), WindowKeys.pooling(config), context.dtype());
    }
}
