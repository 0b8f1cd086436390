package dev.nnj.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ludovic.netlib.blas.JavaBLAS;
import dev.nnj.api.Tensor;
import dev.nnj.core.testing.LogCapture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When OpenBLAS's own threads would compete with nnj's, the user is told which variable to set, once. */
class BlasThreadsTest {
    private static final String OPENMP = "/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblasp-r0.3.21.so";
    private static final String PTHREAD = "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0";

    @Test
    void namesTheVariableOfEachOpenBlasBuild() {
        String omp = BlasThreads.advice(OPENMP, Map.of(), 2);
        assertEquals("OpenBLAS (OpenMP build) runs threads of its own (OMP_NUM_THREADS is not 1), which would "
                + "compete with nnj's 2 (about half the speed at batch 128 on 2 cores): nnj leaves the parallelism of "
                + "the products to OpenBLAS. For nnj's own split, faster on these shapes, set OMP_NUM_THREADS=1 in "
                + "the environment before Java starts (a JVM cannot change its own; the nnj command line does so by "
                + "starting its JVM again, unless NNJ_RELAUNCH=0).",
                omp);
        String pthreads = BlasThreads.advice(PTHREAD, Map.of("OMP_NUM_THREADS", "1"), 4);
        assertTrue(pthreads.contains("(pthreads build)") && pthreads.contains("set OPENBLAS_NUM_THREADS=1"), pthreads);
    }

    @Test
    void nnjSplitsNothingItselfWhereOpenBlasHasThreadsOfItsOwn() {
        assertEquals(1, BlasThreads.nnjThreads(BlasThreads.advice(OPENMP, Map.of(), 2), 2));
        assertEquals(2, BlasThreads.nnjThreads(BlasThreads.advice(OPENMP, Map.of("OMP_NUM_THREADS", "1"), 2), 2));
    }

    @Test
    void saysNothingWhenOpenBlasIsSingleThreadedOrNnjUsesOneThreadOrTheBlasIsAnother() {
        assertNull(BlasThreads.advice(OPENMP, Map.of("OMP_NUM_THREADS", "1"), 2));
        assertNull(BlasThreads.advice(PTHREAD, Map.of("OPENBLAS_NUM_THREADS", "1"), 2));
        assertNull(BlasThreads.advice(OPENMP, Map.of(), 1));
        assertNull(BlasThreads.advice("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3", Map.of(), 2));
    }

    @Test
    void warnsOnceWhenAProductIsFirstSplit() {
        // The warning goes to the capture, not to the build's output.
        try (LogCapture log = LogCapture.of("dev.nnj.blas")) {
            BlasThreads.reset(); // another test in this JVM may have warned already
            BlasKernels kernels = new BlasKernels(JavaBLAS.getInstance(), 2, "java", "advice");
            Tensor small = Tensor.zeros(4, 4);
            kernels.mult(small, small, Tensor.zeros(4, 4));
            assertEquals(List.of(), log.messages(), "a product that is not split says nothing");
            Tensor x = Tensor.zeros(128, 784);
            Tensor w = Tensor.zeros(784, 256);
            kernels.mult(x, w, Tensor.zeros(128, 256));
            kernels.mult(x, w, Tensor.zeros(128, 256));
            assertEquals(List.of("advice"), log.messages());
        }
    }
}
