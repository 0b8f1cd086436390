package dev.nnj.core.math;

import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;

/** The shape checks of the three products, in one place, so that every backend words them alike. */
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

    private static void check(boolean ok, String op, Tensor a, Tensor b, Tensor c) {
        if (!ok) {
            throw new ShapeMismatchException("Cannot compute " + op + " with a " + a.shapeString() + ", b "
                    + b.shapeString() + " into c " + c.shapeString() + ".");
        }
    }
}
