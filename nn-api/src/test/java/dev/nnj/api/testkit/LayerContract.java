package dev.nnj.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Buffer;
import dev.nnj.api.GradientListener;
import dev.nnj.api.Layer;
import dev.nnj.api.LayerContext;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.StateRequest;
import dev.nnj.api.Tensor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Layer} must do; a layer's test extends this class and supplies the layer.
 * Checked: gradients of the input and of every parameter by central differences (double, tolerance
 * {@link #tolerance()}), a pure {@code outputShape}, rejection of inputs of the wrong width with
 * {@link ShapeMismatchException}, no allocation in forward and backward after warm-up (the reporting
 * backward too, if the layer overrides it), the backward pass that reports final gradients to a
 * {@link GradientListener}; since 0.2 also: the gradient in inference mode, an input of the right
 * size and another rank, parameters and buffers as the whole saved state, and (for layers written
 * against SPI 2) two workspaces used alternately on one instance. Passes go through the context
 * methods, as in nnj's workspace ({@link LayerPasses}).
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

    /**
     * @return whether the layer promises that one instance serves several workspaces at once
     *     (checked by alternating two workspaces); by default, layers written against SPI 2 (they
     *     override {@link Layer#newState} or a context pass method) do, 0.1 layers are not asked to
     */
    protected boolean servesSeveralWorkspaces() {
        Layer layer = createLayer(inputShape());
        return overrides(layer, "newState", StateRequest.class)
                || overrides(layer, "forward", Tensor.class, Tensor.class, LayerContext.class)
                || overrides(layer, "backward", Tensor.class, Tensor.class, Tensor.class, Tensor.class, LayerContext.class);
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
        GradientCheck.checkLayer(layer, inputShape(), input(random), tolerance(), random, gradientCheckMode());
    }

    /**
     * The gradient in inference mode too: a stateful layer (batch-norm) computes another function
     * there (running statistics), and nnj back-propagates through it for saliency and checks.
     */
    @Test
    void gradientsMatchCentralDifferencesInInference() {
        SplittableRandom random = new SplittableRandom(8);
        Layer layer = createLayer(inputShape());
        GradientCheck.checkLayer(layer, inputShape(), input(random), tolerance(), random, Mode.INFERENCE);
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
        LayerPasses passes = new LayerPasses(layer, inputShape(), batchSize(), 1);
        Tensor out = Tensor.zeros(batchSize(), layer.outputShape(inputShape()).size());
        assertThrows(ShapeMismatchException.class,
                () -> passes.forward(Tensor.zeros(batchSize(), wrong), out, Mode.TRAIN));
    }

    /**
     * An input of the right number of values but another rank ([n] for [C, H, W], or [1, 1, n]) is
     * either taken or refused with a {@link ShapeMismatchException}, never with another exception.
     */
    @Test
    void takesOrRefusesAnInputOfTheRightSizeAndAnotherRank() {
        Layer layer = createLayer(inputShape());
        int n = inputShape().size();
        for (Shape other : List.of(Shape.of(n), Shape.of(1, 1, n))) {
            if (other.equals(inputShape())) {
                continue;
            }
            try {
                layer.outputShape(other);
            } catch (ShapeMismatchException expected) {
                assertNotNull(expected.getMessage(), "a ShapeMismatchException without a message for " + other);
            }
        }
    }

    @Test
    void forwardAndBackwardAllocateNothingAfterWarmUp() {
        Pass pass = newPass(3);
        Layer layer = pass.layer();
        Tensor in = pass.in();
        Tensor out = pass.out();
        Tensor gradOut = pass.gradOut();
        Tensor gradIn = Tensor.zeros(batchSize(), inputShape().size());
        LayerPasses passes = new LayerPasses(layer, inputShape(), batchSize(), 1);
        boolean reports = passes.reportsItsGradients();
        GradientListener ignore = (parameter, from, to) -> { };
        LayerContext train = passes.context(Mode.TRAIN, ignore);
        LayerContext inference = passes.context(Mode.INFERENCE, ignore);
        Allocations.assertAllocatesAtMost(16, 2_000, () -> {
            layer.forward(in, out, train);
            if (reports) {
                layer.backward(in, out, gradOut, gradIn, train);
            } else {
                layer.backward(in, out, gradOut, gradIn);
            }
            layer.forward(in, out, inference);
        });
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
        LayerPasses passes = new LayerPasses(layer, inputShape(), batchSize(), 1);
        passes.forward(in, out, Mode.TRAIN);
        List<Parameter> parameters = layer.parameters();

        Tensor expectedGradIn = Tensor.zeros(batchSize(), inputShape().size());
        parameters.forEach(p -> p.gradient().zero());
        passes.backward(in, out, gradOut, expectedGradIn, Mode.TRAIN, GradientListener.NONE);
        double[][] expectedGradients = parameters.stream().map(p -> p.gradient().data().clone()).toArray(double[][]::new);

        Tensor gradIn = Tensor.zeros(batchSize(), inputShape().size());
        parameters.forEach(p -> p.gradient().zero());
        int[][] reported = new int[parameters.size()][];
        for (int i = 0; i < reported.length; i++) {
            reported[i] = new int[parameters.get(i).value().size()];
        }
        passes.backward(in, out, gradOut, gradIn, Mode.TRAIN, (parameter, from, to) -> {
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

    /**
     * What saving, loading and resuming rely on: a new layer given another's parameter and buffer
     * values (by name, after training passes changed its buffers) computes the same inference
     * outputs to the bit. Buffers and parameters have distinct names.
     */
    @Test
    void parametersAndBuffersAreTheWholeSavedState() {
        Pass pass = newPass(13);
        Layer trained = pass.layer();
        LayerPasses passes = new LayerPasses(trained, inputShape(), batchSize(), 1);
        for (int i = 0; i < 3; i++) {
            passes.forward(pass.in(), pass.out(), Mode.TRAIN);
        }
        Layer copy = createLayer(inputShape());
        Set<String> names = new HashSet<>();
        for (Parameter p : trained.parameters()) {
            assertTrue(names.add(p.path()), "two parameters or buffers are named " + p.path());
            System.arraycopy(p.value().data(), 0, find(copy.parameters(), p.path()).value().data(), 0, p.value().size());
        }
        for (Buffer b : trained.buffers()) {
            assertTrue(names.add(b.path()), "two parameters or buffers are named " + b.path());
            Buffer target = copy.buffers().stream().filter(c -> c.path().equals(b.path())).findFirst()
                    .orElseThrow(() -> new AssertionError("a new layer has no buffer " + b.path()));
            System.arraycopy(b.value().data(), 0, target.value().data(), 0, b.value().size());
        }
        Tensor expected = Tensor.zeros(batchSize(), pass.out().cols());
        Tensor actual = Tensor.zeros(batchSize(), pass.out().cols());
        passes.forward(pass.in(), expected, Mode.INFERENCE);
        new LayerPasses(copy, inputShape(), batchSize(), 1).forward(pass.in(), actual, Mode.INFERENCE);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected.data(), actual.data(), 0.0,
                "a layer given another's parameters and buffers computes something else: state outside them?");
    }

    /**
     * One instance, two workspaces used alternately (forward 1, forward 2, backward 1, backward 2),
     * gives each workspace what a separate instance gives: outputs and input gradients to the bit,
     * and parameter gradients that add up (to 1e-12, relative above 1). For layers that
     * {@link #servesSeveralWorkspaces()}.
     */
    @Test
    void twoWorkspacesUsedAlternatelyMatchSeparateInstances() {
        if (!servesSeveralWorkspaces()) {
            return;
        }
        SplittableRandom random = new SplittableRandom(17);
        Tensor in1 = input(random);
        Tensor in2 = input(random);
        Layer shared = createLayer(inputShape());
        int outputs = shared.outputShape(inputShape()).size();
        Tensor gradOut1 = GradientCheck.randomTensor(batchSize(), outputs, random);
        Tensor gradOut2 = GradientCheck.randomTensor(batchSize(), outputs, random);
        Result[] alone = {separately(in1, gradOut1, 1), separately(in2, gradOut2, 2)};

        LayerPasses first = new LayerPasses(shared, inputShape(), batchSize(), 1);
        LayerPasses second = new LayerPasses(shared, inputShape(), batchSize(), 2);
        shared.parameters().forEach(p -> p.gradient().zero());
        Result one = new Result(Tensor.zeros(batchSize(), outputs), Tensor.zeros(batchSize(), inputShape().size()), null);
        Result two = new Result(Tensor.zeros(batchSize(), outputs), Tensor.zeros(batchSize(), inputShape().size()), null);
        first.forward(in1, one.out(), Mode.TRAIN);
        second.forward(in2, two.out(), Mode.TRAIN);
        first.backward(in1, one.out(), gradOut1, one.gradIn(), Mode.TRAIN, GradientListener.NONE);
        second.backward(in2, two.out(), gradOut2, two.gradIn(), Mode.TRAIN, GradientListener.NONE);
        Result[] alternate = {one, two};
        for (int w = 0; w < 2; w++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(alone[w].out().data(), alternate[w].out().data(), 0.0,
                    "output of workspace " + (w + 1) + ": does the layer keep per-pass data in fields?");
            org.junit.jupiter.api.Assertions.assertArrayEquals(alone[w].gradIn().data(), alternate[w].gradIn().data(),
                    0.0, "input gradient of workspace " + (w + 1) + ": does the layer keep per-pass data in fields?");
        }
        List<Parameter> params = shared.parameters();
        for (int i = 0; i < params.size(); i++) {
            double[] sum = alone[0].gradients()[i].clone();
            for (int j = 0; j < sum.length; j++) {
                sum[j] += alone[1].gradients()[i][j];
            }
            double[] accumulated = params.get(i).gradient().data();
            for (int j = 0; j < sum.length; j++) {
                // Accumulating into a gradient that already holds the first workspace's part may round
                // differently from adding the two parts afterwards: 1e-12, relative above 1.
                assertEquals(sum[j], accumulated[j], 1e-12 * Math.max(1, Math.abs(sum[j])),
                        "gradient of " + params.get(i).path() + "[" + j + "]");
            }
        }
    }

    private record Result(Tensor out, Tensor gradIn, double[][] gradients) {
    }

    private Result separately(Tensor in, Tensor gradOut, long seed) {
        Layer layer = createLayer(inputShape());
        int outputs = layer.outputShape(inputShape()).size();
        LayerPasses passes = new LayerPasses(layer, inputShape(), batchSize(), seed);
        layer.parameters().forEach(p -> p.gradient().zero());
        Tensor out = Tensor.zeros(batchSize(), outputs);
        Tensor gradIn = Tensor.zeros(batchSize(), inputShape().size());
        passes.forward(in, out, Mode.TRAIN);
        passes.backward(in, out, gradOut, gradIn, Mode.TRAIN, GradientListener.NONE);
        return new Result(out, gradIn, layer.parameters().stream().map(p -> p.gradient().data().clone())
                .toArray(double[][]::new));
    }

    private static Parameter find(List<Parameter> parameters, String path) {
        return parameters.stream().filter(p -> p.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("a new layer has no parameter " + path));
    }

    private static boolean overrides(Layer layer, String name, Class<?>... types) {
        try {
            return layer.getClass().getMethod(name, types).getDeclaringClass() != Layer.class;
        } catch (NoSuchMethodException e) {
            return false;
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
