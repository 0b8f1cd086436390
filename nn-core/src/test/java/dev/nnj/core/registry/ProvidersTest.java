package dev.nnj.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.api.Optimizer;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.ComponentKind;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.NnExtension;
import dev.nnj.api.spi.OptimizerProvider;
import dev.nnj.core.activation.Relu;
import dev.nnj.core.layer.DenseProvider;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The class that {@code nnj list} shows for a component: never {@code Something$1}. */
class ProvidersTest {

    /** A factory of providers as anonymous classes, as nn-optim's AdaptiveProviders is. */
    static final class AnonymousFactory {
        static OptimizerProvider provider(String type) {
            return new OptimizerProvider() {
                @Override
                public String type() {
                    return type;
                }

                @Override
                public Optimizer create(Config config, BuildContext context) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    @Test
    void anAnonymousProviderIsShownAsTheClassThatDeclaresIt() {
        NnExtension extension = new NnExtension() {
            @Override
            public List<OptimizerProvider> optimizers() {
                return List.of(AnonymousFactory.provider("anonymous"));
            }
        };
        ComponentRegistry registry = ComponentRegistry.builder().add(extension, "test.jar").build();
        ComponentRegistry.Entry entry = registry.entry(ComponentKind.OPTIMIZER, "anonymous");
        assertEquals("dev.nnj.core.registry.ProvidersTest$AnonymousFactory$1", entry.provider().getClass().getName());
        assertEquals(AnonymousFactory.class, entry.implementation());
        assertEquals("optimizer anonymous dev.nnj.core.registry.ProvidersTest$AnonymousFactory "
                + extension.getClass().getName() + " test.jar", registry.describe().get(0));
    }

    @Test
    void localAndLambdaClassesAreShownAsTheirNamedOuterClass() {
        class Local {
        }
        Supplier<String> lambda = () -> "x";
        assertEquals(ProvidersTest.class, Providers.implementationOf(new Local()));
        assertEquals(ProvidersTest.class, Providers.implementationOf(lambda));
        assertEquals(ProvidersTest.class, Providers.implementationOf(new Object() {
        }));
    }

    @Test
    void namedProvidersKeepTheirClassOrTheOneTheyBuild() {
        assertEquals(DenseProvider.class, Providers.implementationOf(new DenseProvider()));
        assertEquals(Relu.class, Providers.implementationOf(Providers.activation("r", Relu.class, c -> new Relu())));
        assertEquals(AnonymousFactory.class, Providers.implementationOf(new AnonymousFactory()));
    }
}
