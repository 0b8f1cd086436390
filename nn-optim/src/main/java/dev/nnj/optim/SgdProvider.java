package dev.nnj.optim;

import dev.nnj.api.Optimizer;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.OptimizerProvider;

/**
 * {@code sgd} and {@code momentum}: one optimizer, {@link Sgd}, under two ids that differ only in
 * the default momentum (0 and 0.9). Keys: {@code learningRate} (default 0.01), {@code momentum},
 * {@code nesterov} (default false), {@code weightDecay} (default 0).
 */
public final class SgdProvider implements OptimizerProvider {
    /** The {@code learningRate} of both ids when a model file does not give one. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;

    private final String type;
    private final double defaultMomentum;

    private SgdProvider(String type, double defaultMomentum) {
        this.type = type;
        this.defaultMomentum = defaultMomentum;
    }

    /**
     * The provider of plain SGD.
     *
     * @return {@code sgd}: momentum 0 by default, as PyTorch
     */
    public static SgdProvider sgd() {
        return new SgdProvider("sgd", 0.0);
    }

    /**
     * The provider of SGD with momentum.
     *
     * @return {@code momentum}: momentum 0.9 by default
     */
    public static SgdProvider momentum() {
        return new SgdProvider("momentum", 0.9);
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Optimizer create(Config config, BuildContext context) {
        double learningRate = config.getDouble("learningRate", DEFAULT_LEARNING_RATE);
        double momentum = config.getDouble("momentum", defaultMomentum);
        boolean nesterov = config.getBoolean("nesterov", false);
        double weightDecay = config.getDouble("weightDecay", 0.0);
        if (!(learningRate > 0)) {
            throw config.invalid("learningRate", "a number > 0");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw config.invalid("momentum", "a number in [0, 1)");
        }
        if (!(weightDecay >= 0)) {
            throw config.invalid("weightDecay", "a number >= 0");
        }
        if (nesterov && momentum == 0) {
            throw config.invalid("nesterov", "false when momentum is 0 (Nesterov needs momentum > 0)");
        }
        return new Sgd(learningRate, momentum, nesterov, weightDecay);
    }
}
