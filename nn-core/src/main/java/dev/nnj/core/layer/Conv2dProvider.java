package dev.nnj.core.layer;

import dev.nnj.api.Initializer;
import dev.nnj.api.Layer;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.LayerProvider;

/**
 * {@code conv2d}, on inputs [C, H, W]: keys {@code filters} (required, &gt;= 1), {@code kernel}
 * (required; an integer or [kh, kw]), {@code stride} (default 1; an integer or [sh, sw]),
 * {@code padding} (default 0, zeros; an integer or [ph, pw]), {@code bias} (default {@code true}),
 * {@code weightInit} (default: what the activation prefers, else {@code xavier-uniform}, with fan-in
 * C·kh·kw and fan-out F·kh·kw), {@code biasInit} (default {@code zeros}). The {@code activation} key
 * is handled by the model assembler. The products run on the backend of
 * {@link BuildContext#kernels()}.
 */
public final class Conv2dProvider implements LayerProvider {
    /**
     * The provider of {@code conv2d}, which {@link dev.nnj.core.CoreExtension} registers. It holds no
     * state, so one instance serves every model.
     */
    public Conv2dProvider() {
    }

    @Override
    public String type() {
        return "conv2d";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        int filters = config.requireInt("filters");
        if (filters < 1) {
            throw config.invalid("filters", "an integer >= 1");
        }
        Window2d window = WindowKeys.convolution(config);
        boolean bias = config.getBoolean("bias", true);
        Conv2d layer = new Conv2d(context.inputShape(), filters, window, bias, context.kernels(),
                context.dtype());

        Initializer weightInit = LayerInit.weight(config, context);
        Initializer biasInit = LayerInit.bias(config, context);
        int area = window.kernelHeight() * window.kernelWidth();
        int fanIn = context.inputShape().dim(0) * area;
        int fanOut = filters * area;
        LayerInit.initialize(weightInit, layer.weight().value(), fanIn, fanOut, context.random("weight"));
        layer.bias().ifPresent(
                b -> LayerInit.initialize(biasInit, b.value(), fanIn, fanOut, context.random("bias")));
        return layer;
    }
}
