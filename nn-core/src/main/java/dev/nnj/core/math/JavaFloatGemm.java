package dev.nnj.core.math;

import java.util.Arrays;

/**
 * {@link FloatGemm} in plain Java: {@link JavaGemm}'s blocking on float arrays, which the JIT
 * vectorises with twice the lanes. Each element of c is {@code beta·c} followed by one fused
 * multiply-add in float per step of k, in the order of k, whatever the blocks.
 */
final class JavaFloatGemm implements FloatGemm {
    static final JavaFloatGemm INSTANCE = new JavaFloatGemm();

    /** Steps of k per pass over c (the copied rows of b stay in the first-level cache). */
    static final int KC = 16;
    /** Columns of c per row array. */
    static final int NC = 256;
    /** Rows of c accumulated at once. */
    static final int MC = 128;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** One thread's row arrays: allocated once per thread, reused by every call. */
    private static final class Workspace {
        final float[][] b = new float[KC][NC];
        final float[][] c = new float[MC][NC];
    }

    private JavaFloatGemm() {
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
            int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        Workspace ws = WORKSPACE.get();
        for (int j0 = 0; j0 < n; j0 += NC) {
            int nc = Math.min(NC, n - j0);
            for (int i0 = 0; i0 < m; i0 += MC) {
                int mc = Math.min(MC, m - i0);
                int cAt = cOffset + i0 * ldc + j0;
                load(ws.c, mc, nc, beta, c, cAt, ldc);
                for (int p0 = 0; p0 < k; p0 += KC) {
                    int kc = Math.min(KC, k - p0);
                    copyB(ws.b, kc, nc, transB, b, transB ? bOffset + j0 * ldb + p0 : bOffset + p0 * ldb + j0, ldb);
                    for (int i = 0; i < mc; i++) {
                        int row = i0 + i;
                        if (transA) {
                            update(ws.c[i], ws.b, kc, nc, alpha, a, aOffset + p0 * lda + row, lda);
                        } else {
                            update(ws.c[i], ws.b, kc, nc, alpha, a, aOffset + row * lda + p0, 1);
                        }
                    }
                }
                store(ws.c, mc, nc, c, cAt, ldc);
            }
        }
    }

    /** Rows of c into the row arrays, times beta (zeros for beta 0: old values are not read). */
    private static void load(float[][] rows, int mc, int nc, float beta, float[] c, int at, int ldc) {
        for (int i = 0; i < mc; i++) {
            float[] row = rows[i];
            if (beta == 0) {
                Arrays.fill(row, 0, nc, 0f);
            } else {
                System.arraycopy(c, at + i * ldc, row, 0, nc);
                if (beta != 1) {
                    scale(row, beta, nc);
                }
            }
        }
    }

    private static void scale(float[] row, float beta, int nc) {
        for (int j = 0; j < nc; j++) {
            row[j] *= beta;
        }
    }

    private static void store(float[][] rows, int mc, int nc, float[] c, int at, int ldc) {
        for (int i = 0; i < mc; i++) {
            System.arraycopy(rows[i], 0, c, at + i * ldc, nc);
        }
    }

    /** kc rows of op(b), nc columns each, into the row arrays; op(b) = bᵀ is read down its columns. */
    private static void copyB(float[][] rows, int kc, int nc, boolean transB, float[] b, int at, int ldb) {
        if (!transB) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, at + p * ldb, rows[p], 0, nc);
            }
            return;
        }
        for (int j = 0; j < nc; j++) {
            int from = at + j * ldb;
            for (int p = 0; p < kc; p++) {
                rows[p][j] = b[from + p];
            }
        }
    }

    /** One row of c += Σ_p alpha·a[p]·bRows[p], a's kc values {@code step} apart from {@code at}. */
    private static void update(float[] c, float[][] bRows, int kc, int nc, float alpha, float[] a, int at,
            int step) {
        int p = 0;
        for (; p + 4 <= kc; p += 4, at += 4 * step) {
            rank4(c, bRows[p], bRows[p + 1], bRows[p + 2], bRows[p + 3], alpha * a[at], alpha * a[at + step],
                    alpha * a[at + 2 * step], alpha * a[at + 3 * step], nc);
        }
        for (; p < kc; p++, at += step) {
            rank1(c, bRows[p], alpha * a[at], nc);
        }
    }

    private static void rank4(float[] c, float[] b0, float[] b1, float[] b2, float[] b3, float a0, float a1,
            float a2, float a3, int n) {
        for (int j = 0; j < n; j++) {
            c[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], c[j]))));
        }
    }

    private static void rank1(float[] c, float[] b0, float a0, int n) {
        for (int j = 0; j < n; j++) {
            c[j] = Math.fma(a0, b0[j], c[j]);
        }
    }
}
