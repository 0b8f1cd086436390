package dev.nnj.core.init;

import dev.nnj.api.Initializer;
import dev.nnj.api.Tensor;
import java.util.random.RandomGenerator;

/**
 * Draws from N(0, σ²) with σ from the layer's fans: {@code xavier-normal} σ = √(2/(fanIn + fanOut)),
 * {@code he-normal} σ = √(2/fanIn) (Kaiming, for ReLU), {@code lecun-normal} σ = √(1/fanIn) (for SELU).
 */
public final class NormalInitializer implements Initializer {
    /** How σ² depends on the fans. */
    public enum Scheme {
        /** Glorot and Bengio (2010): σ = √(2/(fanIn + fanOut)), for tanh and sigmoid layers. */
        XAVIER,
        /** He et al. (2015): σ = √(2/fanIn), for ReLU layers. */
        HE,
        /** LeCun (1998): σ = √(1/fanIn), for SELU layers. */
        LECUN
    }

    private final Scheme scheme;

    /**
     * A normal initialiser of the given scheme.
     *
     * @param scheme how σ follows from the fans
     */
    public NormalInitializer(Scheme scheme) {
        this.scheme = scheme;
    }

    /**
     * The standard deviation that {@link #initialize} draws with.
     *
     * @param fanIn number of inputs of the layer
     * @param fanOut number of outputs of the layer
     * @return the standard deviation for these fans
     */
    public double sigma(int fanIn, int fanOut) {
        return switch (scheme) {
            case XAVIER -> Math.sqrt(2.0 / (fanIn + fanOut));
            case HE -> Math.sqrt(2.0 / fanIn);
            case LECUN -> Math.sqrt(1.0 / fanIn);
        };
    }

    @Override
    public void initialize(Tensor value, int fanIn, int fanOut, RandomGenerator random) {
        double sigma = sigma(fanIn, fanOut);
        double[] d = value.data();
        for (int i = 0, n = value.size(); i < n; i++) {
            d[i] = sigma * random.nextGaussian();
        }
    }
}
