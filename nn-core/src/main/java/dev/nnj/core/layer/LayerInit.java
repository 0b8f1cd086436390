package dev.nnj.core.layer;

import dev.nnj.api.Activation;
import dev.nnj.api.DType;
import dev.nnj.api.Initializer;
import dev.nnj.api.Tensor;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.MapConfig;

/**
 * The {@code weightInit} and {@code biasInit} keys of layers with a weight and a bias (dense,
 * conv2d), read alike: the weight's default is what the layer's {@code activation} prefers
 * ({@link Activation#preferredInitializer()}, He before a ReLU), else {@code xavier-uniform}; the
 * bias's is {@code zeros}.
 */
final class LayerInit {
    private LayerInit() {
    }

    /** @return the weight's initialiser, from {@code weightInit} or the activation's preference */
    static Initializer weight(Config config, BuildContext context) {
        String preferred = config.getComponent("activation").map(context::activation)
                .flatMap(Activation::preferredInitializer).orElse("xavier-uniform");
        return context.initializer(
                config.getComponent("weightInit").orElse(MapConfig.ofSpec(config.path() + ".weightInit", preferred)));
    }

    /** @return the bias's initialiser, from {@code biasInit}, else zeros */
    static Initializer bias(Config config, BuildContext context) {
        return context.initializer(
                config.getComponent("biasInit").orElse(MapConfig.ofSpec(config.path() + ".biasInit", "zeros")));
    }

    /**
     * Initialises a parameter of either element type. A float32 value is drawn in float64 and
     * rounded, so that a float32 model starts from the float64 model's values (rounded) and any
     * initialiser, a 0.1 one that writes {@link Tensor#data()} included, serves both types.
     */
    static void initialize(Initializer initializer, Tensor value, int fanIn, int fanOut,
            java.util.random.RandomGenerator random) {
        if (value.dtype() == DType.F64) {
            initializer.initialize(value, fanIn, fanOut, random);
            return;
        }
        Tensor drawn = Tensor.zeros(value.rows(), value.cols());
        initializer.initialize(drawn, fanIn, fanOut, random);
        value.copyFrom(drawn);
    }

    /**
     * Checks the element type a layer is built in.
     *
     * @param dtype the element type asked for
     * @param layer the layer's type id, for the message
     * @return {@code dtype}
     * @throws IllegalArgumentException if {@code dtype} is not {@link DType#F64} or {@link DType#F32}
     * @throws NullPointerException if {@code dtype} is null
     */
    static DType checkFloat(DType dtype, String layer) {
        if (java.util.Objects.requireNonNull(dtype, "dtype is null") == DType.I64) {
            throw new IllegalArgumentException(layer + " computes in F64 or F32; got I64, which is for integer "
                    + "buffers only.");
        }
        return dtype;
    }
}
