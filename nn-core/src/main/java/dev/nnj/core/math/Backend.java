package dev.nnj.core.math;

import java.util.Optional;

/**
 * A compute backend: an implementation of {@link Kernels}, found with
 * {@link java.util.ServiceLoader} (service file
 * {@code META-INF/services/dev.nnj.core.math.Backend}) and chosen by {@link #rank()} among those
 * available, unless the user names one ({@code --backend}, {@code -Dnnj.backend}). Every backend
 * must agree with the EJML reference within the tolerance its contract test states.
 */
public interface Backend {

    /**
     * The name of this backend.
     *
     * @return the name users choose it by, e.g. {@code ejml}
     */
    String name();

    /**
     * How much this backend is preferred when the user names none.
     *
     * @return the preference among available backends; the highest wins. EJML's is 100.
     */
    int rank();

    /**
     * Whether this backend can run on this machine (a native library or a JDK module may be
     * missing).
     *
     * @return empty when the backend can run here, else why not (shown by {@code nnj list})
     */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /**
     * Creates the kernels of one model.
     *
     * @param threads how many threads the kernels may use, >= 1; results must not depend on it
     * @return kernels for one model; not required to be safe for concurrent calls
     */
    Kernels create(int threads);
}
