package dev.nnj.core.math;

import dev.nnj.api.Tensor;

/**
 * The shape checks of the three products; moved to nn-api ({@link dev.nnj.api.KernelShapes}) so
 * that backends and layers outside nn-core word them alike. Kept for code written against 0.1.
 *
 * @deprecated use {@link dev.nnj.api.KernelShapes}
 */
@Deprecated(since = "0.2")
public final class KernelShapes {
    private KernelShapes() {
    }

    /**
     * Checks the shapes of c = a·b.
     *
     * @param a [m, k]; not modified
     * @param b [k, n]; not modified
     * @param c [m, n]; not modified
     * @throws dev.nnj.api.ShapeMismatchException naming the product and all three shapes
     */
    public static void mult(Tensor a, Tensor b, Tensor c) {
        dev.nnj.api.KernelShapes.mult(a, b, c);
    }

    /**
     * Checks the shapes of c += aᵀ·b.
     *
     * @param a [m, k]; not modified
     * @param b [m, n]; not modified
     * @param c [k, n]; not modified
     * @throws dev.nnj.api.ShapeMismatchException naming the product and all three shapes
     */
    public static void multAddTransA(Tensor a, Tensor b, Tensor c) {
        dev.nnj.api.KernelShapes.multAddTransA(a, b, c);
    }

    /**
     * Checks the shapes of c = a·bᵀ.
     *
     * @param a [m, n]; not modified
     * @param b [k, n]; not modified
     * @param c [m, k]; not modified
     * @throws dev.nnj.api.ShapeMismatchException naming the product and all three shapes
     */
    public static void multTransB(Tensor a, Tensor b, Tensor c) {
        dev.nnj.api.KernelShapes.multTransB(a, b, c);
    }
}
