package com.acme.nnj;

import dev.nnj.api.spi.NnExtension;
import dev.nnj.api.testkit.ExtensionContract;

/** The services file lists AcmeExtension; every id is 'acme.'-prefixed lower-kebab. */
class AcmeExtensionTest extends ExtensionContract {
    @Override
    protected NnExtension createExtension() {
        return new AcmeExtension();
    }
}
