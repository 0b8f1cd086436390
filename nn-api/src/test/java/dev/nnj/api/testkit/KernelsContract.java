package dev.nnj.api.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        for (int i = 0; i < expected[0].length; i++) {
            double diff = Math.abs(actual.data()[i] - expected[0][i]);
            if (!(diff <= TOLERANCE * Math.max(expected[1][i], Double.MIN_NORMAL))) {
                throw new AssertionError("element " + i + ": " + actual.data()[i] + ", triple loop " + expected[0][i]
                        + " (difference " + diff + " > " + TOLERANCE + " · " + expected[1][i] + ")");
            }
        }
    }
}
