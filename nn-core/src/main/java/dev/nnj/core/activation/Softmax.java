package dev.nnj.core.activation;

import dev.nnj.api.Activation;
import dev.nnj.api.DType;
import dev.nnj.api.Tensor;

/**
 * {@code softmax}, row by row: a_j = e^(z_j - m) / Σ_k e^(z_k - m) with m = max_k z_k.
 *
 * <p>Backward is the full Jacobian product: dL/dz_j = a_j (dL/da_j - Σ_k a_k dL/da_k). For
 * classification, prefer the {@code softmax-cross-entropy} loss on logits: it is fused and exact.
 */
public final class Softmax implements Activation {

    /**
     * The softmax over each row. It holds no state, so one instance may serve any number of layers
     * and threads.
     */
    public Softmax() {
    }

    @Override
    public void forward(Tensor z, Tensor a) {
        if (z.dtype() == DType.F32) {
            forwardAnyType(z, a);
            return;
        }
        double[] zd = z.data();
        double[] ad = a.data();
        int n = z.cols();
        for (int r = 0, rows = z.rows(); r < rows; r++) {
            int off = r * n;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, zd[off + j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double e = Math.exp(zd[off + j] - max);
                ad[off + j] = e;
                sum += e;
            }
            double inv = 1.0 / sum;
            for (int j = 0; j < n; j++) {
                ad[off + j] *= inv;
            }
        }
    }

    @Override
    public void backward(Tensor z, Tensor a, Tensor gradA, Tensor gradZ) {
        if (z.dtype() == DType.F32) {
            backwardAnyType(a, gradA, gradZ);
            return;
        }
        double[] ad = a.data();
        double[] ga = gradA.data();
        double[] gz = gradZ.data();
        int n = a.cols();
        for (int r = 0, rows = a.rows(); r < rows; r++) {
            int off = r * n;
            double dot = 0;
            for (int j = 0; j < n; j++) {
                dot += ad[off + j] * ga[off + j];
            }
            for (int j = 0; j < n; j++) {
                gz[off + j] = ad[off + j] * (ga[off + j] - dot);
            }
        }
    }

    /** The float32 path: each row's sums in double, the values rounded once. */
    private static void forwardAnyType(Tensor z, Tensor a) {
        int n = z.cols();
        for (int r = 0, rows = z.rows(); r < rows; r++) {
            int off = r * n;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, z.get(off + j));
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(z.get(off + j) - max);
            }
            for (int j = 0; j < n; j++) {
                a.set(off + j, Math.exp(z.get(off + j) - max) / sum);
            }
        }
    }

    private static void backwardAnyType(Tensor a, Tensor gradA, Tensor gradZ) {
        int n = a.cols();
        for (int r = 0, rows = a.rows(); r < rows; r++) {
            int off = r * n;
            double dot = 0;
            for (int j = 0; j < n; j++) {
                dot += a.get(off + j) * gradA.get(off + j);
            }
            for (int j = 0; j < n; j++) {
                gradZ.set(off + j, a.get(off + j) * (gradA.get(off + j) - dot));
            }
        }
    }

    /** Both element types; float32 rows are reduced in double. */
    @Override
    public boolean supports(DType type) {
        return type == DType.F64 || type == DType.F32;
    }

    @Override
    public String toString() {
        return "Softmax";
    }

    /** A loss on logits applies this itself, so nnj refuses it before one. */
    @Override
    public boolean outputFunction() {
        return true;
    }
}
