package dev.nnj.core.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The contract of a {@link FloatGemm} that {@link BlockedKernels} runs float32 products on, as
 * {@link GemmContract} states it for {@link Gemm}: agreement with the plain loops at the edges of
 * its blocks, and the same bits for any split of the output. A Java backend's test extends this
 * class with its float engine.
 */
public abstract class FloatGemmContract {
    /**
     * Relative to a bound of the sum of |terms| (k here, the values lying in [-1, 1], plus
     * |beta·c0|): 170 times float's unit roundoff of 6e-8, as the kit's {@code KernelsContract}
     * allows float32 products (measured at 128x784x256: at most 4 roundoffs for the Java engine,
     * 1.1 for the Vector API's).
     */
    static final double TOLERANCE = 1e-5;

    /** @return the engine under test */
    protected abstract FloatGemm gemm();

    private static float[] random(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }

    private static double[] widen(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /**
     * {@link GemmContract}'s shapes across the block edges of nnj's engines (for floats the vectors
     * hold twice the values: columns by 16 and 32 as well), with alpha and beta not 0 or 1, against
     * the plain loops in double on the same floats, and the same bits when the output is computed
     * in two parts (rows or columns) as when it is computed whole.
     */
    @ParameterizedTest(name = "{0}x{2}·{2}x{1}, transA {3}, transB {4}")
    @CsvSource({"300, 517, 37, false, false", "73, 33, 300, false, false", "145, 20, 513, true, true",
        "13, 785, 257, false, true", "1, 517, 300, false, false", "5, 100, 600, true, false", "7, 15, 260, true, false",
        "129, 257, 17, true, false", "130, 259, 33, false, true", "131, 300, 15, true, true", "1, 1, 1, false, false",
        "2, 3, 0, false, true", "7, 65, 31, false, false", "1, 47, 20, true, false", "6, 32, 16, false, false"})
    void everyBlockEdgeAgreesWithThePlainLoopsAndAnySplitGivesTheSameBits(int m, int n, int k, boolean transA,
            boolean transB) {
        float alpha = 0.75f;
        float beta = -1.5f;
        int lda = (transA ? m : k) + 3;
        int ldb = (transB ? k : n) + 2;
        int ldc = n + 5;
        float[] a = random(lda * Math.max(transA ? k : m, 1), 1);
        float[] b = random(ldb * Math.max(transB ? n : k, 1), 2);
        float[] c0 = random(ldc * m, 3);
        double[] expected = widen(c0);
        dev.nnj.api.Kernels.plain().gemm(transA, transB, m, n, k, alpha, widen(a), 0, lda, widen(b), 0, ldb, beta,
                expected, 0, ldc);
        float[] whole = c0.clone();
        gemm().gemm(transA, transB, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, whole, 0, ldc);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], whole[i], TOLERANCE * (k + Math.abs(c0[i]) * 2), "c[" + i + "]");
        }
        float[] rows = c0.clone();
        int half = m / 2;
        gemm().gemm(transA, transB, half, n, k, alpha, a, 0, lda, b, 0, ldb, beta, rows, 0, ldc);
        gemm().gemm(transA, transB, m - half, n, k, alpha, a, transA ? half : half * lda, lda, b, 0, ldb,
                beta, rows, half * ldc, ldc);
        assertArrayEquals(whole, rows, 0f, "split by rows");
        float[] cols = c0.clone();
        int left = n / 3;
        gemm().gemm(transA, transB, m, left, k, alpha, a, 0, lda, b, 0, ldb, beta, cols, 0, ldc);
        gemm().gemm(transA, transB, m, n - left, k, alpha, a, 0, lda, b, transB ? left * ldb : left, ldb,
                beta, cols, left, ldc);
        assertArrayEquals(whole, cols, 0f, "split by columns");
    }
}
