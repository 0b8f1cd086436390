package dev.nnj.core.layer;

import dev.nnj.api.Activation;
import dev.nnj.api.DType;
import dev.nnj.api.Initializer;
import dev.nnj.api.Kernels;
import dev.nnj.api.Shape;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.ComponentProvider;
import dev.nnj.api.spi.Config;
import dev.nnj.core.CoreExtension;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A {@link BuildContext} for calling a provider directly: nested activations and initialisers come
 * from {@link CoreExtension}, random numbers from a generator seeded by the purpose's hash.
 */
record TestBuildContext(Shape inputShape, Kernels kernels, DType dtype) implements BuildContext {

    /** A context offering {@link Kernels#plain()}, for a float64 model. */
    TestBuildContext(Shape inputShape) {
        this(inputShape, Kernels.plain());
    }

    /** A context offering {@code kernels}, for a float64 model. */
    TestBuildContext(Shape inputShape, Kernels kernels) {
        this(inputShape, kernels, DType.F64);
    }

    /** A context offering {@link Kernels#plain()}, for a model of {@code dtype}. */
    TestBuildContext(Shape inputShape, DType dtype) {
        this(inputShape, Kernels.plain(), dtype);
    }

    @Override
    public String name() {
        return "layers.0";
    }

    @Override
    public RandomGenerator random(String purpose) {
        return new SplittableRandom(purpose.hashCode());
    }

    @Override
    public Activation activation(Config spec) {
        return find(new CoreExtension().activations(), spec).create(spec, this);
    }

    @Override
    public Initializer initializer(Config spec) {
        return find(new CoreExtension().initializers(), spec).create(spec, this);
    }

    private static <P extends ComponentProvider<?>> P find(List<P> providers, Config spec) {
        return providers.stream().filter(p -> p.type().equals(spec.type())).findFirst()
                .orElseThrow(() -> new AssertionError("no built-in '" + spec.type() + "'"));
    }
}
