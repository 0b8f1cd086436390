package dev.nnj.api;

/**
 * The compute kernels of layers: the matrix products (plain, transposed, accumulating, and a
 * strided {@link #gemm} for im2col and per-example products), behind one small interface so that
 * the backend the user chose (EJML, OpenBLAS, the Vector API) runs every layer, nnj's and third
 * parties' alike. A layer gets them from {@link dev.nnj.api.spi.BuildContext#kernels()} when it is
 * built. Implementations must not allocate per call and must agree with {@link #plain()} within the
 * tolerance of the contract kit's {@code KernelsContract}. Tensors are used as row-major matrices of
 * {@code rows() x cols()}.
 *
 * <p>The tensor methods take tensors of one element type: {@link DType#F64}, and {@link DType#F32}
 * where {@link #supports(DType)} says so. Arrays of floats have their own
 * {@link #gemm(boolean, boolean, int, int, int, float, float[], int, int, float[], int, int, float,
 * float[], int, int) gemm}, whose default is a plain loop; a backend of nnj 0.1 keeps compiling and
 * computes float64 models as before, and nnj refuses to build a float32 model on it.
 */
@Spi
public interface Kernels {

    /**
     * c = a·b.
     *
     * @param a [m, k]; not modified
     * @param b [k, n]; not modified
     * @param c [m, n]; overwritten
     */
    void mult(Tensor a, Tensor b, Tensor c);

    /**
     * c += aᵀ·b.
     *
     * @param a [m, k]; not modified
     * @param b [m, n]; not modified
     * @param c [k, n]; accumulated into
     */
    void multAddTransA(Tensor a, Tensor b, Tensor c);

    /**
     * target's gradient += aᵀ·b, telling {@code ready} which parts of it are final. The default
     * reports the whole gradient after the product; a backend that splits the product may report
     * each part as soon as it is computed, on the thread that computed it.
     *
     * @param a [m, k]; not modified
     * @param b [m, n]; not modified
     * @param target its gradient [k, n] is accumulated into; its value is not read
     * @param ready told of each part of {@code target}'s gradient once it is final
     */
    default void multAddTransA(Tensor a, Tensor b, Parameter target, GradientListener ready) {
        multAddTransA(a, b, target.gradient());
        ready.gradientReady(target, 0, target.gradient().size());
    }

    /**
     * c = a·bᵀ.
     *
     * @param a [m, n]; not modified
     * @param b [k, n]; not modified
     * @param c [m, k]; overwritten
     */
    void multTransB(Tensor a, Tensor b, Tensor c);

    /**
     * Adds a row vector to every row: c[i, j] += v[0, j].
     *
     * @param c [m, n]; modified
     * @param v [1, n]; not modified
     */
    default void addRowVector(Tensor c, Tensor v) {
        if (c.dtype() == DType.F32) {
            PlainKernels.addRowVector(c.floatData(), v.floatData(), c.rows(), c.cols());
            return;
        }
        double[] cd = c.data();
        double[] vd = v.data();
        int n = c.cols();
        for (int i = 0, rows = c.rows(); i < rows; i++) {
            int off = i * n;
            for (int j = 0; j < n; j++) {
                cd[off + j] += vd[j];
            }
        }
    }

    /**
     * Accumulates the column sums: s[0, j] += Σ_i a[i, j].
     *
     * @param a [m, n]; not modified
     * @param s [1, n]; accumulated into
     */
    default void addColumnSums(Tensor a, Tensor s) {
        if (a.dtype() == DType.F32) {
            PlainKernels.addColumnSums(a.floatData(), s.floatData(), a.rows(), a.cols());
            return;
        }
        double[] ad = a.data();
        double[] sd = s.data();
        int n = a.cols();
        for (int i = 0, rows = a.rows(); i < rows; i++) {
            int off = i * n;
            for (int j = 0; j < n; j++) {
                sd[j] += ad[off + j];
            }
        }
    }

    /**
     * What these kernels compute with.
     *
     * @return what computes, for messages and {@code nnj list}, e.g. {@code EJML 0.46.1 CommonOps_DDRM}
     */
    default String description() {
        return getClass().getSimpleName();
    }

    /**
     * The number of threads the products run on, the caller included.
     *
     * @return how many threads the products use
     */
    default int threads() {
        return 1;
    }

    /**
     * c = alpha·op(a)·op(b) + beta·c on arrays with offsets and row strides, as BLAS's {@code dgemm}
     * (row-major): the product for operands inside larger buffers, e.g. one example's im2col
     * columns or one image's output channels. op(x) is x or xᵀ. The default is a plain loop; a
     * backend overrides it with its own product. With beta 0, c's old values are not read (NaN in
     * them does not propagate).
     *
     * @param transA whether op(a) is aᵀ (a then [k, m] in memory)
     * @param transB whether op(b) is bᵀ (b then [n, k] in memory)
     * @param m rows of op(a) and c
     * @param n columns of op(b) and c
     * @param k columns of op(a) and rows of op(b)
     * @param alpha the product's factor
     * @param a its values; not modified
     * @param aOffset where a's first row starts
     * @param lda the stride between a's rows in memory, at least its columns
     * @param b its values; not modified
     * @param bOffset where b's first row starts
     * @param ldb the stride between b's rows in memory, at least its columns
     * @param beta the factor of c's old values; 0 to overwrite
     * @param c its values; [m, n] starting at {@code cOffset} overwritten or accumulated into
     * @param cOffset where c's first row starts
     * @param ldc the stride between c's rows, at least n
     * @throws ShapeMismatchException if an operand does not fit its array
     */
    default void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset,
            int lda, double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
        PlainKernels.INSTANCE.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset,
                ldc);
    }

    /**
     * c = alpha·op(a)·op(b) + beta·c on float arrays: the float32 form of
     * {@link #gemm(boolean, boolean, int, int, int, double, double[], int, int, double[], int, int,
     * double, double[], int, int)}, with the same arguments. The default is a plain loop that
     * accumulates each element in float; a backend overrides it with its own product (BLAS's
     * {@code sgemm}).
     *
     * @param transA whether op(a) is aᵀ (a then [k, m] in memory)
     * @param transB whether op(b) is bᵀ (b then [n, k] in memory)
     * @param m rows of op(a) and c
     * @param n columns of op(b) and c
     * @param k columns of op(a) and rows of op(b)
     * @param alpha the product's factor
     * @param a its values; not modified
     * @param aOffset where a's first row starts
     * @param lda the stride between a's rows in memory, at least its columns
     * @param b its values; not modified
     * @param bOffset where b's first row starts
     * @param ldb the stride between b's rows in memory, at least its columns
     * @param beta the factor of c's old values; 0 to overwrite
     * @param c its values; [m, n] starting at {@code cOffset} overwritten or accumulated into
     * @param cOffset where c's first row starts
     * @param ldc the stride between c's rows, at least n
     * @throws ShapeMismatchException if an operand does not fit its array
     */
    default void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
            int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        PlainKernels.INSTANCE.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset,
                ldc);
    }

    /**
     * Whether the tensor methods take tensors of an element type. nnj builds a float32 model only on
     * kernels that say yes.
     *
     * @param type an element type
     * @return {@code true} for {@link DType#F64}, by default the only one
     */
    default boolean supports(DType type) {
        return type == DType.F64;
    }

    /**
     * Plain Java loops, single-threaded: what a layer computes with when its runtime offers no
     * backend, and the reference of the contract tests.
     *
     * @return the shared plain implementation
     */
    static Kernels plain() {
        return PlainKernels.INSTANCE;
    }
}
