package com.acme.nnj;

import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import java.util.List;

/**
 * {@code acme.gated-dense}: y = (xW + b) ⊙ σ(xV + c), a dense layer whose every output is scaled by
 * a learned gate (as in gated linear units). With h = xW + b and g = σ(xV + c):
 * dh = dy ⊙ g, dp = dy ⊙ h ⊙ g(1 - g) (p the gate's pre-activation), dW += xᵀdh, db += Σ dh,
 * dV += xᵀdp, dc += Σ dp, dx = dh·Wᵀ + dp·Vᵀ.
 *
 * <p>Written against nn-api alone, with plain loops. h and g are kept from the forward pass in
 * buffers that grow with the largest batch seen, so one instance serves one thread.
 */
public final class GatedDense implements Layer {
    private final int inputs;
    private final int units;
    private final Parameter w;
    private final Parameter b;
    private final Parameter v;
    private final Parameter c;
    private double[] h = new double[0];
    private double[] g = new double[0];

    public GatedDense(int inputs, int units) {
        if (inputs < 1 || units < 1) {
            throw new IllegalArgumentException("acme.gated-dense needs inputs >= 1 and units >= 1; got " + inputs
                    + " and " + units + ".");
        }
        this.inputs = inputs;
        this.units = units;
        this.w = Parameter.of("weight", ParameterRole.WEIGHT, Tensor.zeros(inputs, units));
        this.b = Parameter.of("bias", ParameterRole.BIAS, Tensor.zeros(1, units));
        this.v = Parameter.of("gate_weight", ParameterRole.WEIGHT, Tensor.zeros(inputs, units));
        this.c = Parameter.of("gate_bias", ParameterRole.BIAS, Tensor.zeros(1, units));
    }

    public Parameter weight() {
        return w;
    }

    public Parameter gateWeight() {
        return v;
    }

    public Parameter bias() {
        return b;
    }

    public Parameter gateBias() {
        return c;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.size() != inputs) {
            throw new ShapeMismatchException("input has " + input.size() + " features " + input + "; expected "
                    + inputs + ".");
        }
        return Shape.of(units);
    }

    @Override
    public void forward(Tensor in, Tensor out, Mode mode) {
        if (in.cols() != inputs) {
            throw new ShapeMismatchException("input has " + in.cols() + " features; expected [*, " + inputs
                    + "], got " + in.shapeString() + ".");
        }
        int batch = in.rows();
        if (h.length < batch * units) {
            h = new double[batch * units];
            g = new double[batch * units];
        }
        double[] x = in.data();
        double[] y = out.data();
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < units; j++) {
                double hs = b.value().data()[j];
                double ps = c.value().data()[j];
                for (int k = 0; k < inputs; k++) {
                    double xk = x[r * inputs + k];
                    hs += xk * w.value().data()[k * units + j];
                    ps += xk * v.value().data()[k * units + j];
                }
                double gate = Swish.sigmoid(ps);
                h[r * units + j] = hs;
                g[r * units + j] = gate;
                y[r * units + j] = hs * gate;
            }
        }
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn) {
        int batch = in.rows();
        double[] x = in.data();
        double[] dy = gradOut.data();
        double[] dx = gradIn == null ? null : gradIn.data();
        if (dx != null) {
            java.util.Arrays.fill(dx, 0, batch * inputs, 0.0);
        }
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < units; j++) {
                int o = r * units + j;
                double dh = dy[o] * g[o];
                double dp = dy[o] * h[o] * g[o] * (1 - g[o]);
                b.gradient().data()[j] += dh;
                c.gradient().data()[j] += dp;
                for (int k = 0; k < inputs; k++) {
                    double xk = x[r * inputs + k];
                    w.gradient().data()[k * units + j] += xk * dh;
                    v.gradient().data()[k * units + j] += xk * dp;
                    if (dx != null) {
                        dx[r * inputs + k] += dh * w.value().data()[k * units + j] + dp * v.value().data()[k * units + j];
                    }
                }
            }
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(w, b, v, c);
    }

    @Override
    public String toString() {
        return "GatedDense[" + inputs + " -> " + units + "]";
    }
}
