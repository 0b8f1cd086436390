package com.acme.nnj;

import dev.nnj.api.Optimizer;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.OptimizerProvider;

/** {@code acme.lion}: keys {@code learningRate} (1e-4), {@code beta1} (0.9), {@code beta2} (0.99), {@code weightDecay} (0). */
public final class LionProvider implements OptimizerProvider {
    @Override
    public String type() {
        return "acme.lion";
    }

    @Override
    public Optimizer create(Config config, BuildContext context) {
        return new Lion(config.getDouble("learningRate", 1e-4), config.getDouble("beta1", 0.9),
                config.getDouble("beta2", 0.99), config.getDouble("weightDecay", 0.0));
    }
}
