package dev.nnj.core.layer;

import dev.nnj.api.Activation;
import dev.nnj.api.Initializer;
import dev.nnj.api.Layer;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.LayerProvider;
import dev.nnj.core.math.Kernels;

/**
 * {@code dense}: keys {@code units} (required, >= 1), {@code weightInit} (default: what the activation
 * prefers ({@link Activation#preferredInitializer()}, {@code he-uniform} for the ReLU family), else
 * {@code xavier-uniform}), {@code biasInit} (default
 * {@code zeros}). The {@code activation} key is handled by the model assembler.
 */
public final class DenseProvider implements LayerProvider {
    /**
     * The provider of {@code dense}, which {@link dev.nnj.core.CoreExtension} registers. It holds no
     * state, so one instance serves every model.
     */
    public DenseProvider() {
    }

    @Override
    public String type() {
        return "dense";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        int units = config.requireInt("units");
        if (units < 1) {
            throw config.invalid("units", "an integer >= 1");
        }
        int inputs = context.inputShape().size();
        Initializer weightInit = LayerInit.weight(config, context);
        Initializer biasInit = LayerInit.bias(config, context);

        DenseLayer layer = new DenseLayer(inputs, units,
                context.service(Kernels.class).orElseGet(Kernels::defaultKernels), context.dtype());
        LayerInit.initialize(weightInit, layer.weight().value(), inputs, units, context.random("weight"));
        LayerInit.initialize(biasInit, layer.bias().value(), inputs, units, context.random("bias"));
        return layer;
    }
}
