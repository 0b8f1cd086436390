package dev.nnj.blas;

import dev.ludovic.netlib.blas.BLAS;
import dev.nnj.api.DType;
import dev.nnj.api.GradientListener;
import dev.nnj.api.KernelShapes;
import dev.nnj.api.Parameter;
import dev.nnj.api.Tensor;
import dev.nnj.core.math.BlockedKernels;
import dev.nnj.core.math.FloatGemm;
import dev.nnj.core.math.Kernels;
import dev.nnj.core.math.Partitioner;

/**
 * {@link Kernels} on a netlib {@link BLAS} ({@code dgemm}). BLAS is column-major, nnj's tensors
 * are row-major: a row-major [r, c] matrix is the column-major [c, r] matrix, its transpose, so
 * C = A·B is computed as Cᵀ = Bᵀ·Aᵀ with no copy.
 *
 * <p>Each product is cut into fixed blocks of its output, one {@code dgemm} call each, shared
 * among nnj's threads: none for a product under {@value #MIN_SPLIT_WORK} multiply-adds (one call:
 * a thread hand-off would cost more), blocks of rows when the output has at least
 * {@value #ROW_SPLIT_MIN} rows (large batches), else blocks of columns (so that a batch of 32
 * still keeps two cores busy), 2 to 8 blocks by the work ({@link BlockedKernels#splitBlock}); the
 * rows of a gradient c += aᵀ·b in eighths ({@link BlockedKernels#eighth}). The blocks depend on
 * the shapes only, never on the thread count: OpenBLAS rounds differently for calls of different
 * shapes, so only the same calls give the same bits. No block divides a sum. The BLAS itself
 * should run single-threaded ({@code OMP_NUM_THREADS=1} and {@code OPENBLAS_NUM_THREADS=1}, as the
 * {@code nnj} launcher sets; {@link BlasThreads} warns otherwise).
 */
final class BlasKernels implements Kernels {
    /** Rows or columns of the output per {@code dgemm} call: the split rules of nnj's Java kernels. */
    static final int BLOCK = BlockedKernels.BLOCK;
    /** From this many output rows on, blocks are rows; below it, columns. */
    static final int ROW_SPLIT_MIN = BlockedKernels.ROW_SPLIT_MIN;
    /** Products with fewer multiply-adds run as one call. */
    static final long MIN_SPLIT_WORK = BlockedKernels.MIN_SPLIT_WORK;

    private final Dgemm dgemm;
    /** Float32 products: {@code sgemm} in blocks by the rules of nnj's Java kernels. */
    private final BlockedKernels floats;
    private final Partitioner partitioner;
    private final String description;
    /** What to tell the user when this splits a product while OpenBLAS has threads of its own; or null. */
    private final String threadAdvice;

    private final MultRows multRows = new MultRows();
    private final MultColumns multColumns = new MultColumns();
    private final MultAddTransA multAddTransA = new MultAddTransA();
    private final MultTransBRows multTransBRows = new MultTransBRows();
    private final MultTransBColumns multTransBColumns = new MultTransBColumns();

    BlasKernels(BLAS blas, int threads, String description, String threadAdvice) {
        this.dgemm = new Dgemm(blas);
        // netlib's Java sgemm sums in an order that depends on the block's width, which depends on the
        // thread count; nn-api's plain float loops do not (the Java fallback is not the fast path).
        FloatGemm floatEngine = blas instanceof dev.ludovic.netlib.blas.JavaBLAS ? dev.nnj.api.Kernels.plain()::gemm
                : new Sgemm(blas);
        // Only its float32 methods are called: the float64 engine given is never used.
        this.floats = new BlockedKernels(dev.nnj.api.Kernels.plain()::gemm, floatEngine, threads, description);
        this.partitioner = Partitioner.of(threads);
        this.description = description;
        this.threadAdvice = threadAdvice;
    }

    private boolean byRows(int outputRows) {
        return outputRows >= ROW_SPLIT_MIN || dgemm.rowBlocksOnly();
    }

    /**
     * Runs a product as blocks of rows ({@code rowTask}) or of columns ({@code columnTask}) of its
     * [rows, cols] output, by the rules of the class comment.
     */
    private void run(Operands rowTask, Operands columnTask, Tensor a, Tensor b, Tensor c, long work) {
        int rows = c.rows();
        if (work < MIN_SPLIT_WORK || rows == 0) {
            // On the caller with the operands as arguments, no lock: callers serving predictions run at once.
            rowTask.compute(a.data(), b.data(), c.data(), a.rows(), a.cols(), b.rows(), b.cols(), 0, rows);
        } else if (byRows(rows)) {
            BlasThreads.warnOnce(threadAdvice);
            int block = BlockedKernels.splitBlock(rows, work);
            synchronized (rowTask) {
                rowTask.set(a, b, c);
                partitioner.runInBlocks(rows, block, rowTask);
            }
        } else {
            BlasThreads.warnOnce(threadAdvice);
            synchronized (columnTask) {
                columnTask.set(a, b, c);
                partitioner.runInBlocks(c.cols(), BlockedKernels.splitBlock(c.cols(), work), columnTask);
            }
        }
    }

    @Override
    public void mult(Tensor a, Tensor b, Tensor c) {
        if (c.dtype() == DType.F32) {
            floats.mult(a, b, c); // checks the shapes itself
            return;
        }
        KernelShapes.mult(a, b, c);
        run(multRows, multColumns, a, b, c, (long) a.rows() * a.cols() * b.cols());
    }

    @Override
    public void multAddTransA(Tensor a, Tensor b, Tensor c) {
        if (c.dtype() == DType.F32) {
            floats.multAddTransA(a, b, c);
            return;
        }
        multAddTransA(a, b, c, null, GradientListener.NONE);
    }

    /** Reports each block of rows of the gradient to {@code ready} on the thread that computed it. */
    @Override
    public void multAddTransA(Tensor a, Tensor b, Parameter target, GradientListener ready) {
        if (target.gradient().dtype() == DType.F32) {
            floats.multAddTransA(a, b, target, ready);
            return;
        }
        multAddTransA(a, b, target.gradient(), target, ready);
    }

    private void multAddTransA(Tensor a, Tensor b, Tensor c, Parameter target, GradientListener ready) {
        KernelShapes.multAddTransA(a, b, c);
        long work = (long) a.rows() * a.cols() * b.cols();
        if (work >= MIN_SPLIT_WORK) {
            BlasThreads.warnOnce(threadAdvice);
        }
        if (work < MIN_SPLIT_WORK && !dgemm.rowBlocksOnly()) {
            // One block of every row, on the caller, without the shared operands' lock.
            addTransA(a.data(), b.data(), c.data(), a.rows(), a.cols(), b.cols(), 0, c.rows());
            ready.gradientReady(target, 0, c.size());
            return;
        }
        synchronized (multAddTransA) {
            multAddTransA.set(a, b, c);
            multAddTransA.target = target;
            multAddTransA.ready = ready;
            partitioner.runInBlocks(c.rows(), work < MIN_SPLIT_WORK ? Math.max(c.rows(), 1)
                    : BlockedKernels.eighth(c.rows()), multAddTransA);
        }
    }

    @Override
    public void multTransB(Tensor a, Tensor b, Tensor c) {
        if (c.dtype() == DType.F32) {
            floats.multTransB(a, b, c); // checks the shapes itself
            return;
        }
        KernelShapes.multTransB(a, b, c);
        run(multTransBRows, multTransBColumns, a, b, c, (long) a.rows() * a.cols() * b.rows());
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
            int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        floats.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    /** Both element types: float32 on {@code sgemm}. */
    @Override
    public boolean supports(DType type) {
        return type == DType.F64 || type == DType.F32;
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

        @Override
        public void run(int from, int to) {
            compute(a, b, c, aRows, aCols, bRows, bCols, from, to);
        }

        /** The product's part [from, to) (rows or columns, as the task splits), operands as arguments. */
        abstract void compute(double[] a, double[] b, double[] c, int aRows, int aCols, int bRows, int bCols, int from,
                int to);
    }

    /** C[k, n] += A[m, k]ᵀ·B[m, n], rows [r0, r1) of C, A read in place (needs unchecked calls). */
    private void addTransA(double[] a, double[] b, double[] c, int m, int k, int n, int r0, int r1) {
        dgemm.dgemm("N", "T", n, r1 - r0, m, b, 0, n, a, r0, k, 1.0, c, r0 * n, n);
    }

    /** C[m, n] = A[m, k]·B[k, n]; rows [r0, r1) of C: Cᵀ(n × m') = Bᵀ(n × k)·Aᵀ(k × m'). */
    private final class MultRows extends Operands {
        @Override
        void compute(double[] a, double[] b, double[] c, int aRows, int aCols, int bRows, int bCols, int r0, int r1) {
            int k = aCols;
            int n = bCols;
            dgemm.dgemm("N", "N", n, r1 - r0, k, b, 0, n, a, r0 * k, k, 0.0, c, r0 * n, n);
        }
    }

    /** C[m, n] = A[m, k]·B[k, n]; columns [j0, j1) of C: rows [j0, j1) of Cᵀ = rows [j0, j1) of Bᵀ · Aᵀ. */
    private final class MultColumns extends Operands {
        @Override
        void compute(double[] a, double[] b, double[] c, int aRows, int aCols, int bRows, int bCols, int j0, int j1) {
            int m = aRows;
            int k = aCols;
            int n = bCols;
            dgemm.dgemm("N", "N", j1 - j0, m, k, b, j0, n, a, 0, k, 0.0, c, j0, n);
        }
    }

    /**
     * C[k, n] += A[m, k]ᵀ·B[m, n]; rows [r0, r1) of C: Cᵀ(n × k') += Bᵀ(n × m)·(rows [r0, r1) of Aᵀ)ᵀ.
     * Where only checked calls are possible, Aᵀ is copied first so that each block of it starts a
     * column (m·k moves against the product's m·k·n multiply-adds).
     */
    private final class MultAddTransA extends Operands {
        private double[] transposed = new double[0];
        /** The parameter whose gradient is C, told of each finished block; or null. */
        Parameter target;
        GradientListener ready = GradientListener.NONE;

        @Override
        void set(Tensor ta, Tensor tb, Tensor tc) {
            super.set(ta, tb, tc);
            if (dgemm.rowBlocksOnly()) {
                transposeA();
            }
        }

        private void transposeA() {
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
        void compute(double[] a, double[] b, double[] c, int aRows, int aCols, int bRows, int bCols, int r0, int r1) {
            int m = aRows;
            int n = bCols;
            if (dgemm.rowBlocksOnly()) {
                dgemm.dgemm("N", "N", n, r1 - r0, m, b, 0, n, transposed, r0 * m, m, 1.0, c, r0 * n, n);
            } else {
                addTransA(a, b, c, m, aCols, n, r0, r1);
            }
            ready.gradientReady(target, r0 * n, r1 * n);
        }
    }

    /** C[m, k] = A[m, n]·B[k, n]ᵀ; rows [r0, r1) of C: Cᵀ(k × m') = B(k × n)·Aᵀ(n × m'). */
    private final class MultTransBRows extends Operands {
        @Override
        void compute(double[] a, double[] b, double[] c, int aRows, int aCols, int bRows, int bCols, int r0, int r1) {
            int n = aCols;
            int k = bRows;
            dgemm.dgemm("T", "N", k, r1 - r0, n, b, 0, n, a, r0 * n, n, 0.0, c, r0 * k, k);
        }
    }

    /** C[m, k] = A[m, n]·B[k, n]ᵀ; columns [j0, j1) of C: rows [j0, j1) of B · Aᵀ. */
    private final class MultTransBColumns extends Operands {
        @Override
        void compute(double[] a, double[] b, double[] c, int aRows, int aCols, int bRows, int bCols, int j0, int j1) {
            int m = aRows;
            int n = aCols;
            int k = bRows;
            dgemm.dgemm("T", "N", j1 - j0, m, n, b, j0 * n, n, a, 0, n, 0.0, c, j0, k);
        }
    }
}
