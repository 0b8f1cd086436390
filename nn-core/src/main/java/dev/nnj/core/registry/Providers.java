package dev.nnj.core.registry;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.Activation;
import dev.nnj.api.Initializer;
import dev.nnj.api.Loss;
import dev.nnj.api.spi.ActivationProvider;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.InitializerProvider;
import dev.nnj.api.spi.LossProvider;
import java.util.function.Function;

/**
 * Providers for components whose configuration is at most a few keys, built by a function from
 * the config. Each knows its implementation class, which {@code nnj list} shows.
 */
public final class Providers {
    private Providers() {
    }

    /**
     * A provider of an activation built from its config alone.
     *
     * @param type the id, e.g. {@code leaky-relu}
     * @param implementation the class that {@code factory} returns, shown by {@code nnj list}
     * @param factory builds the activation, reading its keys from the config
     * @return the provider
     * @throws NullPointerException if an argument is null
     */
    public static ActivationProvider activation(String type, Class<? extends Activation> implementation,
            Function<Config, Activation> factory) {
        return new ActivationFunction(type, implementation, factory);
    }

    /**
     * A provider of a loss built from its config alone.
     *
     * @param type the id, e.g. {@code huber}
     * @param implementation the class that {@code factory} returns, shown by {@code nnj list}
     * @param factory builds the loss, reading its keys from the config
     * @return the provider
     * @throws NullPointerException if an argument is null
     */
    public static LossProvider loss(String type, Class<? extends Loss> implementation, Function<Config, Loss> factory) {
        return new LossFunction(type, implementation, factory);
    }

    /**
     * A provider of an initialiser built from its config alone.
     *
     * @param type the id, e.g. {@code constant}
     * @param implementation the class that {@code factory} returns, shown by {@code nnj list}
     * @param factory builds the initialiser, reading its keys from the config
     * @return the provider
     * @throws NullPointerException if an argument is null
     */
    public static InitializerProvider initializer(String type, Class<? extends Initializer> implementation,
            Function<Config, Initializer> factory) {
        return new InitializerFunction(type, implementation, factory);
    }

    /**
     * @return the class a provider builds, where it says so, else the provider's own class; for an
     *     anonymous or local provider class (such as {@code Factory$1}), the named class that declares it
     */
    static Class<?> implementationOf(Object provider) {
        return provider instanceof FunctionProvider<?> f ? f.implementation : named(provider.getClass());
    }

    /** @return {@code c}, or for an anonymous, local or hidden (lambda) class the named class around its code */
    static Class<?> named(Class<?> c) {
        Class<?> k = c;
        while (k.isAnonymousClass() || k.isLocalClass() || k.isHidden()) {
            Class<?> outer = k.isHidden() ? k.getNestHost() : k.getEnclosingClass();
            if (outer == null || outer == k) {
                break;
            }
            k = outer;
        }
        return k;
    }

    private abstract static class FunctionProvider<T> {
        private final String type;
        private final Class<?> implementation;
        private final Function<Config, T> factory;

        FunctionProvider(String type, Class<?> implementation, Function<Config, T> factory) {
            this.type = requireNonNull(type, "type is null");
            this.implementation = requireNonNull(implementation, "implementation is null");
            this.factory = requireNonNull(factory, "factory is null");
        }

        public String type() {
            return type;
        }

        public T create(Config config, BuildContext context) {
            return factory.apply(config);
        }

        @Override
        public String toString() {
            return type + " -> " + implementation.getName();
        }
    }

    private static final class ActivationFunction extends FunctionProvider<Activation> implements ActivationProvider {
        ActivationFunction(String type, Class<?> implementation, Function<Config, Activation> factory) {
            super(type, implementation, factory);
        }
    }

    private static final class LossFunction extends FunctionProvider<Loss> implements LossProvider {
        LossFunction(String type, Class<?> implementation, Function<Config, Loss> factory) {
            super(type, implementation, factory);
        }
    }

    private static final class InitializerFunction extends FunctionProvider<Initializer> implements InitializerProvider {
        InitializerFunction(String type, Class<?> implementation, Function<Config, Initializer> factory) {
            super(type, implementation, factory);
        }
    }
}
