package dev.nnj.blas;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * OpenBLAS starts threads of its own in every call unless told not to, and they compete with the
 * threads nnj splits a product among: measured on 2 cores, training at batch 128 ran at half speed
 * (48,193 samples/s with OpenBLAS on one thread, 18,994-24,275 without). The variable that tells it
 * depends on the build: {@code OMP_NUM_THREADS} for the OpenMP build (Debian's
 * {@code libopenblas0-openmp}), {@code OPENBLAS_NUM_THREADS} for the pthreads build. A JVM cannot
 * set its own environment: the nnj command line starts its JVM again with both set (unless
 * {@code NNJ_RELAUNCH=0}); in a program that uses nnj as a library without them, nnj calls OpenBLAS
 * from one thread and leaves the split to OpenBLAS, so that the two never compete (measured before:
 * 37,461-42,906 samples/s that way against 18,994-24,275 with both splitting, 41,976-48,193 with
 * nnj's split alone), and says so, once, at the first product large enough to split.
 */
final class BlasThreads {
    private static final Logger LOG = Logger.getLogger("dev.nnj.blas");
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private BlasThreads() {
    }

    /**
     * @param libraries the BLAS libraries the process mapped (paths)
     * @param env the process environment
     * @param threads nnj's kernel threads
     * @return what to tell the user, or null when OpenBLAS runs single-threaded or nnj uses one thread
     */
    static String advice(String libraries, Map<String, String> env, int threads) {
        if (threads < 2 || !libraries.contains("openblas")) {
            return null;
        }
        boolean openmp = libraries.contains("openmp");
        String variable = openmp ? "OMP_NUM_THREADS" : "OPENBLAS_NUM_THREADS";
        if ("1".equals(env.get(variable))) {
            return null;
        }
        return "OpenBLAS (" + (openmp ? "OpenMP" : "pthreads") + " build) runs threads of its own (" + variable
                + " is not 1), which would compete with nnj's " + threads + " (about half the speed at batch 128 on 2 "
                + "cores): nnj leaves the parallelism of the products to OpenBLAS. For nnj's own split, faster on "
                + "these shapes, set " + variable + "=1 in the environment before Java starts (a JVM cannot change "
                + "its own; the nnj command line does so by starting its JVM again, unless NNJ_RELAUNCH=0).";
    }

    /**
     * OpenBLAS's threads and nnj's never compete: where OpenBLAS has its own, it alone splits.
     *
     * @param advice what {@link #advice} said, or null
     * @param threads the threads the user asked nnj for
     * @return the threads nnj splits products among: 1 where OpenBLAS has threads of its own
     */
    static int nnjThreads(String advice, int threads) {
        return advice == null ? threads : 1;
    }

    /** Forgets that the warning was given (tests). */
    static void reset() {
        WARNED.set(false);
    }

    /** Logs {@code advice} the first time it is called with one, in this JVM. */
    static void warnOnce(String advice) {
        if (advice != null && WARNED.compareAndSet(false, true)) {
            LOG.warning(advice);
        }
    }
}
