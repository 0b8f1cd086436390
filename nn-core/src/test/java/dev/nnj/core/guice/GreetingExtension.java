package dev.nnj.core.guice;

import com.google.inject.AbstractModule;
import com.google.inject.name.Names;
import dev.nnj.api.spi.NnExtension;

/** An extension that is also a Guice module: its bindings must reach the injector. */
public final class GreetingExtension extends AbstractModule implements NnExtension {
    @Override
    protected void configure() {
        bind(String.class).annotatedWith(Names.named("acme.greeting")).toInstance("hello from acme");
    }
}
