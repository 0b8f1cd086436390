package dev.nnj.core.math;

import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * {@link Kernels} on EJML's {@code CommonOps_DDRM}, the reference implementation. Tensors are
 * handed to EJML through reused {@link DMatrixRMaj} views (one set per thread) that point at the
 * tensors' arrays: no copy and no allocation. Shapes are checked here, so that a mistake reads as
 * nnj's message, not as an exception from inside EJML.
 */
final class EjmlKernels implements Kernels {
    static final EjmlKernels INSTANCE = new EjmlKernels();

    private final ThreadLocal<DMatrixRMaj[]> views =
            ThreadLocal.withInitial(() -> new DMatrixRMaj[] {view(), view(), view()});

    private EjmlKernels() {
    }

    private static DMatrixRMaj view() {
        return new DMatrixRMaj(1, 1);
    }

    private static DMatrixRMaj point(DMatrixRMaj m, Tensor t) {
        m.data = t.data();
        m.numRows = t.rows();
        m.numCols = t.cols();
        return m;
    }

    @Override
    public void mult(Tensor a, Tensor b, Tensor c) {
        check(a.cols() == b.rows() && c.rows() == a.rows() && c.cols() == b.cols(), "a·b", a, b, c);
        DMatrixRMaj[] v = views.get();
        CommonOps_DDRM.mult(point(v[0], a), point(v[1], b), point(v[2], c));
    }

    @Override
    public void multAddTransA(Tensor a, Tensor b, Tensor c) {
        check(a.rows() == b.rows() && c.rows() == a.cols() && c.cols() == b.cols(), "c + aᵀ·b", a, b, c);
        DMatrixRMaj[] v = views.get();
        CommonOps_DDRM.multAddTransA(point(v[0], a), point(v[1], b), point(v[2], c));
    }

    @Override
    public void multTransB(Tensor a, Tensor b, Tensor c) {
        check(a.cols() == b.cols() && c.rows() == a.rows() && c.cols() == b.rows(), "a·bᵀ", a, b, c);
        DMatrixRMaj[] v = views.get();
        CommonOps_DDRM.multTransB(point(v[0], a), point(v[1], b), point(v[2], c));
    }

    private static void check(boolean ok, String op, Tensor a, Tensor b, Tensor c) {
        if (!ok) {
            throw new ShapeMismatchException("Cannot compute " + op + " with a " + a.shapeString() + ", b "
                    + b.shapeString() + " into c " + c.shapeString() + ".");
        }
    }
}
