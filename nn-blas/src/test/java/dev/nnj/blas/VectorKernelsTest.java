package dev.nnj.blas;

import dev.nnj.core.math.Gemm;
import dev.nnj.core.math.GemmContract;
import dev.nnj.core.math.Kernels;
import dev.nnj.core.math.KernelsContract;

/** The kernel contract on nnj's Vector API kernels (the build runs nn-blas's tests with the module). */
class VectorKernelsTest extends KernelsContract {
    /** nnj's own backends compute float32. */
    @Override
    protected boolean mustSupportFloat32() {
        return true;
    }

    @Override
    protected Kernels kernels(int threads) {
        return new VectorBackend().create(threads);
    }

    /** The float engine's own contract: block edges and splits. */
    @org.junit.jupiter.api.Nested
    class FloatEngine extends dev.nnj.core.math.FloatGemmContract {
        @Override
        protected dev.nnj.core.math.FloatGemm gemm() {
            return VectorFloatGemm.INSTANCE;
        }
    }

    /** The engine's own contract: block edges and splits. */
    @org.junit.jupiter.api.Nested
    class Engine extends GemmContract {
        @Override
        protected Gemm gemm() {
            return VectorGemm.INSTANCE;
        }
    }
}
