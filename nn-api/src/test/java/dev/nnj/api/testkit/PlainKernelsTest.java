package dev.nnj.api.testkit;

import dev.nnj.api.Kernels;

/** nn-api's plain kernels, the reference that layers fall back to, under the kit's contract. */
class PlainKernelsTest extends KernelsContract {
    /** nnj's own backends compute float32. */
    @Override
    protected boolean mustSupportFloat32() {
        return true;
    }

    @Override
    protected Kernels kernels(int threads) {
        return Kernels.plain();
    }
}
