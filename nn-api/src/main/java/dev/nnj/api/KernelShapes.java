package dev.nnj.api;


/**
 * The shape checks of the {@link Kernels} products, in one place, so that every backend words them
 * alike.
 */
public final class KernelShapes {
    private KernelShapes() {
    }

    /**
     * Checks the shapes of c = a·b.
     *
     * @param a [m, k]; not modified
     * @param b [k, n]; not modified
     * @param c [m, n]; not modified
     * @throws ShapeMismatchException naming the product and all three shapes
     */
    public static void mult(Tensor a, Tensor b, Tensor c) {
        check(a.cols() == b.rows() && c.rows() == a.rows() && c.cols() == b.cols(), "a·b", a, b, c);
    }

    /**
     * Checks the shapes of c += aᵀ·b.
     *
     * @param a [m, k]; not modified
     * @param b [m, n]; not modified
     * @param c [k, n]; not modified
     * @throws ShapeMismatchException naming the product and all three shapes
     */
    public static void multAddTransA(Tensor a, Tensor b, Tensor c) {
        check(a.rows() == b.rows() && c.rows() == a.cols() && c.cols() == b.cols(), "c + aᵀ·b", a, b, c);
    }

    /**
     * Checks the shapes of c = a·bᵀ.
     *
     * @param a [m, n]; not modified
     * @param b [k, n]; not modified
     * @param c [m, k]; not modified
     * @throws ShapeMismatchException naming the product and all three shapes
     */
    public static void multTransB(Tensor a, Tensor b, Tensor c) {
        check(a.cols() == b.cols() && c.rows() == a.rows() && c.cols() == b.rows(), "a·bᵀ", a, b, c);
    }

    /**
     * Checks the sizes of {@link Kernels#gemm}: that every operand's rows lie inside its array.
     *
     * @param transA whether a is read transposed
     * @param transB whether b is read transposed
     * @param m rows of op(a) and c, &gt;= 0
     * @param n columns of op(b) and c, &gt;= 0
     * @param k columns of op(a), rows of op(b), &gt;= 0
     * @param a its values; not modified
     * @param aOffset where a starts in {@code a}
     * @param lda the stride between a's rows
     * @param b its values; not modified
     * @param bOffset where b starts in {@code b}
     * @param ldb the stride between b's rows
     * @param c its values; not modified
     * @param cOffset where c starts in {@code c}
     * @param ldc the stride between c's rows
     * @throws ShapeMismatchException naming the operand that does not fit
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOffset, int lda,
            double[] b, int bOffset, int ldb, double[] c, int cOffset, int ldc) {
        sizes(m, n, k);
        operand("a", a.length, aOffset, lda, transA ? k : m, transA ? m : k);
        operand("b", b.length, bOffset, ldb, transB ? n : k, transB ? k : n);
        operand("c", c.length, cOffset, ldc, m, n);
    }

    /**
     * Checks the operands of a float32 {@link Kernels#gemm(boolean, boolean, int, int, int, float,
     * float[], int, int, float[], int, int, float, float[], int, int)}, as
     * {@link #gemm(boolean, boolean, int, int, int, double[], int, int, double[], int, int, double[],
     * int, int)} does for float64.
     *
     * @param transA whether a is stored transposed
     * @param transB whether b is stored transposed
     * @param m rows of op(a) and c
     * @param n columns of op(b) and c
     * @param k columns of op(a) and rows of op(b)
     * @param a a's values
     * @param aOffset where a starts
     * @param lda a's row stride
     * @param b b's values
     * @param bOffset where b starts
     * @param ldb b's row stride
     * @param c c's values
     * @param cOffset where c starts
     * @param ldc c's row stride
     * @throws ShapeMismatchException if a size is negative or an operand does not fit its array
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset, int lda,
            float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc) {
        sizes(m, n, k);
        operand("a", a.length, aOffset, lda, transA ? k : m, transA ? m : k);
        operand("b", b.length, bOffset, ldb, transB ? n : k, transB ? k : n);
        operand("c", c.length, cOffset, ldc, m, n);
    }

    private static void sizes(int m, int n, int k) {
        if (m < 0 || n < 0 || k < 0) {
            throw new ShapeMismatchException("Cannot compute a product of m " + m + ", n " + n + ", k " + k
                    + ": sizes must be >= 0.");
        }
    }

    private static void operand(String name, int length, int offset, int ld, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        long last = offset + (long) (rows - 1) * ld + cols;
        if (offset < 0 || ld < cols || last > length) {
            throw new ShapeMismatchException("Cannot read " + name + " as [" + rows + ", " + cols + "] from offset "
                    + offset + " with row stride " + ld + " in " + length + " values: the stride must be >= "
                    + cols + " and the last row must end inside the array.");
        }
    }

    private static void check(boolean ok, String op, Tensor a, Tensor b, Tensor c) {
        if (ok && (a.dtype() != c.dtype() || b.dtype() != c.dtype())) {
            throw new ShapeMismatchException("Cannot compute " + op + " with a " + a.dtype() + " a, " + b.dtype()
                    + " b and " + c.dtype() + " c: the operands of a product hold one element type.");
        }
        if (!ok) {
            throw new ShapeMismatchException("Cannot compute " + op + " with a " + a.shapeString() + ", b "
                    + b.shapeString() + " into c " + c.shapeString() + ".");
        }
    }
}
