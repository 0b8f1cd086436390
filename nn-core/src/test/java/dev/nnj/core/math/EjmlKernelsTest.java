package dev.nnj.core.math;

class EjmlKernelsTest extends KernelsContract {
    /** nnj's own backends compute float32. */
    @Override
    protected boolean mustSupportFloat32() {
        return true;
    }

    @Override
    protected Kernels kernels(int threads) {
        return new EjmlBackend().create(threads);
    }
}
