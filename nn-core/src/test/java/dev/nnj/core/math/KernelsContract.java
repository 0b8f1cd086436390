package dev.nnj.core.math;

/**
 * The kit's {@link dev.nnj.api.testkit.KernelsContract} for backends of nn-core's {@link Backend}
 * SPI, whose kernels are nn-core's {@link Kernels}: every check of the kit (products, the strided
 * gemm, accumulation, reporting, shapes, thread counts). Kept here so that backends' tests written
 * against 0.1 compile unchanged.
 */
public abstract class KernelsContract extends dev.nnj.api.testkit.KernelsContract {

    /** @return the backend's kernels for {@code threads} threads */
    @Override
    protected abstract Kernels kernels(int threads);
}
