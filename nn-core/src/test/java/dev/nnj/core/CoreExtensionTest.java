package dev.nnj.core;

import dev.nnj.api.spi.NnExtension;
import dev.nnj.api.testkit.ExtensionContract;

class CoreExtensionTest extends ExtensionContract {
    @Override
    protected NnExtension createExtension() {
        return new CoreExtension();
    }
}
