package dev.nnj.api;

/** {@link Kernels#plain()}: loops in the order that lets the JIT vectorise the innermost one. */
final class PlainKernels implements Kernels {
    static final PlainKernels INSTANCE = new PlainKernels();

    private PlainKernels() {
    }

    @Override
    public void mult(Tensor a, Tensor b, Tensor c) {
        KernelShapes.mult(a, b, c);
        gemm(false, false, a.rows(), b.cols(), a.cols(), 1, a.data(), 0, a.cols(), b.data(), 0, b.cols(), 0,
                c.data(), 0, c.cols());
    }

    @Override
    public void multAddTransA(Tensor a, Tensor b, Tensor c) {
        KernelShapes.multAddTransA(a, b, c);
        gemm(true, false, a.cols(), b.cols(), a.rows(), 1, a.data(), 0, a.cols(), b.data(), 0, b.cols(), 1,
                c.data(), 0, c.cols());
    }

    @Override
    public void multTransB(Tensor a, Tensor b, Tensor c) {
        KernelShapes.multTransB(a, b, c);
        gemm(false, true, a.rows(), b.rows(), a.cols(), 1, a.data(), 0, a.cols(), b.data(), 0, b.cols(), 0,
                c.data(), 0, c.cols());
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset,
            int lda, double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
        KernelShapes.gemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        for (int i = 0; i < m; i++) {
            int ci = cOffset + i * ldc;
            if (beta == 0) {
                java.util.Arrays.fill(c, ci, ci + n, 0.0);
            } else if (beta != 1) {
                for (int j = 0; j < n; j++) {
                    c[ci + j] *= beta;
                }
            }
            if (!transB) {
                for (int p = 0; p < k; p++) {
                    double av = alpha * (transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p]);
                    int bp = bOffset + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += av * b[bp + j];
                    }
                }
            } else {
                for (int j = 0; j < n; j++) {
                    int bj = bOffset + j * ldb;
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum += (transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p]) * b[bj + p];
                    }
                    c[ci + j] += alpha * sum;
                }
            }
        }
    }

    @Override
    public String description() {
        return "plain Java loops (nn-api)";
    }
}
