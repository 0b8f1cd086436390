package dev.nnj.core.registry;

import dev.nnj.api.spi.NnExtension;

/** An extension whose constructor fails, as a broken plugin's might. */
public final class ThrowingExtension implements NnExtension {
    public ThrowingExtension() {
        throw new IllegalStateException("no licence key found");
    }
}
