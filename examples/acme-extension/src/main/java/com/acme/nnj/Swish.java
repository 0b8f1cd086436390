package com.acme.nnj;

import dev.nnj.api.Activation;
import dev.nnj.api.Tensor;

/**
 * {@code acme.swish}: a = z·σ(βz) (Ramachandran et al. 2017; β = 1 is SiLU). Element-wise, so the
 * vector-Jacobian product is diagonal: da/dz = s + βz·s(1 - s) with s = σ(βz).
 */
public final class Swish implements Activation {
    private final double beta;

    /** @param beta finite; the key {@code beta} in a model file, default 1 */
    public Swish(double beta) {
        if (!Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be finite; got " + beta + ".");
        }
        this.beta = beta;
    }

    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    @Override
    public void forward(Tensor z, Tensor a) {
        double[] zd = z.data();
        double[] ad = a.data();
        for (int i = 0, n = z.size(); i < n; i++) {
            ad[i] = zd[i] * sigmoid(beta * zd[i]);
        }
    }

    @Override
    public void backward(Tensor z, Tensor a, Tensor gradA, Tensor gradZ) {
        double[] zd = z.data();
        double[] ga = gradA.data();
        double[] gz = gradZ.data();
        for (int i = 0, n = z.size(); i < n; i++) {
            double s = sigmoid(beta * zd[i]);
            gz[i] = ga[i] * (s + beta * zd[i] * s * (1 - s));
        }
    }

    @Override
    public String toString() {
        return "Swish[beta=" + beta + "]";
    }
}
