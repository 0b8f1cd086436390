package dev.nnj.core.math;

/**
 * {@code java}: matrix products in plain Java that the JIT vectorises ({@link JavaGemm}), with no
 * native library and no JVM flag, split among nnj's threads ({@link BlockedKernels}). It ranks
 * above EJML and below native BLAS and the JDK Vector API (nn-blas), so it is the default where
 * neither is available.
 */
public final class JavaBackend implements Backend {
    /** Above EJML ({@value EjmlBackend#RANK}), below the Vector API and native BLAS. */
    public static final int RANK = EjmlBackend.RANK + 50;

    /**
     * Creates the backend; {@link java.util.ServiceLoader} calls this through
     * {@code META-INF/services/dev.nnj.core.math.Backend}.
     */
    public JavaBackend() {
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public int rank() {
        return RANK;
    }

    @Override
    public Kernels create(int threads) {
        return new BlockedKernels(JavaGemm.INSTANCE, JavaFloatGemm.INSTANCE, threads,
                "nnj's Java kernels (vectorised by the JIT)");
    }
}
