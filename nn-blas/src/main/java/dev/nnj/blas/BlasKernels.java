package dev.nnj.blas;

import dev.ludovic.netlib.blas.BLAS;
import dev.nnj.api.Tensor;
import dev.nnj.core.math.KernelShapes;
import dev.nnj.core.math.Kernels;
import dev.nnj.core.math.Partitioner;

/**
 * {@link Kernels} on a netlib {@link BLAS} ({@code dgemm}). BLAS is column-major, nnj's tensors
 * are row-major: a row-major [r, c] matrix is the column-major [c, r] matrix, its transpose, so
 * C = A·B is computed as Cᵀ = Bᵀ·Aᵀ with no copy. With several threads, the output rows are split
 * into blocks of {@value #BLOCK_ROWS} rows, one {@code dgemm} call each, whatever the thread count
 * (never a split of a sum): OpenBLAS rounds differently for calls of different shapes, so only the
 * same calls give the same bits. The BLAS itself should then run single-threaded
 * ({@code OPENBLAS_NUM_THREADS=1}, as the {@code nnj} launcher sets).
 */
final class BlasKernels implements Kernels {
    /**
     * Rows of the output per {@code dgemm} call (system property {@code nnj.blas.blockRows},
     * default 32). Results depend on it, never on the thread count.
     */
    static final int BLOCK_ROWS = Integer.getInteger("nnj.blas.blockRows", 32);

    private final BLAS blas;
    private final Partitioner partitioner;
    private final String description;

    private final Mult mult = new Mult();
    private final MultAddTransA multAddTransA = new MultAddTransA();
    private final MultTransB multTransB = new MultTransB();

    BlasKernels(BLAS blas, int threads, String description) {
        this.blas = blas;
        this.partitioner = Partitioner.of(threads);
        this.description = description;
    }

    @Override
    public void mult(Tensor a, Tensor b, Tensor c) {
        KernelShapes.mult(a, b, c);
        synchronized (mult) {
            mult.set(a, b, c);
            partitioner.runInBlocks(a.rows(), BLOCK_ROWS, mult);
        }
    }

    @Override
    public void multAddTransA(Tensor a, Tensor b, Tensor c) {
        KernelShapes.multAddTransA(a, b, c);
        synchronized (multAddTransA) {
            multAddTransA.set(a, b, c);
            multAddTransA.transposeA();
            partitioner.runInBlocks(c.rows(), BLOCK_ROWS, multAddTransA);
        }
    }

    @Override
    public void multTransB(Tensor a, Tensor b, Tensor c) {
        KernelShapes.multTransB(a, b, c);
        synchronized (multTransB) {
            multTransB.set(a, b, c);
            partitioner.runInBlocks(a.rows(), BLOCK_ROWS, multTransB);
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int threads() {
        return partitioner.threads();
    }

    /** Operands of one product, reused so that a call allocates nothing. */
    private abstract static class Operands implements Partitioner.RangeTask {
        double[] a;
        double[] b;
        double[] c;
        int aRows;
        int aCols;
        int bRows;
        int bCols;

        void set(Tensor ta, Tensor tb, Tensor tc) {
            a = ta.data();
            b = tb.data();
            c = tc.data();
            aRows = ta.rows();
            aCols = ta.cols();
            bRows = tb.rows();
            bCols = tb.cols();
        }
    }

    /** C[m, n] = A[m, k]·B[k, n]; rows [r0, r1) of C: Cᵀ(n × m') = Bᵀ(n × k)·Aᵀ(k × m'). */
    private final class Mult extends Operands {
        @Override
        public void run(int r0, int r1) {
            int k = aCols;
            int n = bCols;
            blas.dgemm("N", "N", n, r1 - r0, k, 1.0, b, 0, n, a, r0 * k, k, 0.0, c, r0 * n, n);
        }
    }

    /**
     * C[k, n] += A[m, k]ᵀ·B[m, n]; rows [r0, r1) of C: Cᵀ(n × k') += Bᵀ(n × m)·At(m × k'), where
     * At = Aᵀ is copied first (row-major [k, m]), so that each part of it is a contiguous block:
     * netlib checks an operand's bounds by whole columns, which a row offset inside a column would
     * overrun. The copy costs m·k moves against the product's m·k·n multiply-adds.
     */
    private final class MultAddTransA extends Operands {
        private double[] transposed = new double[0];

        void transposeA() {
            int size = aRows * aCols;
            if (transposed.length < size) {
                transposed = new double[size];
            }
            for (int i = 0; i < aRows; i++) {
                int row = i * aCols;
                for (int j = 0; j < aCols; j++) {
                    transposed[j * aRows + i] = a[row + j];
                }
            }
        }

        @Override
        public void run(int r0, int r1) {
            int m = aRows;
            int n = bCols;
            blas.dgemm("N", "N", n, r1 - r0, m, 1.0, b, 0, n, transposed, r0 * m, m, 1.0, c, r0 * n, n);
        }
    }

    /** C[m, k] = A[m, n]·B[k, n]ᵀ; rows [r0, r1) of C: Cᵀ(k × m') = B(k × n)·Aᵀ(n × m'). */
    private final class MultTransB extends Operands {
        @Override
        public void run(int r0, int r1) {
            int n = aCols;
            int k = bRows;
            blas.dgemm("T", "N", k, r1 - r0, n, 1.0, b, 0, n, a, r0 * n, n, 0.0, c, r0 * k, k);
        }
    }
}
