package dev.nnj.blas;

import dev.ludovic.netlib.blas.BLAS;
import dev.nnj.core.math.FloatGemm;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * A row-major {@link FloatGemm} on BLAS's column-major {@code sgemm}: a row-major [m, n] product is
 * the column-major [n, m] product of the operands swapped, so c = op(a)·op(b) is
 * {@code sgemm(op_b, op_a, n, m, k, b, a, c)} with the same strides, and no copy. As {@link Dgemm},
 * it calls netlib's unchecked {@code sgemmK}, whose checked entry refuses an operand that starts
 * inside a row (a block of columns); where that method cannot be reached it computes with nn-api's
 * plain float loops instead.
 */
final class Sgemm implements FloatGemm {
    private static final MethodType TYPE = MethodType.methodType(void.class, String.class, String.class, int.class,
            int.class, int.class, float.class, float[].class, int.class, int.class, float[].class, int.class,
            int.class, float.class, float[].class, int.class, int.class);

    private final MethodHandle unchecked;

    Sgemm(BLAS blas) {
        this.unchecked = Dgemm.unchecked(blas, "sgemmK", TYPE);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset, int lda,
            float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            // c = beta·c, the product of nothing, without a BLAS call: with k = 0 a transposed
            // operand may have a row stride of 0, which a native BLAS refuses (and aborts on).
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int at = cOffset + i * ldc + j;
                    c[at] = beta == 0 ? 0f : beta * c[at];
                }
            }
            return;
        }
        if (unchecked == null) {
            dev.nnj.api.Kernels.plain().gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c,
                    cOffset, ldc);
            return;
        }
        String opB = transB ? "T" : "N";
        String opA = transA ? "T" : "N";
        try {
            unchecked.invokeExact(opB, opA, n, m, k, alpha, b, bOffset, ldb, a, aOffset, lda, beta, c, cOffset, ldc);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("sgemm failed", t);
        }
    }
}
