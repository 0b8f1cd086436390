package dev.nnj.core.math;

import dev.nnj.api.DType;
import dev.nnj.api.Tensor;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * {@link Kernels} on EJML's {@code CommonOps_DDRM}, the reference implementation. Tensors are
 * handed to EJML through reused {@link DMatrixRMaj} views (one set per thread) that point at the
 * tensors' arrays: no copy and no allocation. Shapes are checked here, so that a mistake reads as
 * nnj's message, not as an exception from inside EJML.
 *
 * <p>EJML's {@code multTransB} is a dot-product loop bound by one dependent chain of additions
 * (about half the speed of {@code mult}), so a·bᵀ is computed as a·(bᵀ): b is transposed into a
 * scratch buffer (cheap: b is a weight matrix, smaller than the batch products) and multiplied
 * with the row-reordering {@code mult}. With more than one thread the {@code _MT_} variants are
 * used; they split output rows only, so results are bit-identical to one thread (tested). EJML's
 * thread count is process-wide ({@link EjmlConcurrency#setMaxThreads(int)}), and its pool
 * allocates a little per call.
 */
final class EjmlKernels implements Kernels {
    static final EjmlKernels INSTANCE = new EjmlKernels(1);
    private static final dev.nnj.api.Kernels PLAIN = dev.nnj.api.Kernels.plain();

    private final int threads;
    private final ThreadLocal<DMatrixRMaj[]> views =
            ThreadLocal.withInitial(() -> new DMatrixRMaj[] {view(), view(), view(), new DMatrixRMaj(1, 1)});

    private EjmlKernels(int threads) {
        this.threads = threads;
    }

    static EjmlKernels create(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1; got " + threads + ".");
        }
        if (threads == 1) {
            return INSTANCE;
        }
        EjmlConcurrency.setMaxThreads(threads);
        return new EjmlKernels(threads);
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
        if (c.dtype() == DType.F32) {
            PLAIN.mult(a, b, c); // checks the shapes itself
            return;
        }
        dev.nnj.api.KernelShapes.mult(a, b, c);
        DMatrixRMaj[] v = views.get();
        mult(point(v[0], a), point(v[1], b), point(v[2], c));
    }

    private void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        if (threads > 1) {
            CommonOps_MT_DDRM.mult(a, b, c);
        } else {
            CommonOps_DDRM.mult(a, b, c);
        }
    }

    @Override
    public void multAddTransA(Tensor a, Tensor b, Tensor c) {
        if (c.dtype() == DType.F32) {
            PLAIN.multAddTransA(a, b, c); // checks the shapes itself
            return;
        }
        dev.nnj.api.KernelShapes.multAddTransA(a, b, c);
        DMatrixRMaj[] v = views.get();
        if (threads > 1) {
            CommonOps_MT_DDRM.multAddTransA(point(v[0], a), point(v[1], b), point(v[2], c));
        } else {
            CommonOps_DDRM.multAddTransA(point(v[0], a), point(v[1], b), point(v[2], c));
        }
    }

    @Override
    public void multTransB(Tensor a, Tensor b, Tensor c) {
        if (c.dtype() == DType.F32) {
            PLAIN.multTransB(a, b, c); // checks the shapes itself
            return;
        }
        dev.nnj.api.KernelShapes.multTransB(a, b, c);
        DMatrixRMaj[] v = views.get();
        DMatrixRMaj bt = v[3];
        int size = b.rows() * b.cols();
        if (bt.data.length < size) {
            bt.data = new double[size];
        }
        bt.numRows = b.cols();
        bt.numCols = b.rows();
        CommonOps_DDRM.transpose(point(v[1], b), bt);
        mult(point(v[0], a), bt, point(v[2], c));
    }

    /** Both: float32 with nn-api's plain loops, EJML having no float matrices in ejml-ddense. */
    @Override
    public boolean supports(DType type) {
        return type == DType.F64 || type == DType.F32;
    }

    @Override
    public String description() {
        return "EJML " + org.ejml.EjmlVersion.VERSION + " CommonOps_" + (threads > 1 ? "MT_" : "") + "DDRM";
    }

    @Override
    public int threads() {
        return threads;
    }
}
