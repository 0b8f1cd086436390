package dev.nnj.core.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Names;
import dev.nnj.api.spi.ComponentKind;
import dev.nnj.api.spi.ComponentProvider;
import dev.nnj.api.spi.NnExtension;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.math.Backends;
import dev.nnj.core.math.Kernels;
import dev.nnj.core.registry.ComponentRegistry;
import dev.nnj.core.registry.ExtensionDiscovery;
import java.util.List;

/**
 * Guice wiring of nnj. It discovers extensions with {@link java.util.ServiceLoader} (or takes them
 * explicitly) and validates them into the same {@link ComponentRegistry} that
 * {@link NnRuntime#discover()} builds; binds that registry and an {@link NnRuntime}; fills one
 * {@link MapBinder} per kind, a {@code Map<String, ComponentProvider<?>>} from id to provider
 * annotated {@code @Named(providersKey(kind))}; and installs every extension that is also a Guice
 * {@link Module}, so that extensions can have collaborators injected. No nnj class needs
 * {@code @Inject}.
 */
public final class NnModule extends AbstractModule {
    private final List<NnExtension> extensions;

    /** Discovers extensions on the thread's context class loader. */
    public NnModule() {
        this(ExtensionDiscovery.load(contextLoader()));
    }

    /**
     * Wires exactly these extensions, without {@link java.util.ServiceLoader} (tests, shaded jars).
     * The compute backend is still chosen from the context class loader and the system properties.
     *
     * @param extensions the extensions to register and, if they are Guice modules, install; copied
     */
    public NnModule(List<NnExtension> extensions) {
        this.extensions = List.copyOf(extensions);
    }

    private static ClassLoader contextLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : NnModule.class.getClassLoader();
    }

    private static Kernels kernels() {
        ClassLoader loader = contextLoader();
        return Backends.choose(null, loader).create(Backends.threadsFromProperty());
    }

    /**
     * The {@code @Named} value under which one kind's providers are bound, for injecting
     * {@code @Named("nnj.layer") Map<String, ComponentProvider<?>>}.
     *
     * @param kind the kind of component
     * @return the name of the map binding of one kind, e.g. {@code nnj.layer}
     */
    public static String providersKey(ComponentKind kind) {
        return "nnj." + kind.label();
    }

    @Override
    protected void configure() {
        ComponentRegistry.Builder builder = ComponentRegistry.builder();
        for (NnExtension extension : extensions) {
            builder.add(extension);
        }
        ComponentRegistry registry = builder.build();
        bind(ComponentRegistry.class).toInstance(registry);
        bind(NnRuntime.class).toInstance(new NnRuntime(registry, kernels()));

        TypeLiteral<ComponentProvider<?>> providerType = new TypeLiteral<>() { };
        for (ComponentKind kind : ComponentKind.values()) {
            MapBinder<String, ComponentProvider<?>> map = MapBinder.newMapBinder(binder(),
                    TypeLiteral.get(String.class), providerType, Names.named(providersKey(kind)));
            for (ComponentRegistry.Entry entry : registry.entries()) {
                if (entry.kind() == kind) {
                    map.addBinding(entry.type()).toInstance(entry.provider());
                }
            }
        }
        for (NnExtension extension : extensions) {
            if (extension instanceof Module module) {
                install(module);
            }
        }
    }
}
