package dev.nnj.core.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The contract of a {@link Gemm} that {@link BlockedKernels} runs on: agreement with the plain loops
 * at the edges of its blocks, and the same bits for any split of the output. A Java backend's test
 * extends this class with its engine.
 */
public abstract class GemmContract {

    /** @return the engine under test */
    protected abstract Gemm gemm();

    private static double[] random(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextDouble(-1, 1);
        }
        return values;
    }

    /**
     * Shapes across the block edges of nnj's engines (steps of k by 16 and 256, columns by 8, 16
     * and 256, rows by 6, 72 and 128), with alpha and beta
     * not 0 or 1, against the plain loops within 1e-13 of the sum of |terms|, and the same bits
     * when the output is computed in two parts (rows or columns) as when it is computed whole.
     */
    @ParameterizedTest(name = "{0}x{2}·{2}x{1}, transA {3}, transB {4}")
    @CsvSource({"300, 517, 37, false, false", "73, 33, 300, false, false", "145, 20, 513, true, true",
        "13, 785, 257, false, true", "1, 517, 300, false, false", "5, 100, 600, true, false", "7, 15, 260, true, false", "129, 257, 17, true, false", "130, 259, 33, false, true",
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
        gemm().gemm(transA, transB, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, whole, 0, ldc);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], whole[i], 1e-13 * (k + Math.abs(c0[i]) * 2), "c[" + i + "]");
        }
        double[] rows = c0.clone();
        int half = m / 2;
        gemm().gemm(transA, transB, half, n, k, alpha, a, 0, lda, b, 0, ldb, beta, rows, 0, ldc);
        gemm().gemm(transA, transB, m - half, n, k, alpha, a, transA ? half : half * lda, lda, b, 0, ldb,
                beta, rows, half * ldc, ldc);
        assertArrayEquals(whole, rows, 0.0, "split by rows");
        double[] cols = c0.clone();
        int left = n / 3;
        gemm().gemm(transA, transB, m, left, k, alpha, a, 0, lda, b, 0, ldb, beta, cols, 0, ldc);
        gemm().gemm(transA, transB, m, n - left, k, alpha, a, 0, lda, b, transB ? left * ldb : left, ldb,
                beta, cols, left, ldc);
        assertArrayEquals(whole, cols, 0.0, "split by columns");
    }
}
