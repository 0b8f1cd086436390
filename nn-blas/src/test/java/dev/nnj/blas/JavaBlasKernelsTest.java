package dev.nnj.blas;

import dev.ludovic.netlib.blas.JavaBLAS;
import dev.nnj.core.math.Kernels;
import dev.nnj.core.math.KernelsContract;

/** The kernel contract on netlib's Java BLAS, the fallback where no native BLAS is installed. */
class JavaBlasKernelsTest extends KernelsContract {
    /** nnj's own backends compute float32. */
    @Override
    protected boolean mustSupportFloat32() {
        return true;
    }

    @Override
    protected Kernels kernels(int threads) {
        return new BlasKernels(JavaBLAS.getInstance(), threads, "java", null);
    }
}
