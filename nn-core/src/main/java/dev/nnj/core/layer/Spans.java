package dev.nnj.core.layer;

import dev.nnj.api.DType;
import dev.nnj.api.Tensor;
import java.util.Arrays;

/**
 * Spans [from, to) of a tensor's values in either element type: the copies and reductions that
 * the layers of this package share, so that each layer's float32 and float64 passes are one loop.
 * The reductions read float32 values widened to double and accumulate in double (a float32 layer's
 * means, variances and gradient sums are as accurate as the float64 layer's, then rounded once);
 * the running sum is passed in and returned, so that a sum over several spans adds its terms in
 * one sequence, exactly as one loop over them would. None allocates.
 */
final class Spans {
    private Spans() {
    }

    /** @return the backing array of {@code t}, a {@code float[]} or a {@code double[]}, for {@link System#arraycopy} */
    static Object array(Tensor t) {
        return t.dtype() == DType.F32 ? t.floatData() : t.data();
    }

    /** @return the {@code float[]} of a float32 tensor, {@code null} for a float64 one */
    static float[] floats(Tensor t) {
        return t.dtype() == DType.F32 ? t.floatData() : null;
    }

    /** @return the {@code double[]} of a float64 tensor, {@code null} for a float32 one */
    static double[] doubles(Tensor t) {
        return t.dtype() == DType.F32 ? null : t.data();
    }

    /** Copies the first {@code n} values of {@code from} into {@code to}, of the same element type. */
    static void copy(Tensor from, Tensor to, int n) {
        System.arraycopy(array(from), 0, array(to), 0, n);
    }

    /** Sets the values [from, to) of {@code t} to {@code value}, rounded for float32. */
    static void fill(Tensor t, int from, int to, double value) {
        if (t.dtype() == DType.F32) {
            Arrays.fill(t.floatData(), from, to, (float) value);
        } else {
            Arrays.fill(t.data(), from, to, value);
        }
    }

    /** @return acc + Σ t[i] over [from, to), in double */
    static double sum(double acc, Tensor t, int from, int to) {
        float[] f = floats(t);
        double[] d = doubles(t);
        for (int i = from; i < to; i++) {
            acc += f != null ? f[i] : d[i];
        }
        return acc;
    }

    /** @return acc + Σ (t[i] - mean)² over [from, to), in double */
    static double squares(double acc, Tensor t, int from, int to, double mean) {
        float[] f = floats(t);
        double[] d = doubles(t);
        for (int i = from; i < to; i++) {
            double v = (f != null ? f[i] : d[i]) - mean;
            acc += v * v;
        }
        return acc;
    }

    /** @return acc + Σ a[i]·b[i] over [from, to), in double; a and b of one element type */
    static double dot(double acc, Tensor a, Tensor b, int from, int to) {
        float[] af = floats(a);
        float[] bf = floats(b);
        double[] ad = doubles(a);
        double[] bd = doubles(b);
        for (int i = from; i < to; i++) {
            acc += af != null ? (double) af[i] * bf[i] : ad[i] * bd[i];
        }
        return acc;
    }
}
