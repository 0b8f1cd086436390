package dev.nnj.blas;

import dev.nnj.core.math.Backend;
import dev.nnj.core.math.BlockedKernels;
import dev.nnj.core.math.FloatGemm;
import dev.nnj.core.math.Gemm;
import dev.nnj.core.math.JavaBackend;
import dev.nnj.core.math.Kernels;
import java.util.Optional;

/**
 * {@code vector}: matrix products on the JDK Vector API ({@code jdk.incubator.vector}), nnj's own
 * micro-kernel ({@code VectorGemm}), split among nnj's threads. No native library. It ranks above
 * the plain-Java {@code java} backend and below native BLAS, so it is the default where the JVM
 * runs with {@code --add-modules jdk.incubator.vector} (the {@code nnj} command line starts its JVM
 * so) and no native BLAS is installed.
 */
public final class VectorBackend implements Backend {
    /** Above the plain-Java kernels, below native BLAS. */
    public static final int RANK = JavaBackend.RANK + 10;

    private static final String MODULE = "jdk.incubator.vector";

    /**
     * Creates the backend; {@link java.util.ServiceLoader} calls this through
     * {@code META-INF/services/dev.nnj.core.math.Backend}. The Vector API is not touched here.
     */
    public VectorBackend() {
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int rank() {
        return RANK;
    }

    @Override
    public Optional<String> unavailableReason() {
        return ModuleLayer.boot().findModule(MODULE).isPresent() ? Optional.empty()
                : Optional.of("the JVM runs without the Vector API; start it with --add-modules " + MODULE
                        + " (the nnj command line does)");
    }

    @Override
    public Kernels create(int threads) {
        unavailableReason().ifPresent(why -> {
            throw new IllegalStateException("Backend 'vector' cannot run here: " + why);
        });
        Gemm engine = Engine.INSTANCE;
        // "512-bit vectors (8 doubles)" and "(16 floats)": the kernels serve both types.
        return new BlockedKernels(engine, Engine.FLOATS, threads, "nnj's Vector API kernels, " + engine + "; "
                + Engine.FLOATS);
    }

    /**
     * VectorGemm, loaded by name on first use: no class of nn-blas refers to it directly, so that
     * javadoc (which would warn about the incubator module) never reads it, and a JVM without the
     * module never loads it.
     */
    private static final class Engine {
        static final Gemm INSTANCE = (Gemm) load("VectorGemm");
        static final FloatGemm FLOATS = (FloatGemm) load("VectorFloatGemm");

        private static Object load(String name) {
            try {
                return Class.forName("dev.nnj.blas." + name).getDeclaredField("INSTANCE").get(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("nn-blas's " + name + " cannot be loaded: " + e, e);
            }
        }
    }
}
