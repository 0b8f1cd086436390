package dev.nnj.spark;

import dev.nnj.api.Buffer;
import dev.nnj.api.DType;
import dev.nnj.api.Parameter;
import java.util.List;

/**
 * All parameters (and buffers) of a model as one flat array, in parameter order, then buffer order:
 * what the driver broadcasts.
 */
final class Flat {
    private Flat() {
    }

    static int size(List<Parameter> params) {
        int n = 0;
        for (Parameter p : params) {
            n += p.value().size();
        }
        return n;
    }

    static double[] values(List<Parameter> params) {
        double[] out = new double[size(params)];
        int at = 0;
        for (Parameter p : params) {
            System.arraycopy(p.value().data(), 0, out, at, p.value().size());
            at += p.value().size();
        }
        return out;
    }

    static void read(double[] values, List<Parameter> params) {
        int at = 0;
        for (Parameter p : params) {
            System.arraycopy(values, at, p.value().data(), 0, p.value().size());
            at += p.value().size();
        }
    }

    /**
     * As {@link #read}, but leaves frozen parameters ({@link Parameter#trainable()} false) as they
     * are: an average of their copies need not be bit-identical to them (x + x + x is rounded).
     */
    static void readTrainable(double[] values, List<Parameter> params) {
        int at = 0;
        for (Parameter p : params) {
            if (p.trainable()) {
                System.arraycopy(values, at, p.value().data(), 0, p.value().size());
            }
            at += p.value().size();
        }
    }

    static void writeGradients(List<Parameter> params, double[] out, double scale) {
        int at = 0;
        for (Parameter p : params) {
            double[] g = p.gradient().data();
            for (int j = 0, n = p.gradient().size(); j < n; j++) {
                out[at + j] = g[j] * scale;
            }
            at += p.gradient().size();
        }
    }

    static void readGradients(double[] values, List<Parameter> params) {
        int at = 0;
        for (Parameter p : params) {
            System.arraycopy(values, at, p.gradient().data(), 0, p.gradient().size());
            at += p.gradient().size();
        }
    }

    static int bufferSize(List<Buffer> buffers) {
        int n = 0;
        for (Buffer b : buffers) {
            n += b.value().size();
        }
        return n;
    }

    /** Copies the buffers' values into {@code out} from {@code at}, times {@code scale}. */
    static void writeBuffers(List<Buffer> buffers, double[] out, int at, double scale) {
        for (Buffer b : buffers) {
            double[] v = b.value().data();
            for (int j = 0, n = b.value().size(); j < n; j++) {
                out[at + j] = v[j] * scale;
            }
            at += b.value().size();
        }
    }

    /** Sets the buffers from {@code values}, from {@code at}; integer buffers rounded (sums of shares). */
    static void readBuffers(double[] values, int at, List<Buffer> buffers) {
        for (Buffer b : buffers) {
            double[] v = b.value().data();
            for (int j = 0, n = b.value().size(); j < n; j++) {
                v[j] = b.dtype() == DType.I64 ? Math.rint(values[at + j]) : values[at + j];
            }
            at += b.value().size();
        }
    }
}
