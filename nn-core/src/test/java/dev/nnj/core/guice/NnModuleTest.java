package dev.nnj.core.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import dev.nnj.api.spi.ComponentKind;
import dev.nnj.api.spi.ComponentProvider;
import dev.nnj.core.CoreExtension;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.registry.ComponentRegistry;
import dev.nnj.core.registry.SecondDense;
import dev.nnj.core.testing.LogCapture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NnModuleTest {

    @Test
    void givesTheSameRegistryAsDiscoveryWithoutGuice() {
        Injector injector = Guice.createInjector(new NnModule());
        ComponentRegistry withGuice = injector.getInstance(ComponentRegistry.class);
        ComponentRegistry withoutGuice = NnRuntime.discover().registry();
        assertEquals(withoutGuice.describe(), withGuice.describe());
        assertSame(withGuice, injector.getInstance(NnRuntime.class).registry());
    }

    @Test
    void fillsOneMapBinderPerKind() {
        Injector injector = Guice.createInjector(new NnModule(List.of(new CoreExtension())));
        Map<String, ComponentProvider<?>> layers = injector.getInstance(Key.get(
                new TypeLiteral<Map<String, ComponentProvider<?>>>() { }, Names.named(NnModule.providersKey(ComponentKind.LAYER))));
        assertEquals(List.of("avg-pool2d", "batch-norm", "conv2d", "dense", "dropout", "flatten", "layer-norm", "max-pool2d",
                "normalization"),
                List.copyOf(layers.keySet()));
        ComponentRegistry registry = injector.getInstance(ComponentRegistry.class);
        assertSame(registry.entry(ComponentKind.LAYER, "dense").provider(), layers.get("dense"));
    }

    @Test
    void installsAnExtensionThatIsAGuiceModule() {
        Injector injector = Guice.createInjector(new NnModule(List.of(new CoreExtension(), new GreetingExtension())));
        assertEquals("hello from acme", injector.getInstance(Key.get(String.class, Names.named("acme.greeting"))));
    }

    @Test
    void failsOnDuplicateIdsWithTheRegistrysMessage() {
        CreationException e;
        // Guice also logs the exception it throws (at INFO, with its stack trace): asserted here, not printed.
        try (LogCapture guiceLog = LogCapture.of("com.google.inject")) {
            e = assertThrows(CreationException.class, () -> Guice.createInjector(
                    new NnModule(List.of(new CoreExtension(), new SecondDense()))));
            assertEquals(1, guiceLog.messages().size(), guiceLog.messages().toString());
        }
        assertTrue(e.getMessage().contains("Layer type 'dense' is registered twice: by CoreExtension ("),
                e.getMessage());
    }
}
