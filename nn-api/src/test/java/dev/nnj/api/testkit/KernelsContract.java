package dev.nnj.api.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.DType;
import dev.nnj.api.Kernels;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * What every compute backend ({@link Kernels}) must do, checked against a plain triple loop: each
 * element of a product within 1e-13 · Σ|a·b| of the loop's (rounding only; an indexing error is off
 * by far more), accumulation where documented, the strided {@code gemm} inside larger arrays with
 * every transposition and beta, shape errors in nnj's words, and results bit-identical for 1, 2 and
 * 3 threads. A backend's test extends this class (nn-core's {@code KernelsContract} extends it for
 * backends of nn-core's {@code Backend} SPI).
 */
public abstract class KernelsContract {
    /** Relative to Σ_k |a_ik b_kj|: summation order changes only the last bits. */
    protected static final double TOLERANCE = 1e-13;

    /** @return the backend's kernels for {@code threads} threads */
    protected abstract Kernels kernels(int threads);

    private final SplittableRandom random = new SplittableRandom(17);

    private Tensor random(int rows, int cols) {
        Tensor t = Tensor.zeros(rows, cols);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = random.nextDouble(-1, 1);
        }
        return t;
    }

    @ParameterizedTest(name = "[{0}, {1}]·[{1}, {2}]")
    @CsvSource({"1, 784, 256", "32, 784, 256", "128, 256, 128", "7, 128, 10", "128, 784, 256", "5, 3, 1", "1, 1, 1"})
    void multMatchesTheTripleLoop(int m, int k, int n) {
        Tensor a = random(m, k);
        Tensor b = random(k, n);
        Tensor c = random(m, n);
        kernels(1).mult(a, b, c);
        assertClose(c, reference(a, b, m, k, n, false, false, null));
    }

    @ParameterizedTest(name = "[{1}, {0}]ᵀ·[{1}, {2}]")
    @CsvSource({"784, 1, 256", "784, 32, 256", "256, 128, 128", "128, 7, 10", "3, 5, 1"})
    void multAddTransAAccumulatesTheTripleLoop(int k, int m, int n) {
        Tensor a = random(m, k);
        Tensor b = random(m, n);
        Tensor c = random(k, n);
        Tensor before = c.copy();
        kernels(1).multAddTransA(a, b, c);
        assertClose(c, reference(a, b, k, m, n, true, false, before));
    }

    /**
     * The gradient product that reports its parts: the same bits as the plain one for 1 to 3
     * threads, each value reported once, and each part final when reported (the listener copies it
     * then; the copy must equal the end result).
     */
    @ParameterizedTest(name = "[{1}, {0}]ᵀ·[{1}, {2}], {3} threads")
    @CsvSource({"784, 32, 256, 1", "784, 32, 256, 2", "784, 128, 256, 3", "256, 128, 128, 2", "128, 7, 10, 2"})
    void multAddTransAReportsEveryFinishedPartOnce(int k, int m, int n, int threads) {
        Tensor a = random(m, k);
        Tensor b = random(m, n);
        Tensor start = random(k, n);
        Tensor expected = start.copy();
        kernels(threads).multAddTransA(a, b, expected);
        Parameter target = new Parameter("weight", ParameterRole.WEIGHT, Tensor.zeros(k, n), start.copy(), true);
        int[] reports = new int[k * n];
        double[] atReport = new double[k * n];
        kernels(threads).multAddTransA(a, b, target, (parameter, from, to) -> {
            assertSame(target, parameter);
            synchronized (reports) {
                for (int i = from; i < to; i++) {
                    reports[i]++;
                    atReport[i] = parameter.gradient().data()[i];
                }
            }
        });
        assertArrayEquals(expected.data(), target.gradient().data(), 0.0);
        assertArrayEquals(expected.data(), atReport, 0.0, "a part was reported before it was final");
        for (int i = 0; i < reports.length; i++) {
            assertEquals(1, reports[i], "value " + i + " reported " + reports[i] + " times");
        }
    }

    @ParameterizedTest(name = "[{0}, {1}]·[{2}, {1}]ᵀ")
    @CsvSource({"1, 256, 784", "32, 256, 784", "128, 128, 256", "7, 10, 128", "5, 1, 3"})
    void multTransBMatchesTheTripleLoop(int m, int n, int k) {
        Tensor a = random(m, n);
        Tensor b = random(k, n);
        Tensor c = random(m, k);
        kernels(1).multTransB(a, b, c);
        assertClose(c, reference(a, b, m, n, k, false, true, null));
    }

    @ParameterizedTest(name = "batch {0}")
    @CsvSource({"1", "3", "32", "128"})
    void resultsAreBitIdenticalForEveryThreadCount(int batch) {
        Tensor x = random(batch, 784);
        Tensor w = random(784, 256);
        Tensor dy = random(batch, 256);
        double[][] first = null;
        for (int threads = 1; threads <= 3; threads++) {
            Kernels k = kernels(threads);
            Tensor y = Tensor.zeros(batch, 256);
            Tensor dw = Tensor.zeros(784, 256);
            Tensor dx = Tensor.zeros(batch, 784);
            k.mult(x, w, y);
            k.multAddTransA(x, dy, dw);
            k.multTransB(dy, w, dx);
            double[][] results = {y.data(), dw.data(), dx.data()};
            if (first == null) {
                first = results;
            } else {
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(first[i], results[i], 0.0, "product " + i + " with " + threads + " threads");
                }
            }
        }
    }

    @Test
    void usesOnlyTheRowsInUse() {
        Tensor a = random(8, 4);
        a.setRows(3);
        Tensor b = random(4, 5);
        Tensor c = Tensor.zeros(8, 5);
        c.setRows(3);
        java.util.Arrays.fill(c.data(), 42.0);
        kernels(2).mult(a, b, c);
        assertClose(c, reference(a, b, 3, 4, 5, false, false, null));
        assertEquals(42.0, c.data()[3 * 5], "row 3 is beyond the rows in use and stays untouched");
    }

    @Test
    void rejectsShapesThatDoNotMultiply() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> kernels(1).mult(Tensor.zeros(2, 3), Tensor.zeros(4, 5), Tensor.zeros(2, 5)));
        assertEquals("Cannot compute a·b with a [2, 3], b [4, 5] into c [2, 5].", e.getMessage());
    }

    /**
     * c = alpha·op(a)·op(b) + beta·c with each operand inside a larger array (an offset, a row
     * stride wider than the row), for every transposition and three betas; the values around the
     * operands stay untouched.
     */
    @ParameterizedTest(name = "transA {0}, transB {1}, beta {2}")
    @CsvSource({"false, false, 0", "true, false, 0", "false, true, 1", "true, true, -2", "false, false, 1",
            "true, true, 0"})
    void gemmMatchesTheTripleLoopInsideLargerArrays(boolean transA, boolean transB, double beta) {
        int m = 5;
        int n = 7;
        int k = 3;
        double alpha = 0.5;
        Tensor opA = random(m, k);
        Tensor opB = random(k, n);
        Tensor c0 = random(m, n);
        double[] a = strided(transA ? transpose(opA) : opA, 3, 4);
        double[] b = strided(transB ? transpose(opB) : opB, 5, 2);
        double[] c = strided(c0, 7, 3);
        double[] before = c.clone();
        int lda = (transA ? m : k) + 4;
        int ldb = (transB ? k : n) + 2;
        kernels(1).gemm(transA, transB, m, n, k, alpha, a, 3, lda, b, 5, ldb, beta, c, 7, n + 3);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double expected = beta * c0.get(i, j);
                double scale = Math.abs(expected);
                for (int p = 0; p < k; p++) {
                    double term = alpha * opA.get(i, p) * opB.get(p, j);
                    expected += term;
                    scale += Math.abs(term);
                }
                int at = 7 + i * (n + 3) + j;
                assertEquals(expected, c[at], TOLERANCE * Math.max(scale, Double.MIN_NORMAL), "c[" + i + ", " + j + "]");
                before[at] = c[at];
            }
        }
        assertArrayEquals(before, c, 0.0, "gemm wrote outside c's rows");
    }

    /** With beta 0, c's old values are not read: a NaN there does not propagate, as in BLAS. */
    @Test
    void gemmWithBetaZeroOverwritesNaN() {
        double[] c = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        kernels(1).gemm(false, false, 2, 2, 1, 1.0, new double[] {1, 2}, 0, 1, new double[] {3, 4}, 0, 2, 0.0, c, 0, 2);
        assertArrayEquals(new double[] {3, 4, 6, 8}, c, 0.0);
    }

    @Test
    void gemmRefusesAnOperandOutsideItsArray() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> kernels(1).gemm(false, false,
                2, 2, 3, 1.0, new double[5], 0, 3, new double[6], 0, 2, 0.0, new double[4], 0, 2));
        assertEquals("Cannot read a as [2, 3] from offset 0 with row stride 3 in 5 values: the stride must be >= 3 and "
                + "the last row must end inside the array.", e.getMessage());
    }

    // Float32, for kernels that support it: products against the triple loop in double on the same
    // float values, within FLOAT_TOLERANCE · Σ|a·b| (float32's 2^-24 per rounding, a few hundred of
    // them on the way: far below any indexing error), and the same bits for every thread count.

    /** Relative to Σ_k |a_ik b_kj| for float32 products. */
    protected static final double FLOAT_TOLERANCE = 1e-5;

    /** @return whether this backend must compute float32 (nnj's own backends do); false by default */
    protected boolean mustSupportFloat32() {
        return false;
    }

    @Test
    void supportsFloat32WhereItMust() {
        assertTrue(kernels(1).supports(DType.F64), "every backend computes float64");
        if (mustSupportFloat32()) {
            assertTrue(kernels(1).supports(DType.F32), "this backend must support float32");
            assertTrue(kernels(2).supports(DType.F32), "with 2 threads too");
        }
    }

    private Tensor randomFloats(int rows, int cols) {
        Tensor t = Tensor.zeros(rows, cols, DType.F32);
        t.copyFrom(random(rows, cols));
        return t;
    }

    @ParameterizedTest(name = "float32 [{0}, {1}]·[{1}, {2}], {3} threads")
    @CsvSource({"1, 784, 256, 1", "32, 784, 256, 2", "128, 256, 128, 3", "7, 128, 10, 1", "5, 3, 1, 2",
            "130, 784, 70, 2"})
    void float32ProductsMatchTheTripleLoop(int m, int k, int n, int threads) {
        Kernels kernels = kernels(threads);
        if (!kernels.supports(DType.F32)) {
            assertFalse(mustSupportFloat32());
            return;
        }
        Tensor a = randomFloats(m, k);
        Tensor b = randomFloats(k, n);
        Tensor c = randomFloats(m, n);
        kernels.mult(a, b, c);
        assertClose(c, reference(a, b, m, k, n, false, false, null), FLOAT_TOLERANCE);
        Tensor bt = randomFloats(n, k);
        kernels.multTransB(a, bt, c);
        assertClose(c, reference(a, bt, m, k, n, false, true, null), FLOAT_TOLERANCE);
        Tensor dy = randomFloats(m, n);
        Tensor g = randomFloats(k, n);
        Tensor before = g.copy();
        kernels.multAddTransA(a, dy, g);
        assertClose(g, reference(a, dy, k, m, n, true, false, before), FLOAT_TOLERANCE);
    }

    @ParameterizedTest(name = "float32 batch {0}")
    @CsvSource({"1", "3", "32", "128"})
    void float32ResultsAreBitIdenticalForEveryThreadCountAndReportEveryPartOnce(int batch) {
        if (!kernels(1).supports(DType.F32)) {
            assertFalse(mustSupportFloat32());
            return;
        }
        Tensor x = randomFloats(batch, 784);
        Tensor w = randomFloats(784, 256);
        Tensor dy = randomFloats(batch, 256);
        float[][] first = null;
        for (int threads = 1; threads <= 3; threads++) {
            Kernels k = kernels(threads);
            Tensor y = Tensor.zeros(batch, 256, DType.F32);
            Parameter dw = new Parameter("weight", ParameterRole.WEIGHT, Tensor.zeros(784, 256, DType.F32),
                    Tensor.zeros(784, 256, DType.F32), true);
            Tensor dx = Tensor.zeros(batch, 784, DType.F32);
            k.mult(x, w, y);
            int[] reports = new int[784 * 256];
            float[] atReport = new float[reports.length];
            k.multAddTransA(x, dy, dw, (parameter, from, to) -> {
                synchronized (reports) {
                    for (int i = from; i < to; i++) {
                        reports[i]++;
                        atReport[i] = parameter.gradient().floatData()[i];
                    }
                }
            });
            k.multTransB(dy, w, dx);
            assertArrayEquals(dw.gradient().floatData(), atReport, "a part was reported before it was final");
            for (int i = 0; i < reports.length; i++) {
                assertEquals(1, reports[i], "value " + i + " reported " + reports[i] + " times");
            }
            float[][] results = {y.floatData(), dw.gradient().floatData(), dx.floatData()};
            if (first == null) {
                first = results;
            } else {
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(first[i], results[i], "product " + i + " with " + threads + " threads");
                }
            }
        }
    }

    /** The float gemm inside larger arrays, every transposition, three betas (0 over NaN). */
    @ParameterizedTest(name = "float32 transA {0}, transB {1}, beta {2}")
    @CsvSource({"false, false, 0", "true, false, 0", "false, true, 1", "true, true, -2", "false, false, 1",
            "true, true, 0"})
    void float32GemmMatchesTheTripleLoopInsideLargerArrays(boolean transA, boolean transB, float beta) {
        int m = 13;
        int n = 37;
        int k = 9;
        float alpha = 0.5f;
        Tensor opA = randomFloats(m, k);
        Tensor opB = randomFloats(k, n);
        Tensor c0 = randomFloats(m, n);
        float[] a = floats(strided(transA ? transpose(opA) : widen(opA), 3, 4));
        float[] b = floats(strided(transB ? transpose(opB) : widen(opB), 5, 2));
        float[] c = floats(strided(widen(c0), 7, 3));
        if (beta == 0) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, 7 + i * (n + 3), 7 + i * (n + 3) + n, Float.NaN);
            }
        }
        float[] before = c.clone();
        int lda = (transA ? m : k) + 4;
        int ldb = (transB ? k : n) + 2;
        kernels(1).gemm(transA, transB, m, n, k, alpha, a, 3, lda, b, 5, ldb, beta, c, 7, n + 3);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double expected = beta == 0 ? 0 : beta * c0.get(i, j);
                double scale = Math.abs(expected);
                for (int p = 0; p < k; p++) {
                    double term = alpha * opA.get(i, p) * opB.get(p, j);
                    expected += term;
                    scale += Math.abs(term);
                }
                int at = 7 + i * (n + 3) + j;
                assertEquals(expected, c[at], FLOAT_TOLERANCE * Math.max(scale, Double.MIN_NORMAL),
                        "c[" + i + ", " + j + "]");
                before[at] = c[at];
            }
        }
        assertArrayEquals(before, c, "gemm wrote outside c's rows");
    }

    private static Tensor widen(Tensor t) {
        Tensor out = Tensor.zeros(t.rows(), t.cols());
        out.copyFrom(t);
        return out;
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static Tensor transpose(Tensor t) {
        Tensor out = Tensor.zeros(t.cols(), t.rows());
        for (int r = 0; r < t.rows(); r++) {
            for (int c = 0; c < t.cols(); c++) {
                out.set(c, r, t.get(r, c));
            }
        }
        return out;
    }

    /** @return t's rows at {@code offset}, each followed by {@code pad} values of 99, and 99 after */
    private static double[] strided(Tensor t, int offset, int pad) {
        int ld = t.cols() + pad;
        double[] out = new double[offset + t.rows() * ld + 3];
        java.util.Arrays.fill(out, 99.0);
        for (int r = 0; r < t.rows(); r++) {
            System.arraycopy(t.data(), r * t.cols(), out, offset + r * ld, t.cols());
        }
        return out;
    }

    /**
     * The plain triple loop: c = op(a)·op(b) (+ c0). Also returns, in the second row of the array,
     * Σ|terms| per element for the tolerance.
     */
    private static double[][] reference(Tensor a, Tensor b, int m, int k, int n, boolean transA, boolean transB,
            Tensor c0) {
        double[] c = new double[m * n];
        double[] scale = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = c0 == null ? 0 : c0.get(i, j);
                double abs = Math.abs(s);
                for (int p = 0; p < k; p++) {
                    double term = (transA ? a.get(p, i) : a.get(i, p)) * (transB ? b.get(j, p) : b.get(p, j));
                    s += term;
                    abs += Math.abs(term);
                }
                c[i * n + j] = s;
                scale[i * n + j] = abs;
            }
        }
        return new double[][] {c, scale};
    }

    private static void assertClose(Tensor actual, double[][] expected) {
        assertClose(actual, expected, TOLERANCE);
    }

    private static void assertClose(Tensor actual, double[][] expected, double tolerance) {
        for (int i = 0; i < expected[0].length; i++) {
            double diff = Math.abs(actual.get(i) - expected[0][i]);
            if (!(diff <= tolerance * Math.max(expected[1][i], Double.MIN_NORMAL))) {
                throw new AssertionError("element " + i + ": " + actual.get(i) + ", triple loop " + expected[0][i]
                        + " (difference " + diff + " > " + tolerance + " · " + expected[1][i] + ")");
            }
        }
    }
}
