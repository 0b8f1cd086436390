package dev.nnj.core.math;

import dev.nnj.api.GradientListener;
import dev.nnj.api.Parameter;
import dev.nnj.api.Tensor;

/**
 * The matrix work of dense layers, behind one small interface so that faster implementations can
 * replace the EJML reference without touching any layer. Implementations must not allocate per
 * call. Tensors are used as row-major matrices of {@code rows() x cols()}.
 */
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
     * The kernels that layers use when no backend is given.
     *
     * @return the reference implementation on EJML, one thread
     */
    static Kernels defaultKernels() {
        return EjmlKernels.INSTANCE;
    }
}
