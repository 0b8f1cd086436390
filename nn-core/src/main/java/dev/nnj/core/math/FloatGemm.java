package dev.nnj.core.math;

/**
 * The float32 twin of {@link Gemm}: c = alpha·op(a)·op(b) + beta·c on float arrays, row-major,
 * unchecked, as BLAS's {@code sgemm}. A separate interface so that {@link Gemm} stays a functional
 * interface and an engine of nnj 0.2's first release keeps compiling.
 */
@FunctionalInterface
public interface FloatGemm {

    /**
     * Computes the product; the caller has checked the operands (see
     * {@link dev.nnj.api.KernelShapes#gemm(boolean, boolean, int, int, int, float[], int, int, float[],
     * int, int, float[], int, int)}). With beta 0, c's old values are not read.
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
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset, int lda,
            float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc);
}
