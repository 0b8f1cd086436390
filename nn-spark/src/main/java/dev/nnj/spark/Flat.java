package dev.nnj.spark;

import dev.nnj.api.Parameter;
import java.util.List;

/** All parameters of a model as one flat array, in parameter order: what the driver broadcasts. */
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
}
