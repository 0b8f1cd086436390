package dev.nnj.optim;

import dev.nnj.api.Optimizer;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.OptimizerProvider;
import java.util.List;
import java.util.function.Function;

/**
 * Providers of {@code adam}, {@code adamw}, {@code rmsprop} and {@code adagrad}; keys and defaults
 * as PyTorch's arguments, in lowerCamel ({@code learningRate}, {@code beta1}, {@code beta2},
 * {@code epsilon}, {@code weightDecay}, {@code alpha}, {@code momentum}, {@code centered},
 * {@code lrDecay}, {@code initialAccumulatorValue}).
 */
final class AdaptiveProviders {
    private AdaptiveProviders() {
    }

    static List<OptimizerProvider> all() {
        return List.of(
                provider("adam", c -> new Adam(c.getDouble("learningRate", 1e-3), c.getDouble("beta1", 0.9),
                        c.getDouble("beta2", 0.999), c.getDouble("epsilon", 1e-8), c.getDouble("weightDecay", 0), false)),
                provider("adamw", c -> new Adam(c.getDouble("learningRate", 1e-3), c.getDouble("beta1", 0.9),
                        c.getDouble("beta2", 0.999), c.getDouble("epsilon", 1e-8), c.getDouble("weightDecay", 1e-2), true)),
                provider("rmsprop", c -> new RmsProp(c.getDouble("learningRate", 1e-2), c.getDouble("alpha", 0.99),
                        c.getDouble("epsilon", 1e-8), c.getDouble("weightDecay", 0), c.getDouble("momentum", 0),
                        c.getBoolean("centered", false))),
                provider("adagrad", c -> new Adagrad(c.getDouble("learningRate", 1e-2), c.getDouble("lrDecay", 0),
                        c.getDouble("weightDecay", 0), c.getDouble("initialAccumulatorValue", 0),
                        c.getDouble("epsilon", 1e-10))));
    }

    private static OptimizerProvider provider(String type, Function<Config, Optimizer> factory) {
        return new OptimizerProvider() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Optimizer create(Config config, BuildContext context) {
                return factory.apply(config); // the assembler reports IllegalArgumentException with the path
            }
        };
    }
}
