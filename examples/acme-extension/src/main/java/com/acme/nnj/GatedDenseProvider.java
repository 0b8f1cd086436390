package com.acme.nnj;

import dev.nnj.api.Layer;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.LayerProvider;
import java.util.random.RandomGenerator;

/**
 * {@code acme.gated-dense}: key {@code units} (required, >= 1). Both weight matrices start
 * Glorot-uniform, each from its own seeded stream; biases start at zero.
 */
public final class GatedDenseProvider implements LayerProvider {
    @Override
    public String type() {
        return "acme.gated-dense";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        int units = config.requireInt("units");
        if (units < 1) {
            throw config.invalid("units", "an integer >= 1");
        }
        int inputs = context.inputShape().size();
        GatedDense layer = new GatedDense(inputs, units);
        double limit = Math.sqrt(6.0 / (inputs + units));
        fill(layer.weight().value().data(), limit, context.random("weight"));
        fill(layer.gateWeight().value().data(), limit, context.random("gate_weight"));
        return layer;
    }

    private static void fill(double[] values, double limit, RandomGenerator random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * random.nextDouble() - 1) * limit;
        }
    }
}
