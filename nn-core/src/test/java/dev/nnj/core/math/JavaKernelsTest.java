package dev.nnj.core.math;

/** The kernel contract on nnj's Java kernels, the default backend where no native BLAS is installed. */
class JavaKernelsTest extends KernelsContract {
    /** nnj's own backends compute float32. */
    @Override
    protected boolean mustSupportFloat32() {
        return true;
    }

    @Override
    protected Kernels kernels(int threads) {
        return new JavaBackend().create(threads);
    }

    /** The float engine's own contract: block edges and splits. */
    @org.junit.jupiter.api.Nested
    class FloatEngine extends FloatGemmContract {
        @Override
        protected FloatGemm gemm() {
            return JavaFloatGemm.INSTANCE;
        }
    }

    /** The engine's own contract: block edges and splits. */
    @org.junit.jupiter.api.Nested
    class Engine extends GemmContract {
        @Override
        protected Gemm gemm() {
            return JavaGemm.INSTANCE;
        }
    }
}
