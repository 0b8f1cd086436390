package dev.nnj.blas;

import dev.ludovic.netlib.blas.BLAS;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Column-major {@code dgemm} with offsets. netlib's public {@code dgemm} checks an operand's bounds
 * as if every column were used to its full leading dimension, which refuses a block of rows inside
 * a matrix (the last column's rows past the block are counted although never read). nnj checks the
 * shapes of whole tensors itself ({@code KernelShapes}) and computes every offset from them, so
 * where the JVM allows it, this calls netlib's unchecked kernel {@code dgemmK} directly; elsewhere
 * (netlib on the module path, a future netlib without it) {@link #rowBlocksOnly()} is true and the
 * kernels split only in the ways the checked call accepts.
 */
final class Dgemm {
    private static final MethodType TYPE = MethodType.methodType(void.class, String.class, String.class, int.class,
            int.class, int.class, double.class, double[].class, int.class, int.class, double[].class, int.class,
            int.class, double.class, double[].class, int.class, int.class);

    private final BLAS blas;
    private final MethodHandle unchecked;

    Dgemm(BLAS blas) {
        this.blas = blas;
        this.unchecked = unchecked(blas, "dgemmK", TYPE);
    }

    /**
     * netlib's unchecked kernel of a BLAS call, bound to {@code blas}: its checked entry refuses an
     * operand that starts inside a row (a block of columns), which nnj's split needs.
     *
     * @return the method handle, or null where it cannot be reached (netlib on the module path)
     */
    static MethodHandle unchecked(BLAS blas, String name, MethodType type) {
        try {
            Class<?> base = Class.forName("dev.ludovic.netlib.blas.AbstractBLAS");
            if (!base.isInstance(blas)) {
                return null;
            }
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(base, MethodHandles.lookup());
            return lookup.findVirtual(base, name, type).bindTo(blas).asType(type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** @return whether only blocks that start a column (checked calls) may be used */
    boolean rowBlocksOnly() {
        return unchecked == null;
    }

    /** {@code dgemm}, unchecked where possible; the caller guarantees every index is in bounds. */
    void dgemm(String transa, String transb, int m, int n, int k, double[] a, int offa, int lda, double[] b, int offb,
            int ldb, double beta, double[] c, int offc, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (unchecked == null) {
            blas.dgemm(transa, transb, m, n, k, 1.0, a, offa, lda, b, offb, ldb, beta, c, offc, ldc);
            return;
        }
        try {
            unchecked.invokeExact(transa, transb, m, n, k, 1.0, a, offa, lda, b, offb, ldb, beta, c, offc, ldc);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("dgemm failed", t);
        }
    }
}
