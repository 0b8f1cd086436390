package com.acme.test;

import dev.nnj.api.spi.ActivationProvider;
import dev.nnj.api.spi.NnExtension;
import dev.nnj.core.activation.Identity;
import dev.nnj.core.registry.Providers;
import java.util.List;

/** A third-party extension that forgot its vendor prefix. */
public final class UnprefixedExtension implements NnExtension {
    @Override
    public List<ActivationProvider> activations() {
        return List.of(Providers.activation("swish", Identity.class, c -> new Identity()));
    }
}
