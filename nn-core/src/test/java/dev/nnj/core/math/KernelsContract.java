package dev.nnj.core.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * What every compute backend must do, checked against a plain triple loop: each element of a
 * product within 1e-13 · Σ|a·b| of the loop's (rounding only; an indexing error is off by far
 * more), accumulation where documented, shape errors in nnj's words, and results bit-identical for
 * 1, 2 and 3 threads. A backend's test extends this class.
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
