package dev.nnj.core.math;

import dev.nnj.api.DType;
import dev.nnj.api.GradientListener;
import dev.nnj.api.KernelShapes;
import dev.nnj.api.Parameter;
import dev.nnj.api.Tensor;

/**
 * {@link Kernels} on a row-major {@link Gemm}, for backends written in Java: the three products of
 * a dense layer and the strided {@link #gemm}, each product cut into blocks of its output shared
 * among nnj's threads by the rules of nn-blas: none for a product under {@value #MIN_SPLIT_WORK}
 * multiply-adds (it runs on the caller, with no lock, so that threads serving predictions at once
 * do not wait for each other), blocks of rows when the output has at least {@value #ROW_SPLIT_MIN}
 * rows ({@link #splitBlock}: 2 to 8 blocks; a gradient's in {@link #eighth}s), else one block of
 * columns per thread. A {@link Gemm} computes every element in an order that depends on k only,
 * so results are bit-identical for any thread count. The blocks of c += aᵀ·b are rows, and each
 * is reported to the gradient's listener on the thread that computed it, as soon as it is final.
 * Float32 tensors go to a {@link FloatGemm}, split by the same rules.
 */
public final class BlockedKernels implements Kernels {
    /** Rows or columns of the output per block (nn-blas's native kernels split by the same rules). */
    public static final int BLOCK = 32;
    /** From this many output rows on, blocks are rows; below it, columns. */
    public static final int ROW_SPLIT_MIN = 64;
    /** Products with fewer multiply-adds run as one call, on the caller. */
    public static final long MIN_SPLIT_WORK = 1 << 20;
    /** Multiply-adds per block of a split product, where it has enough for more than 2 blocks. */
    public static final long MIN_BLOCK_WORK = 1 << 23;

    private final Gemm engine;
    private final FloatGemm floatEngine;
    private final Partitioner partitioner;
    private final String description;
    private final Product product = new Product();

    /**
     * Creates kernels for one model.
     *
     * @param engine the product; called from several threads at once on disjoint blocks
     * @param threads how many threads a large product is shared among, the caller included, &gt;= 1
     * @param description what computes, for messages and {@code nnj list}
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public BlockedKernels(Gemm engine, int threads, String description) {
        this(engine, dev.nnj.api.Kernels.plain()::gemm, threads, description);
    }

    /**
     * Creates kernels for one model, with a float32 product of their own.
     *
     * @param engine the float64 product; called from several threads at once on disjoint blocks
     * @param floatEngine the float32 product, likewise
     * @param threads how many threads a large product is shared among, the caller included, &gt;= 1
     * @param description what computes, for messages and {@code nnj list}
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public BlockedKernels(Gemm engine, FloatGemm floatEngine, int threads, String description) {
        this.engine = engine;
        this.floatEngine = floatEngine;
        this.partitioner = Partitioner.of(threads);
        this.description = description;
    }

    @Override
    public void mult(Tensor a, Tensor b, Tensor c) {
        KernelShapes.mult(a, b, c);
        run(false, false, c.rows(), c.cols(), a.cols(), a, b, 0, c, null, GradientListener.NONE);
    }

    @Override
    public void multAddTransA(Tensor a, Tensor b, Tensor c) {
        KernelShapes.multAddTransA(a, b, c);
        run(true, false, c.rows(), c.cols(), a.rows(), a, b, 1, c, null, GradientListener.NONE);
    }

    @Override
    public void multAddTransA(Tensor a, Tensor b, Parameter target, GradientListener ready) {
        Tensor c = target.gradient();
        KernelShapes.multAddTransA(a, b, c);
        run(true, false, c.rows(), c.cols(), a.rows(), a, b, 1, c, target, ready);
    }

    @Override
    public void multTransB(Tensor a, Tensor b, Tensor c) {
        KernelShapes.multTransB(a, b, c);
        run(false, true, c.rows(), c.cols(), a.cols(), a, b, 0, c, null, GradientListener.NONE);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset,
            int lda, double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
        KernelShapes.gemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        engine.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
            int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        KernelShapes.gemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        floatEngine.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    /** Both element types. */
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

    /**
     * c[m, n] = op(a)·op(b) + beta·c on whole tensors (offsets 0, strides their columns), as one
     * call or in blocks. A parameter's gradient is split by rows only, so that each block reported
     * is a contiguous range.
     */
    private void run(boolean transA, boolean transB, int m, int n, int k, Tensor a, Tensor b, double beta, Tensor c,
            Parameter target, GradientListener ready) {
        long work = (long) m * n * k;
        if (work < MIN_SPLIT_WORK || partitioner.threads() == 1 && target == null) {
            if (c.dtype() == DType.F32) {
                floatEngine.gemm(transA, transB, m, n, k, 1f, a.floatData(), 0, a.cols(), b.floatData(), 0, b.cols(),
                        (float) beta, c.floatData(), 0, n);
            } else {
                engine.gemm(transA, transB, m, n, k, 1, a.data(), 0, a.cols(), b.data(), 0, b.cols(), beta, c.data(), 0,
                        n);
            }
            if (target != null) {
                ready.gradientReady(target, 0, m * n);
            }
            return;
        }
        boolean byRows = m >= ROW_SPLIT_MIN || target != null;
        synchronized (product) {
            product.set(transA, transB, m, n, k, a, b, beta, c, byRows, target, ready);
            try {
                if (byRows) {
                    int block = target != null ? eighth(m) : splitBlock(m, work);
                    partitioner.runInBlocks(m, block, product);
                } else {
                    partitioner.runInBlocks(n, columnBlock(n, partitioner.threads()), product);
                }
            } finally {
                product.clear();
            }
        }
    }

    /**
     * Rows per block of a gradient c += aᵀ·b split by rows: an eighth of them rounded up to a
     * multiple of {@value #BLOCK}, at least {@value #BLOCK}; small blocks, so that the optimizer
     * updates each soon after it is computed.
     *
     * @param rows the rows of c
     * @return the rows per block
     */
    public static int eighth(int rows) {
        return Math.max(BLOCK, (rows + 8 * BLOCK - 1) / (8 * BLOCK) * BLOCK);
    }

    /**
     * Rows or columns per block of any other split product of {@code work} multiply-adds: as many
     * blocks as {@value #MIN_BLOCK_WORK} goes into the work, at least 2 and at most 8, each a
     * multiple of {@value #BLOCK}. Few large blocks, because a BLAS call packs its operands anew
     * (on an Intel Xeon with AVX-512, one thread, OpenBLAS's 128x784x256 as 4 calls of 32 rows took
     * 1.25 times as long as one call, as 2 calls of 64 rows 1.12 times); at least 2, so that two
     * cores share any product worth splitting. Depends on the shapes only.
     *
     * @param length the rows or columns of the output being split
     * @param work the product's multiply-adds
     * @return the rows or columns per block, at most {@code length}
     */
    public static int splitBlock(int length, long work) {
        long blocks = Math.min(8, Math.max(2, work / MIN_BLOCK_WORK));
        int size = (int) ((length + blocks - 1) / blocks);
        return Math.min(Math.max(length, 1), Math.max(BLOCK, (size + BLOCK - 1) / BLOCK * BLOCK));
    }

    /**
     * Columns per block when a product is split by columns: one block per thread, a multiple of 8
     * columns and at least {@value #BLOCK}. Wider than nn-blas's blocks of 32 because a Java engine's
     * inner loops run along a row of the block (32 columns are 8 AVX2 steps, too short a loop);
     * allowed to depend on the thread count because a {@link Gemm}'s bits do not depend on the split.
     */
    static int columnBlock(int n, int threads) {
        int perThread = (n + threads - 1) / threads;
        return Math.max(BLOCK, (perThread + 7) / 8 * 8);
    }

    /** The operands of one split product, reused so that a call allocates nothing. */
    private final class Product implements Partitioner.RangeTask {
        private boolean transA;
        private boolean transB;
        private int m;
        private int n;
        private int k;
        private double[] a;
        private int lda;
        private double[] b;
        private int ldb;
        private double beta;
        private double[] c;
        private float[] af;
        private float[] bf;
        private float[] cf;
        private boolean byRows;
        private Parameter target;
        private GradientListener ready;

        void set(boolean transA, boolean transB, int m, int n, int k, Tensor a, Tensor b, double beta, Tensor c,
                boolean byRows, Parameter target, GradientListener ready) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            if (c.dtype() == DType.F32) {
                this.af = a.floatData();
                this.bf = b.floatData();
                this.cf = c.floatData();
            } else {
                this.a = a.data();
                this.b = b.data();
                this.c = c.data();
            }
            this.lda = a.cols();
            this.ldb = b.cols();
            this.beta = beta;
            this.byRows = byRows;
            this.target = target;
            this.ready = ready;
        }

        /** Drops the references to the caller's arrays. */
        void clear() {
            a = null;
            b = null;
            c = null;
            af = null;
            bf = null;
            cf = null;
            target = null;
            ready = null;
        }

        @Override
        public void run(int from, int to) {
            if (byRows) {
                compute(to - from, n, transA ? from : from * lda, 0, from * n);
                if (target != null) {
                    ready.gradientReady(target, from * n, to * n);
                }
            } else {
                compute(m, to - from, 0, transB ? from * ldb : from, from);
            }
        }

        /** One block: rows × cols of c from the given offsets, in the operands' type. */
        private void compute(int rows, int cols, int aAt, int bAt, int cAt) {
            if (cf != null) {
                floatEngine.gemm(transA, transB, rows, cols, k, 1f, af, aAt, lda, bf, bAt, ldb, (float) beta, cf, cAt, n);
            } else {
                engine.gemm(transA, transB, rows, cols, k, 1, a, aAt, lda, b, bAt, ldb, beta, c, cAt, n);
            }
        }
    }
}
