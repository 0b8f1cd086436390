package dev.nnj.core;

import dev.nnj.api.spi.ActivationProvider;
import dev.nnj.api.spi.InitializerProvider;
import dev.nnj.api.spi.LayerProvider;
import dev.nnj.api.spi.LossProvider;
import dev.nnj.api.spi.NnExtension;
import dev.nnj.core.activation.Identity;
import dev.nnj.core.activation.LeakyRelu;
import dev.nnj.core.activation.Relu;
import dev.nnj.core.activation.Sigmoid;
import dev.nnj.core.activation.Softmax;
import dev.nnj.core.activation.Tanh;
import dev.nnj.core.init.HeUniform;
import dev.nnj.core.init.XavierUniform;
import dev.nnj.core.init.Zeros;
import dev.nnj.core.layer.DenseProvider;
import dev.nnj.core.loss.BinaryCrossEntropy;
import dev.nnj.core.loss.MeanSquaredError;
import dev.nnj.core.loss.SoftmaxCrossEntropy;
import dev.nnj.core.registry.Providers;
import java.util.List;

/** nnj's built-in layers, activations, losses and initialisers, registered like any extension. */
public final class CoreExtension implements NnExtension {

    @Override
    public List<LayerProvider> layers() {
        return List.of(new DenseProvider());
    }

    @Override
    public List<ActivationProvider> activations() {
        return List.of(
                Providers.activation("identity", Identity.class, c -> new Identity()),
                Providers.activation("sigmoid", Sigmoid.class, c -> new Sigmoid()),
                Providers.activation("tanh", Tanh.class, c -> new Tanh()),
                Providers.activation("relu", Relu.class, c -> new Relu()),
                Providers.activation("leaky-relu", LeakyRelu.class, c -> new LeakyRelu(c.getDouble("alpha", 0.01))),
                Providers.activation("softmax", Softmax.class, c -> new Softmax()));
    }

    @Override
    public List<LossProvider> losses() {
        return List.of(
                Providers.loss("mse", MeanSquaredError.class, c -> new MeanSquaredError()),
                Providers.loss("softmax-cross-entropy", SoftmaxCrossEntropy.class, c -> new SoftmaxCrossEntropy()),
                Providers.loss("binary-cross-entropy", BinaryCrossEntropy.class, c -> new BinaryCrossEntropy()));
    }

    @Override
    public List<InitializerProvider> initializers() {
        return List.of(
                Providers.initializer("xavier-uniform", XavierUniform.class, c -> new XavierUniform()),
                Providers.initializer("he-uniform", HeUniform.class, c -> new HeUniform()),
                Providers.initializer("zeros", Zeros.class, c -> new Zeros()));
    }
}
