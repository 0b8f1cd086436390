package dev.nnj.blas;

import dev.nnj.core.math.Kernels;
import dev.nnj.core.math.KernelsContract;

/** The kernel contract on whichever BLAS this machine offers (native OpenBLAS in CI, which installs it). */
class BlasKernelsTest extends KernelsContract {
    /** nnj's own backends compute float32. */
    @Override
    protected boolean mustSupportFloat32() {
        return true;
    }

    @Override
    protected Kernels kernels(int threads) {
        return new BlasBackend().create(threads);
    }
}
