package dev.nnj.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.GradientListener;
import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Layer} must do; a layer's test extends this class and supplies the layer.
 * Checked: gradients of the input and of every parameter by central differences (double, tolerance
 * {@link #tolerance()}), a pure {@code outputShape}, rejection of inputs of the wrong width with
 * {@link ShapeMismatchException}, no allocation in forward and backward after warm-up (the reporting
 * backward too, if the layer overrides it), and the backward pass that reports final gradients to a
 * {@link GradientListener}.
 *
 * <p>The gradient check needs a deterministic forward pass: a layer that draws random numbers in
 * training mode (dropout) must override {@link #deterministicInTraining()} to return
 * {@code false}; the check then refuses to run in training mode rather than pass meaninglessly, and
 * such a layer checks its gradient in inference mode ({@link #gradientCheckMode()}) and tests its
 * training-mode backward on its own.
 */
public abstract class LayerContract {

    /** @return a new layer for inputs of {@code input}, with non-trivial parameter values */
    protected abstract Layer createLayer(Shape input);

    /** @return the input shape to test with */
    protected Shape inputShape() {
        return Shape.of(5);
    }

    /** @return the batch size to test with */
    protected int batchSize() {
        return 3;
    }

    /** @return accepted error of the gradient check, relative for large values (see {@link GradientCheck}) */
    protected double tolerance() {
        return 1e-7;
    }

    /** @return an input batch; override to keep clear of kinks (ReLU at 0) */
    protected Tensor input(SplittableRandom random) {
        return GradientCheck.randomTensor(batchSize(), inputShape().size(), random);
    }

    /** @return whether forward in training mode is a deterministic function of input and parameters */
    protected boolean deterministicInTraining() {
        return true;
    }

    /** @return the mode of the gradient check's forward passes */
    protected Mode gradientCheckMode() {
        return Mode.TRAIN;
    }

    @Test
    void gradientsMatchCentralDifferences() {
        if (gradientCheckMode() == Mode.TRAIN && !deterministicInTraining()) {
            throw new AssertionError("A gradient check of a layer that is random in training mode is meaningless; "
                    + "check it in inference mode (override gradientCheckMode()) and test the training-mode "
                    + "backward with the randomness fixed.");
        }
        SplittableRandom random = new SplittableRandom(7);
        Layer layer = createLayer(inputShape());
        int outputs = layer.outputShape(inputShape()).size();
        GradientCheck.checkLayer(layer, input(random), outputs, tolerance(), random, gradientCheckMode());
    }

    @Test
    void outputShapeIsPure() {
        Layer layer = createLayer(inputShape());
        double[][] before = values(layer);
        Shape first = layer.outputShape(inputShape());
        assertEquals(first, layer.outputShape(inputShape()));
        double[][] after = values(layer);
        for (int i = 0; i < before.length; i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(before[i], after[i], 0.0, "outputShape changed a parameter");
        }
    }

    @Test
    void rejectsInputsOfTheWrongWidth() {
        Layer layer = createLayer(inputShape());
        int wrong = inputShape().size() + 1;
        assertThrows(ShapeMismatchException.class, () -> layer.outputShape(Shape.of(wrong)));
        Tensor out = Tensor.zeros(batchSize(), layer.outputShape(inputShape()).size());
        assertThrows(ShapeMismatchException.class, () -> layer.forward(Tensor.zeros(batchSize(), wrong), out, Mode.TRAIN));
    }

    @Test
    void forwardAndBackwardAllocateNothingAfterWarmUp() {
        Pass pass = newPass(3);
        Layer layer = pass.layer();
        Tensor in = pass.in();
        Tensor out = pass.out();
        Tensor gradOut = pass.gradOut();
        Tensor gradIn = Tensor.zeros(batchSize(), inputShape().size());
        boolean reports = overridesTheReportingBackward(layer);
        GradientListener ignore = (parameter, from, to) -> { };
        Allocations.assertAllocatesAtMost(16, 2_000, () -> {
            layer.forward(in, out, Mode.TRAIN);
            layer.backward(in, out, gradOut, gradIn);
            if (reports) {
                layer.backward(in, out, gradOut, gradIn, ignore);
            }
        });
    }

    /**
     * @return whether the layer overrides the backward pass that reports gradients; nnj's model calls
     *     only such an override, and reports the gradients of other layers itself
     */
    private static boolean overridesTheReportingBackward(Layer layer) {
        try {
            return layer.getClass().getMethod("backward", Tensor.class, Tensor.class, Tensor.class, Tensor.class,
                    GradientListener.class).getDeclaringClass() != Layer.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * The backward pass that reports final gradients: the same input gradient and parameter
     * gradients to the bit as the plain one, every trainable parameter reported once in parts that
     * cover it, and no parameter value read after its report (the listener here changes the values
     * it is told of, as a trainer updating in parts does).
     */
    @Test
    void backwardReportsEveryGradientOnceAndReadsNoValueAfterReportingIt() {
        Pass pass = newPass(11);
        Layer layer = pass.layer();
        Tensor in = pass.in();
        Tensor out = pass.out();
        Tensor gradOut = pass.gradOut();
        layer.forward(in, out, Mode.TRAIN);
        List<Parameter> parameters = layer.parameters();

        Tensor expectedGradIn = Tensor.zeros(batchSize(), inputShape().size());
        parameters.forEach(p -> p.gradient().zero());
        layer.backward(in, out, gradOut, expectedGradIn);
        double[][] expectedGradients = parameters.stream().map(p -> p.gradient().data().clone()).toArray(double[][]::new);

        Tensor gradIn = Tensor.zeros(batchSize(), inputShape().size());
        parameters.forEach(p -> p.gradient().zero());
        int[][] reported = new int[parameters.size()][];
        for (int i = 0; i < reported.length; i++) {
            reported[i] = new int[parameters.get(i).value().size()];
        }
        layer.backward(in, out, gradOut, gradIn, (parameter, from, to) -> {
            int index = indexOf(parameters, parameter);
            synchronized (reported) {
                for (int j = from; j < to; j++) {
                    reported[index][j]++;
                    parameter.value().data()[j] += 1.0;
                }
            }
        });
        org.junit.jupiter.api.Assertions.assertArrayEquals(expectedGradIn.data(), gradIn.data(), 0.0,
                "the input gradient differs when values change after their report: read after reporting?");
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expectedGradients[i], p.gradient().data(), 0.0,
                    "gradient of " + p.path());
            for (int j = 0; j < reported[i].length; j++) {
                if (p.trainable()) {
                    assertEquals(1, reported[i][j], p.path() + "[" + j + "] reported " + reported[i][j] + " times");
                }
            }
        }
    }

    /** A new layer with a random input, an output buffer and a random output gradient. */
    private record Pass(Layer layer, Tensor in, Tensor out, Tensor gradOut) {
    }

    private Pass newPass(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Layer layer = createLayer(inputShape());
        Tensor in = input(random);
        int outputs = layer.outputShape(inputShape()).size();
        return new Pass(layer, in, Tensor.zeros(batchSize(), outputs),
                GradientCheck.randomTensor(batchSize(), outputs, random));
    }

    private static int indexOf(List<Parameter> parameters, Parameter reported) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).value() == reported.value()) {
                return i;
            }
        }
        throw new AssertionError("reported " + reported + ", which is not one of the layer's parameters");
    }

    private static double[][] values(Layer layer) {
        return layer.parameters().stream().map(Parameter::value).map(t -> t.data().clone()).toArray(double[][]::new);
    }
}
