package dev.nnj.api;

/** {@link Kernels#plain()}: loops in the order that lets the JIT vectorise the innermost one. */
final class PlainKernels implements Kernels {
    static final PlainKernels INSTANCE = new PlainKernels();

    private PlainKernels() {
    }

    @Override
    public void mult(Tensor a, Tensor b, Tensor c) {
        KernelShapes.mult(a, b, c);
        if (c.dtype() == DType.F32) {
            gemm(false, false, a.rows(), b.cols(), a.cols(), 1f, a.floatData(), 0, a.cols(), b.floatData(), 0,
                    b.cols(), 0f, c.floatData(), 0, c.cols());
            return;
        }
        gemm(false, false, a.rows(), b.cols(), a.cols(), 1, a.data(), 0, a.cols(), b.data(), 0, b.cols(), 0,
                c.data(), 0, c.cols());
    }

    @Override
    public void multAddTransA(Tensor a, Tensor b, Tensor c) {
        KernelShapes.multAddTransA(a, b, c);
        if (c.dtype() == DType.F32) {
            gemm(true, false, a.cols(), b.cols(), a.rows(), 1f, a.floatData(), 0, a.cols(), b.floatData(), 0,
                    b.cols(), 1f, c.floatData(), 0, c.cols());
            return;
        }
        gemm(true, false, a.cols(), b.cols(), a.rows(), 1, a.data(), 0, a.cols(), b.data(), 0, b.cols(), 1,
                c.data(), 0, c.cols());
    }

    @Override
    public void multTransB(Tensor a, Tensor b, Tensor c) {
        KernelShapes.multTransB(a, b, c);
        if (c.dtype() == DType.F32) {
            gemm(false, true, a.rows(), b.rows(), a.cols(), 1f, a.floatData(), 0, a.cols(), b.floatData(), 0,
                    b.cols(), 0f, c.floatData(), 0, c.cols());
            return;
        }
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
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
            int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        KernelShapes.gemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        for (int i = 0; i < m; i++) {
            int ci = cOffset + i * ldc;
            if (beta == 0) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            } else if (beta != 1) {
                for (int j = 0; j < n; j++) {
                    c[ci + j] *= beta;
                }
            }
            if (!transB) {
                for (int p = 0; p < k; p++) {
                    float av = alpha * (transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p]);
                    int bp = bOffset + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += av * b[bp + j];
                    }
                }
            } else {
                for (int j = 0; j < n; j++) {
                    int bj = bOffset + j * ldb;
                    float sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum += (transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p]) * b[bj + p];
                    }
                    c[ci + j] += alpha * sum;
                }
            }
        }
    }

    /** Both element types. */
    @Override
    public boolean supports(DType type) {
        return type == DType.F64 || type == DType.F32;
    }

    /** c[i, j] += v[j] on float arrays: {@link Kernels#addRowVector} for float32. */
    static void addRowVector(float[] c, float[] v, int rows, int n) {
        for (int i = 0; i < rows; i++) {
            int off = i * n;
            for (int j = 0; j < n; j++) {
                c[off + j] += v[j];
            }
        }
    }

    /** s[j] += Σ_i a[i, j] on float arrays: {@link Kernels#addColumnSums} for float32. */
    static void addColumnSums(float[] a, float[] s, int rows, int n) {
        for (int i = 0; i < rows; i++) {
            int off = i * n;
            for (int j = 0; j < n; j++) {
                s[j] += a[off + j];
            }
        }
    }

    @Override
    public String description() {
        return "plain Java loops (nn-api)";
    }
}
