package dev.nnj.core.math;

/**
 * A row-major matrix product with offsets and strides, the engine of {@link BlockedKernels}: c =
 * alpha·op(a)·op(b) + beta·c, as {@link dev.nnj.api.Kernels#gemm} documents it, but with the
 * bounds already checked by the caller.
 *
 * <p>An implementation must be safe to call from several threads at once on disjoint parts of c,
 * must not allocate per call once warmed up, and must compute every element of c in an order that
 * depends only on {@code k} (never on {@code m}, {@code n} or where the block starts): then any
 * split of the output among threads gives bit-identical results, which {@link BlockedKernels}
 * relies on. With beta 0, c's old values are not read.
 */
@FunctionalInterface
public interface Gemm {

    /**
     * c = alpha·op(a)·op(b) + beta·c on row-major arrays; every index is in bounds (checked by the
     * caller).
     *
     * @param transA whether op(a) is aᵀ (a then [k, m] in memory)
     * @param transB whether op(b) is bᵀ (b then [n, k] in memory)
     * @param m rows of op(a) and c
     * @param n columns of op(b) and c
     * @param k columns of op(a) and rows of op(b)
     * @param alpha the product's factor
     * @param a its values; not modified
     * @param aOffset where a's first row starts
     * @param lda the stride between a's rows
     * @param b its values; not modified
     * @param bOffset where b's first row starts
     * @param ldb the stride between b's rows
     * @param beta the factor of c's old values; 0 to overwrite
     * @param c its values; [m, n] from {@code cOffset} overwritten or accumulated into
     * @param cOffset where c's first row starts
     * @param ldc the stride between c's rows
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset, int lda,
            double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc);
}
