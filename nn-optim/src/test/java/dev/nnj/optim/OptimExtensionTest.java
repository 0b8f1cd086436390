package dev.nnj.optim;

import dev.nnj.api.spi.NnExtension;
import dev.nnj.api.testkit.ExtensionContract;

class OptimExtensionTest extends ExtensionContract {
    @Override
    protected NnExtension createExtension() {
        return new OptimExtension();
    }
}
