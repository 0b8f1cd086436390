package dev.nnj.core.math;

/** {@code ejml}: the reference backend on EJML's {@code CommonOps_DDRM} (and {@code _MT_} for threads). */
public final class EjmlBackend implements Backend {
    /** The reference rank: a backend that should be preferred to EJML where it runs ranks higher. */
    public static final int RANK = 100;

    /**
     * Creates the backend; {@link java.util.ServiceLoader} calls this through
     * {@code META-INF/services/dev.nnj.core.math.Backend}.
     */
    public EjmlBackend() {
    }

    @Override
    public String name() {
        return "ejml";
    }

    @Override
    public int rank() {
        return RANK;
    }

    @Override
    public Kernels create(int threads) {
        return EjmlKernels.create(threads);
    }
}
