package dev.nnj.blas;

import dev.nnj.core.math.FloatGemm;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatGemm} on the JDK Vector API: {@link VectorGemm}'s packing and micro-kernel on float
 * arrays, twice the lanes per vector (8 floats with AVX2, 16 with AVX-512). Each element of c is
 * beta·c, then per block of k the sum of that block's products (fused multiply-adds in float, in
 * k's order) added to it, so any split of the output gives the same bits. Loaded by name where the
 * JVM has {@code jdk.incubator.vector}, as {@link VectorGemm} is; javadoc does not read this file.
 */
final class VectorFloatGemm implements FloatGemm {
    static final VectorFloatGemm INSTANCE = new VectorFloatGemm();

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    static final int LANES = SPECIES.length();
    /** Rows of a tile of c. */
    static final int MR = 6;
    /** Columns of a tile of c: two vectors. */
    static final int NR = 2 * LANES;
    /** Steps of k per packed panel at most; k is cut into equal blocks of at most this many. */
    static final int KC = 256;
    /** Rows of op(a) packed at once (36-72 measured alike within the noise; 36 was ahead). */
    static final int MC = 36;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** One thread's packed panels: allocated once per thread, grown for bᵀ's width when needed. */
    private static final class Workspace {
        final float[] a = new float[(MC + MR) * KC];
        float[] b = new float[NR * KC];
        final float[] tile = new float[MR * NR];
    }

    private VectorFloatGemm() {
    }

    /** @return the vector shape, for descriptions, e.g. {@code 256-bit vectors (4 floats)} */
    @Override
    public String toString() {
        return SPECIES.vectorBitSize() + "-bit vectors (" + LANES + " floats)";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
            int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        scale(m, n, beta, c, cOffset, ldc);
        Workspace ws = WORKSPACE.get();
        int step = kStep(k);
        if (m < MR && !transB) {
            rows(m, n, k, step, alpha, transA, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
            return;
        }
        for (int p0 = 0; p0 < k; p0 += step) {
            int kc = Math.min(step, k - p0);
            ws.b = packB(ws.b, transB, b, bOffset, ldb, p0, kc, n);
            for (int i0 = 0; i0 < m; i0 += MC) {
                int mc = Math.min(MC, m - i0);
                packA(ws.a, transA, alpha, a, aOffset, lda, i0, mc, p0, kc);
                for (int jq = 0; jq < n; jq += NR) {
                    int w = Math.min(NR, n - jq);
                    int bAt = jq / NR * kc * NR;
                    for (int ir = 0; ir < mc; ir += MR) {
                        int h = Math.min(MR, mc - ir);
                        int cAt = cOffset + (i0 + ir) * ldc + jq;
                        if (h == MR && w == NR) {
                            kernel(kc, ws.a, ir * kc, ws.b, bAt, c, cAt, ldc);
                        } else {
                            Arrays.fill(ws.tile, 0f);
                            kernel(kc, ws.a, ir * kc, ws.b, bAt, ws.tile, 0, NR);
                            for (int ii = 0; ii < h; ii++) {
                                for (int jj = 0; jj < w; jj++) {
                                    c[cAt + ii * ldc + jj] += ws.tile[ii * NR + jj];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** @return the steps of k per block: equal blocks of at most KC (784 = 4 x 196, not 3 x 256 + 16) */
    static int kStep(int k) {
        int blocks = Math.max(1, (k + KC - 1) / KC);
        return (k + blocks - 1) / blocks;
    }

    /**
     * Fewer rows than a tile (a batch of one, the last rows of a block) with b not transposed: each
     * row on its own, b read in place (packing b would cost as much as the product). Per element the
     * same operations as {@link #kernel} in the same order, so the bits do not depend on which of
     * the two computed it.
     */
    private static void rows(int m, int n, int k, int step, float alpha, boolean transA, float[] a, int aOffset,
            int lda, float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc) {
        int wide = n / (2 * NR) * (2 * NR);
        int vectors = n / NR * NR;
        for (int i = 0; i < m; i++) {
            int aAt = transA ? aOffset + i : aOffset + i * lda;
            int aStep = transA ? lda : 1;
            int cAt = cOffset + i * ldc;
            for (int p0 = 0; p0 < k; p0 += step) {
                int kc = Math.min(step, k - p0);
                int from = aAt + p0 * aStep;
                int bAt = bOffset + p0 * ldb;
                for (int j = 0; j < wide; j += 2 * NR) {
                    row4(kc, alpha, a, from, aStep, b, bAt + j, ldb, c, cAt + j);
                }
                for (int j = wide; j < vectors; j += NR) {
                    row2(kc, alpha, a, from, aStep, b, bAt + j, ldb, c, cAt + j);
                }
                for (int j = vectors; j < n; j++) {
                    float sum = 0;
                    for (int p = 0; p < kc; p++) {
                        sum = Math.fma(b[bAt + p * ldb + j], alpha * a[from + p * aStep], sum);
                    }
                    c[cAt + j] += sum;
                }
            }
        }
    }

    /** One row of c, four vectors wide, += Σ_p alpha·a[p]·b[p, ·] over kc steps. */
    private static void row4(int kc, float alpha, float[] a, int aAt, int aStep, float[] b, int bAt, int ldb,
            float[] c, int cAt) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        for (int p = 0; p < kc; p++) {
            FloatVector x = FloatVector.broadcast(SPECIES, alpha * a[aAt + p * aStep]);
            int at = bAt + p * ldb;
            s0 = FloatVector.fromArray(SPECIES, b, at).fma(x, s0);
            s1 = FloatVector.fromArray(SPECIES, b, at + LANES).fma(x, s1);
            s2 = FloatVector.fromArray(SPECIES, b, at + 2 * LANES).fma(x, s2);
            s3 = FloatVector.fromArray(SPECIES, b, at + 3 * LANES).fma(x, s3);
        }
        add(c, cAt, s0, s1);
        add(c, cAt + NR, s2, s3);
    }

    /** One row of c, two vectors wide, += Σ_p alpha·a[p]·b[p, ·] over kc steps. */
    private static void row2(int kc, float alpha, float[] a, int aAt, int aStep, float[] b, int bAt, int ldb,
            float[] c, int cAt) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        for (int p = 0; p < kc; p++) {
            FloatVector x = FloatVector.broadcast(SPECIES, alpha * a[aAt + p * aStep]);
            int at = bAt + p * ldb;
            s0 = FloatVector.fromArray(SPECIES, b, at).fma(x, s0);
            s1 = FloatVector.fromArray(SPECIES, b, at + LANES).fma(x, s1);
        }
        add(c, cAt, s0, s1);
    }

    /** c = beta·c on [m, n]; zeros for beta 0, so that old values (NaN) are not read. */
    private static void scale(int m, int n, float beta, float[] c, int at, int ldc) {
        if (beta == 1) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = at + i * ldc;
            if (beta == 0) {
                Arrays.fill(c, row, row + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[row + j] *= beta;
                }
            }
        }
    }

    /**
     * Rows [i0, i0 + mc) of alpha·op(a), steps [p0, p0 + kc), as panels of MR rows: panel r at
     * r·MR·kc, value (p, ii) at p·MR + ii; rows past the end are zeros.
     */
    private static void packA(float[] packed, boolean transA, float alpha, float[] a, int aOffset, int lda, int i0,
            int mc, int p0, int kc) {
        for (int ir = 0; ir < mc; ir += MR) {
            int h = Math.min(MR, mc - ir);
            int base = ir * kc;
            for (int ii = 0; ii < MR; ii++) {
                if (ii >= h) {
                    for (int p = 0; p < kc; p++) {
                        packed[base + p * MR + ii] = 0;
                    }
                } else if (transA) {
                    int from = aOffset + p0 * lda + i0 + ir + ii;
                    for (int p = 0; p < kc; p++) {
                        packed[base + p * MR + ii] = alpha * a[from + p * lda];
                    }
                } else {
                    int from = aOffset + (i0 + ir + ii) * lda + p0;
                    for (int p = 0; p < kc; p++) {
                        packed[base + p * MR + ii] = alpha * a[from + p];
                    }
                }
            }
        }
    }

    /**
     * Steps [p0, p0 + kc) of op(b), all n columns, as panels of NR columns: panel q at q·kc·NR,
     * value (p, jj) at p·NR + jj; columns past the end are zeros. Packing b even where its rows
     * could be read in place is faster: rows of a weight matrix 2 KiB apart fall into the same few
     * sets of the first-level cache (measured: 8-14 against 14-21 GFLOP/s at 128x784·784x256).
     *
     * @return {@code packed}, or a larger array if it was too small
     */
    private static float[] packB(float[] packed, boolean transB, float[] b, int bOffset, int ldb, int p0, int kc,
            int n) {
        int panels = (n + NR - 1) / NR;
        if (packed.length < panels * kc * NR) {
            packed = new float[panels * KC * NR];
        }
        int full = n / NR;
        if (transB) {
            for (int j = 0; j < n; j++) {
                int from = bOffset + j * ldb + p0;
                int to = j / NR * kc * NR + j % NR;
                for (int p = 0; p < kc; p++) {
                    packed[to + p * NR] = b[from + p];
                }
            }
        } else {
            for (int p = 0; p < kc; p++) {
                int from = bOffset + (p0 + p) * ldb;
                for (int q = 0; q < full; q++) {
                    int at = from + q * NR;
                    int to = q * kc * NR + p * NR;
                    FloatVector.fromArray(SPECIES, b, at).intoArray(packed, to);
                    FloatVector.fromArray(SPECIES, b, at + LANES).intoArray(packed, to + LANES);
                }
                for (int j = full * NR; j < n; j++) {
                    packed[full * kc * NR + p * NR + j % NR] = b[from + j];
                }
            }
        }
        if (full * NR < n) { // zeros right of the last columns
            int base = full * kc * NR;
            for (int p = 0; p < kc; p++) {
                for (int jj = n - full * NR; jj < NR; jj++) {
                    packed[base + p * NR + jj] = 0;
                }
            }
        }
        return packed;
    }

    /**
     * c[MR, NR] += packed a (MR·kc from {@code ao}) · packed b (kc·NR from {@code bo}).
     */
    private static void kernel(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        for (int p = 0; p < kc; p++) {
            int bp = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
            int ap = ao + p * MR;
            FloatVector x = FloatVector.broadcast(SPECIES, a[ap]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(SPECIES, a[ap + 1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(SPECIES, a[ap + 2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(SPECIES, a[ap + 3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            x = FloatVector.broadcast(SPECIES, a[ap + 4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            x = FloatVector.broadcast(SPECIES, a[ap + 5]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
        }
        add(c, co, c00, c01);
        add(c, co + ldc, c10, c11);
        add(c, co + 2 * ldc, c20, c21);
        add(c, co + 3 * ldc, c30, c31);
        add(c, co + 4 * ldc, c40, c41);
        add(c, co + 5 * ldc, c50, c51);
    }

    private static void add(float[] c, int at, FloatVector v0, FloatVector v1) {
        FloatVector.fromArray(SPECIES, c, at).add(v0).intoArray(c, at);
        FloatVector.fromArray(SPECIES, c, at + LANES).add(v1).intoArray(c, at + LANES);
    }
}
