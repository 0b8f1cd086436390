package dev.nnj.core;

import dev.nnj.api.spi.ActivationProvider;
import dev.nnj.api.spi.InitializerProvider;
import dev.nnj.api.spi.LayerProvider;
import dev.nnj.api.spi.LossProvider;
import dev.nnj.api.spi.NnExtension;
import dev.nnj.core.activation.Elu;
import dev.nnj.core.activation.Gelu;
import dev.nnj.core.activation.Identity;
import dev.nnj.core.activation.LeakyRelu;
import dev.nnj.core.activation.Relu;
import dev.nnj.core.activation.Selu;
import dev.nnj.core.activation.Sigmoid;
import dev.nnj.core.activation.Softmax;
import dev.nnj.core.activation.Softplus;
import dev.nnj.core.activation.Swish;
import dev.nnj.core.activation.Tanh;
import dev.nnj.core.init.Constant;
import dev.nnj.core.init.HeUniform;
import dev.nnj.core.init.NormalInitializer;
import dev.nnj.core.init.XavierUniform;
import dev.nnj.core.init.Zeros;
import dev.nnj.core.layer.AvgPool2dProvider;
import dev.nnj.core.layer.BatchNormProvider;
import dev.nnj.core.layer.Conv2dProvider;
import dev.nnj.core.layer.DenseProvider;
import dev.nnj.core.layer.DropoutProvider;
import dev.nnj.core.layer.FlattenProvider;
import dev.nnj.core.layer.LayerNormProvider;
import dev.nnj.core.layer.MaxPool2dProvider;
import dev.nnj.core.layer.NormalizationProvider;
import dev.nnj.core.loss.BinaryCrossEntropy;
import dev.nnj.core.loss.Huber;
import dev.nnj.core.loss.MeanAbsoluteError;
import dev.nnj.core.loss.MeanSquaredError;
import dev.nnj.core.loss.SoftmaxCrossEntropy;
import dev.nnj.core.registry.Providers;
import java.util.List;

/** nnj's built-in layers, activations, losses and initialisers, registered like any extension. */
public final class CoreExtension implements NnExtension {

    /**
     * Creates the extension; {@link java.util.ServiceLoader} calls this through
     * {@code META-INF/services/dev.nnj.api.spi.NnExtension}. It holds no state: each getter returns
     * new providers.
     */
    public CoreExtension() {
    }

    @Override
    public List<LayerProvider> layers() {
        return List.of(new DenseProvider(), new DropoutProvider(), new Conv2dProvider(), new MaxPool2dProvider(),
                new AvgPool2dProvider(), new FlattenProvider(), new BatchNormProvider(), new LayerNormProvider(),
                new NormalizationProvider());
    }

    @Override
    public List<ActivationProvider> activations() {
        return List.of(
                Providers.activation("identity", Identity.class, c -> new Identity()),
                Providers.activation("sigmoid", Sigmoid.class, c -> new Sigmoid()),
                Providers.activation("tanh", Tanh.class, c -> new Tanh()),
                Providers.activation("relu", Relu.class, c -> new Relu()),
                Providers.activation("leaky-relu", LeakyRelu.class, c -> new LeakyRelu(c.getDouble("alpha", 0.01))),
                Providers.activation("softmax", Softmax.class, c -> new Softmax()),
                Providers.activation("elu", Elu.class, c -> new Elu(c.getDouble("alpha", 1.0))),
                Providers.activation("selu", Selu.class, c -> new Selu()),
                Providers.activation("softplus", Softplus.class,
                        c -> new Softplus(c.getDouble("beta", 1.0), c.getDouble("threshold", 20.0))),
                Providers.activation("swish", Swish.class, c -> new Swish(c.getDouble("beta", 1.0))),
                Providers.activation("gelu", Gelu.class, c -> new Gelu()));
    }

    @Override
    public List<LossProvider> losses() {
        return List.of(
                Providers.loss("mse", MeanSquaredError.class, c -> new MeanSquaredError()),
                Providers.loss("softmax-cross-entropy", SoftmaxCrossEntropy.class, c -> new SoftmaxCrossEntropy()),
                Providers.loss("binary-cross-entropy", BinaryCrossEntropy.class, c -> new BinaryCrossEntropy()),
                Providers.loss("mae", MeanAbsoluteError.class, c -> new MeanAbsoluteError()),
                Providers.loss("huber", Huber.class, c -> new Huber(c.getDouble("delta", 1.0))));
    }

    @Override
    public List<InitializerProvider> initializers() {
        return List.of(
                Providers.initializer("xavier-uniform", XavierUniform.class, c -> new XavierUniform()),
                Providers.initializer("he-uniform", HeUniform.class, c -> new HeUniform()),
                Providers.initializer("zeros", Zeros.class, c -> new Zeros()),
                Providers.initializer("xavier-normal", NormalInitializer.class,
                        c -> new NormalInitializer(NormalInitializer.Scheme.XAVIER)),
                Providers.initializer("he-normal", NormalInitializer.class, c -> new NormalInitializer(NormalInitializer.Scheme.HE)),
                Providers.initializer("lecun-normal", NormalInitializer.class,
                        c -> new NormalInitializer(NormalInitializer.Scheme.LECUN)),
                Providers.initializer("constant", Constant.class, c -> new Constant(c.getDouble("value", 0.0))));
    }
}
