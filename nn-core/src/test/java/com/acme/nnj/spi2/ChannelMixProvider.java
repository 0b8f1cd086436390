package com.acme.nnj.spi2;

import dev.nnj.api.Activation;
import dev.nnj.api.Initializer;
import dev.nnj.api.Layer;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.LayerProvider;
import dev.nnj.api.spi.MapConfig;

/**
 * {@code acme.channel-mix} ({@link ChannelMix}): keys {@code filters} (required, >= 1),
 * {@code momentum} (0.1, in [0, 1]) and {@code weightInit} (default: what the activation prefers,
 * else {@code xavier-uniform}). The products run on the kernels of the user's backend.
 */
public final class ChannelMixProvider implements LayerProvider {
    @Override
    public String type() {
        return "acme.channel-mix";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        int filters = config.requireInt("filters");
        if (filters < 1) {
            throw config.invalid("filters", "an integer >= 1");
        }
        double momentum = config.getDouble("momentum", 0.1);
        if (!(momentum >= 0 && momentum <= 1)) {
            throw config.invalid("momentum", "a number in [0, 1] (the weight of each batch in running_rms)");
        }
        ChannelMix layer = new ChannelMix(context.inputShape(), filters, momentum, context.kernels());
        String preferred = config.getComponent("activation").map(context::activation)
                .flatMap(Activation::preferredInitializer).orElse("xavier-uniform");
        Initializer init = context.initializer(config.getComponent("weightInit")
                .orElse(MapConfig.ofSpec(config.path() + ".weightInit", preferred)));
        init.initialize(layer.weight().value(), context.inputShape().dim(0), filters, context.random("weight"));
        return layer;
    }
}
