package com.acme.nnj;

import dev.nnj.api.Activation;
import dev.nnj.api.spi.ActivationProvider;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.Config;

/** {@code acme.swish}: key {@code beta} (default 1, i.e. SiLU). */
public final class SwishProvider implements ActivationProvider {
    @Override
    public String type() {
        return "acme.swish";
    }

    @Override
    public Activation create(Config config, BuildContext context) {
        double beta = config.getDouble("beta", 1.0);
        return new Swish(beta);
    }
}
