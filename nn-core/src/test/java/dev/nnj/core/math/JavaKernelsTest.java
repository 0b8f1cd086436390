package dev.nnj.core.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kernel contract on nnj's Java kernels, the default backend where no native BLAS is installed. */
class JavaKernelsTest extends KernelsContract {
    @Override
    protected Kernels kernels(int threads) {
        return new JavaBackend().create(threads);
    }

    private static double[] random(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextDouble(-1, 1);
        }
        return values;
    }

    /**
     * Shapes across every block edge of {@link JavaGemm} (KC 16, NC 256, MC 128) with alpha and beta
     * not 0 or 1, against the plain loops within 1e-13 of the sum of |terms|, and the same bits
     * when the output is computed in two parts (rows or columns) as when it is computed whole.
     */
    @ParameterizedTest(name = "{0}x{2}·{2}x{1}, transA {3}, transB {4}")
    @CsvSource({"300, 517, 37, false, false", "129, 257, 17, true, false", "130, 259, 33, false, true",
        "131, 300, 15, true, true", "1, 1, 1, false, false", "2, 3, 0, false, true"})
    void everyBlockEdgeAgreesWithThePlainLoopsAndAnySplitGivesTheSameBits(int m, int n, int k, boolean transA,
            boolean transB) {
        double alpha = 0.75;
        double beta = -1.5;
        int lda = (transA ? m : k) + 3;
        int ldb = (transB ? k : n) + 2;
        int ldc = n + 5;
        double[] a = random(lda * Math.max(transA ? k : m, 1), 1);
        double[] b = random(ldb * Math.max(transB ? n : k, 1), 2);
        double[] c0 = random(ldc * m, 3);
        double[] expected = c0.clone();
        dev.nnj.api.Kernels.plain().gemm(transA, transB, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, expected, 0,
                ldc);
        double[] whole = c0.clone();
        JavaGemm.INSTANCE.gemm(transA, transB, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, whole, 0, ldc);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], whole[i], 1e-13 * (k + Math.abs(c0[i]) * 2) , "c[" + i + "]");
        }
        double[] rows = c0.clone();
        int half = m / 2;
        JavaGemm.INSTANCE.gemm(transA, transB, half, n, k, alpha, a, 0, lda, b, 0, ldb, beta, rows, 0, ldc);
        JavaGemm.INSTANCE.gemm(transA, transB, m - half, n, k, alpha, a, transA ? half : half * lda, lda, b, 0, ldb,
                beta, rows, half * ldc, ldc);
        assertArrayEquals(whole, rows, 0.0, "split by rows");
        double[] cols = c0.clone();
        int left = n / 3;
        JavaGemm.INSTANCE.gemm(transA, transB, m, left, k, alpha, a, 0, lda, b, 0, ldb, beta, cols, 0, ldc);
        JavaGemm.INSTANCE.gemm(transA, transB, m, n - left, k, alpha, a, 0, lda, b, transB ? left * ldb : left, ldb,
                beta, cols, left, ldc);
        assertArrayEquals(whole, cols, 0.0, "split by columns");
    }
}
