package dev.nnj.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nnj.api.Mode;
import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.GradientCheck;
import dev.nnj.core.activation.Tanh;
import dev.nnj.core.layer.ActivationLayer;
import dev.nnj.core.layer.DenseLayer;
import dev.nnj.core.loss.SoftmaxCrossEntropy;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.model.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every optimizer on a small network (3-4-2, tanh, softmax cross-entropy, 4 parameters of three
 * shapes) for 5 steps, against a twin network updated by the published rule written out here.
 * Both twins compute their own gradients by backprop each step; every parameter must agree to 1e-13.
 */
class SmallNetworkTest {
    private static final int STEPS = 5;
    private static final double TOLERANCE = 1e-13;

    /** A published update rule for one parameter: w and its state updated in place. */
    interface Rule {
        void apply(double[] w, double[] g, double[][] state, int t);
    }

    private static Sequential network() {
        SplittableRandom random = new SplittableRandom(8);
        DenseLayer a = new DenseLayer(3, 4);
        DenseLayer b = new DenseLayer(4, 2);
        for (DenseLayer d : new DenseLayer[] {a, b}) {
            for (Parameter p : d.parameters()) {
                double[] r = GradientCheck.randomTensor(p.value().rows(), p.value().cols(), random).data();
                System.arraycopy(r, 0, p.value().data(), 0, p.value().size());
            }
        }
        return Sequential.builder(Shape.of(3)).add(a).add(new ActivationLayer(new Tanh())).add(b).build();
    }

    private static void gradients(Sequential model, Workspace ws, Tensor x, Tensor y) {
        model.zeroGradients();
        new SoftmaxCrossEntropy().compute(ws.forward(x, Mode.TRAIN), y, ws.outputGradient());
        ws.backward();
    }

    private static void compare(Optimizer optimizer, int stateBuffers, Rule rule) {
        Tensor x = GradientCheck.randomTensor(5, 3, new SplittableRandom(9));
        Tensor y = Tensor.zeros(5, 2);
        for (int i = 0; i < 5; i++) {
            y.set(i, i % 2, 1);
        }
        Sequential tested = network();
        Sequential twin = network();
        Workspace wsTested = tested.newWorkspace(5);
        Workspace wsTwin = twin.newWorkspace(5);
        optimizer.attach(tested.parameters());
        List<double[][]> states = new ArrayList<>();
        for (Parameter p : twin.parameters()) {
            double[][] s = new double[stateBuffers][];
            for (int i = 0; i < stateBuffers; i++) {
                s[i] = new double[p.value().size()];
            }
            states.add(s);
        }
        for (int t = 1; t <= STEPS; t++) {
            gradients(tested, wsTested, x, y);
            gradients(twin, wsTwin, x, y);
            optimizer.step();
            for (int i = 0; i < twin.parameters().size(); i++) {
                Parameter p = twin.parameters().get(i);
                rule.apply(p.value().data(), p.gradient().data(), states.get(i), t);
            }
            for (int i = 0; i < twin.parameters().size(); i++) {
                assertArrayEquals(twin.parameters().get(i).value().data(), tested.parameters().get(i).value().data(),
                        TOLERANCE, twin.parameters().get(i).path() + " after step " + t);
            }
        }
    }

    @Test
    void nesterovSgdWithWeightDecay() {
        double lr = 0.1, mu = 0.9, wd = 0.01;
        compare(new Sgd(lr, mu, true, wd), 1, (w, g, s, t) -> {
            for (int j = 0; j < w.length; j++) {
                double gj = g[j] + wd * w[j];
                s[0][j] = t == 1 ? gj : mu * s[0][j] + gj;
                w[j] -= lr * (gj + mu * s[0][j]);
            }
        });
    }

    @Test
    void adam() {
        double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        compare(new Adam(lr, b1, b2, eps, 0, false), 2, (w, g, s, t) -> {
            for (int j = 0; j < w.length; j++) {
                s[0][j] = b1 * s[0][j] + (1 - b1) * g[j];
                s[1][j] = b2 * s[1][j] + (1 - b2) * g[j] * g[j];
                w[j] -= lr * (s[0][j] / (1 - Math.pow(b1, t))) / (Math.sqrt(s[1][j] / (1 - Math.pow(b2, t))) + eps);
            }
        });
    }

    @Test
    void adamW() {
        double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.05;
        compare(new Adam(lr, b1, b2, eps, wd, true), 2, (w, g, s, t) -> {
            for (int j = 0; j < w.length; j++) {
                w[j] *= 1 - lr * wd;
                s[0][j] = b1 * s[0][j] + (1 - b1) * g[j];
                s[1][j] = b2 * s[1][j] + (1 - b2) * g[j] * g[j];
                w[j] -= lr * (s[0][j] / (1 - Math.pow(b1, t))) / (Math.sqrt(s[1][j] / (1 - Math.pow(b2, t))) + eps);
            }
        });
    }

    @Test
    void rmsProp() {
        double lr = 0.01, alpha = 0.99, eps = 1e-8;
        compare(new RmsProp(lr, alpha, eps, 0, 0, false), 1, (w, g, s, t) -> {
            for (int j = 0; j < w.length; j++) {
                s[0][j] = alpha * s[0][j] + (1 - alpha) * g[j] * g[j];
                w[j] -= lr * g[j] / (Math.sqrt(s[0][j]) + eps);
            }
        });
    }

    @Test
    void adagrad() {
        double lr = 0.1, eps = 1e-10;
        compare(new Adagrad(lr, 0, 0, 0, eps), 1, (w, g, s, t) -> {
            for (int j = 0; j < w.length; j++) {
                s[0][j] += g[j] * g[j];
                w[j] -= lr * g[j] / (Math.sqrt(s[0][j]) + eps);
            }
        });
    }
}
