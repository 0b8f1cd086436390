package dev.nnj.api.testkit;

import dev.nnj.api.Activation;
import dev.nnj.api.GradientListener;
import dev.nnj.api.Layer;
import dev.nnj.api.Loss;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.random.RandomGenerator;

/**
 * Numerical gradient checks by central differences, in double precision:
 * dL/dx ≈ (L(x + h) - L(x - h)) / 2h. A difference is accepted when
 * |analytic - numerical| <= tolerance · max(1, |analytic| + |numerical|), i.e. absolute near zero,
 * relative for large values.
 *
 * <p>For a layer or an activation, the scalar checked is L = Σ r ⊙ output with fixed random
 * weights r, so dL/dOutput = r exercises every output with a different weight.
 */
public final class GradientCheck {
    /** Step h of the central differences: near the cube root of double's epsilon, scaled. */
    public static final double DEFAULT_STEP = 1e-6;

    private GradientCheck() {
    }

    /**
     * @return the numerical gradient of {@code f} with respect to {@code x}, which is perturbed in
     *     place and restored
     */
    public static double[] numerical(DoubleSupplier f, double[] x, int count, double step) {
        double[] g = new double[count];
        for (int i = 0; i < count; i++) {
            double saved = x[i];
            x[i] = saved + step;
            double plus = f.getAsDouble();
            x[i] = saved - step;
            double minus = f.getAsDouble();
            x[i] = saved;
            g[i] = (plus - minus) / (2 * step);
        }
        return g;
    }

    /**
     * @throws AssertionError naming {@code what}, the index and both values of the worst mismatch
     */
    public static void assertClose(String what, double[] analytic, double[] numerical, int count, double tolerance) {
        int worst = -1;
        double worstRatio = 0;
        for (int i = 0; i < count; i++) {
            double diff = Math.abs(analytic[i] - numerical[i]);
            double ratio = diff / Math.max(1.0, Math.abs(analytic[i]) + Math.abs(numerical[i]));
            if (!(ratio <= worstRatio)) {
                worstRatio = ratio;
                worst = i;
            }
        }
        if (worst >= 0 && !(worstRatio <= tolerance)) {
            throw new AssertionError(what + "[" + worst + "]: analytic " + analytic[worst] + ", numerical "
                    + numerical[worst] + " (error " + worstRatio + " > tolerance " + tolerance + ")");
        }
    }

    /** @return a tensor of values uniform in [-1, 1) */
    public static Tensor randomTensor(int rows, int cols, RandomGenerator random) {
        Tensor t = Tensor.zeros(rows, cols);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = 2 * random.nextDouble() - 1;
        }
        return t;
    }

    /**
     * Checks a layer's input gradient and the gradient of every trainable parameter on
     * {@code input}. Parameters that are not trainable (state such as a batch-norm's running
     * statistics, or frozen weights) are not differentiated: nothing trains them, and a layer need
     * not compute their gradient.
     *
     * @param outputs the layer's output width for this input
     */
    public static void checkLayer(Layer layer, Tensor input, int outputs, double tolerance, RandomGenerator random) {
        checkLayer(layer, input, outputs, tolerance, random, Mode.TRAIN);
    }

    /** As {@link #checkLayer(Layer, Tensor, int, double, RandomGenerator)}, with forward passes in {@code mode}. */
    public static void checkLayer(Layer layer, Tensor input, int outputs, double tolerance, RandomGenerator random,
            Mode mode) {
        checkLayer(layer, Shape.of(input.cols()), input, tolerance, random, mode);
    }

    /**
     * As {@link #checkLayer(Layer, Tensor, int, double, RandomGenerator, Mode)}, for a layer whose
     * examples have a shape ([C, H, W]): its state is made for that shape, and the passes go through
     * the context methods as in a workspace.
     *
     * @param layer the layer; its parameters' gradients are overwritten, its buffers may change
     * @param shape the shape of one input example; {@code input.cols()} must be its size
     * @param input [batch, shape.size()] the input; perturbed and restored
     * @param tolerance accepted error, see the class comment
     * @param random the source of the output weights r
     * @param mode the mode of every forward pass
     */
    public static void checkLayer(Layer layer, Shape shape, Tensor input, double tolerance, RandomGenerator random,
            Mode mode) {
        int outputs = layer.outputShape(shape).size();
        LayerPasses passes = new LayerPasses(layer, shape, input.rows(), 1);
        Tensor out = Tensor.zeros(input.rows(), outputs);
        Tensor weights = randomTensor(input.rows(), outputs, random);
        DoubleSupplier loss = () -> {
            passes.forward(input, out, mode);
            return dot(out, weights);
        };
        for (Parameter p : layer.parameters()) {
            p.gradient().zero();
        }
        Tensor gradIn = Tensor.zeros(input.rows(), input.cols());
        passes.forward(input, out, mode);
        passes.backward(input, out, weights, gradIn, mode, GradientListener.NONE);
        List<double[]> analytic = new ArrayList<>();
        for (Parameter p : layer.parameters()) {
            analytic.add(p.gradient().data().clone());
        }
        assertClose("dL/dInput", gradIn.data(),
                numerical(loss, input.data(), input.size(), DEFAULT_STEP), input.size(), tolerance);
        List<Parameter> params = layer.parameters();
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            if (!p.trainable()) {
                continue;
            }
            assertClose("dL/d" + p.path(), analytic.get(i),
                    numerical(loss, p.value().data(), p.value().size(), DEFAULT_STEP), p.value().size(), tolerance);
        }
    }

    /** Checks an activation's vector-Jacobian product on {@code z}. */
    public static void checkActivation(Activation activation, Tensor z, double tolerance, RandomGenerator random) {
        Tensor a = Tensor.zeros(z.rows(), z.cols());
        Tensor weights = randomTensor(z.rows(), z.cols(), random);
        DoubleSupplier loss = () -> {
            activation.forward(z, a);
            return dot(a, weights);
        };
        Tensor gradZ = Tensor.zeros(z.rows(), z.cols());
        activation.forward(z, a);
        activation.backward(z, a, weights, gradZ);
        assertClose("dL/dz", gradZ.data(), numerical(loss, z.data(), z.size(), DEFAULT_STEP), z.size(), tolerance);
    }

    /** Checks a loss's gradient with respect to the prediction. */
    public static void checkLoss(Loss lossFunction, Tensor prediction, Tensor target, double tolerance) {
        Tensor gradient = Tensor.zeros(prediction.rows(), prediction.cols());
        lossFunction.compute(prediction, target, gradient);
        DoubleSupplier loss = () -> lossFunction.compute(prediction, target, null);
        assertClose("dL/dPrediction", gradient.data(),
                numerical(loss, prediction.data(), prediction.size(), DEFAULT_STEP), prediction.size(), tolerance);
    }

    private static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += a.data()[i] * b.data()[i];
        }
        return s;
    }
}
