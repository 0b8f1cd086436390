package dev.nnj.core.math;

class EjmlKernelsTest extends KernelsContract {
    @Override
    protected Kernels kernels(int threads) {
        return new EjmlBackend().create(threads);
    }
}
