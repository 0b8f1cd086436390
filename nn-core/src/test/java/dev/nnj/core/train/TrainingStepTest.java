package dev.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.nnj.api.Loss;
import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.Allocations;
import dev.nnj.api.testkit.GradientCheck;
import dev.nnj.core.activation.Relu;
import dev.nnj.core.layer.ActivationLayer;
import dev.nnj.core.layer.DenseLayer;
import dev.nnj.core.loss.MeanSquaredError;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.train.TrainingStep.Phase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainingStepTest {
    private final Tensor x = GradientCheck.randomTensor(4, 3, new SplittableRandom(2));
    private final Tensor y = GradientCheck.randomTensor(4, 2, new SplittableRandom(3));

    /** The same weights every call: a 3-5-2 MLP with ReLU, from a fixed seed. */
    private static Sequential model() {
        return model(true);
    }

    /** {@link #model()} with its first dense layer ({@code layers.0}) trained or frozen. */
    private static Sequential model(boolean firstTrainable) {
        SplittableRandom random = new SplittableRandom(5);
        DenseLayer first = new DenseLayer(3, 5);
        DenseLayer second = new DenseLayer(5, 2);
        System.arraycopy(GradientCheck.randomTensor(3, 5, random).data(), 0, first.weight().value().data(), 0, 15);
        System.arraycopy(GradientCheck.randomTensor(5, 2, random).data(), 0, second.weight().value().data(), 0, 10);
        return Sequential.builder(Shape.of(3)).add(first, "layers.0", "layers[0]", firstTrainable)
                .add(new ActivationLayer(new Relu())).add(second).build();
    }

    /** @return the values of {@code params}, copied, in order */
    private static double[] values(List<Parameter> params) {
        return params.stream().flatMapToDouble(p -> Arrays.stream(p.value().data())).toArray();
    }

    private static double[] values(Sequential model) {
        return values(model.parameters());
    }

    private static double norm(List<Parameter> params) {
        double sum = 0;
        for (Parameter p : params) {
            for (int j = 0; j < p.gradient().size(); j++) {
                sum += p.gradient().data()[j] * p.gradient().data()[j];
            }
        }
        return Math.sqrt(sum);
    }

    @Test
    void aStepIsItsTwoHalvesBitForBit() {
        GradientClipping clipping = new GradientClipping(0.05, Double.POSITIVE_INFINITY);
        Sequential whole = model();
        Sequential halves = model();
        TrainingStep a = new TrainingStep(whole, new MeanSquaredError(), new PlainSgd(0.1), 4).clipGradients(clipping);
        TrainingStep b = new TrainingStep(halves, new MeanSquaredError(), new PlainSgd(0.1), 4).clipGradients(clipping);
        for (int i = 0; i < 5; i++) {
            double lossA = a.step(x, y);
            double lossB = b.gradients(x, y);
            b.update();
            assertEquals(lossA, lossB, 0.0);
        }
        assertArrayEquals(values(whole), values(halves), 0.0);
    }

    @Test
    void updatingInPartsDuringBackwardEqualsSteppingWholeBitForBit() {
        Sequential parts = model();
        Sequential whole = model();
        TrainingStep a = new TrainingStep(parts, new MeanSquaredError(), PlainSgd.inParts(0.1), 4);
        TrainingStep b = new TrainingStep(whole, new MeanSquaredError(), PlainSgd.inParts(0.1), 4).updateDuringBackward(false);
        for (int i = 0; i < 5; i++) {
            a.step(x, y);
            b.step(x, y);
        }
        assertArrayEquals(values(parts), values(whole), 0.0);
    }

    @Test
    void gradientsLeaveTheParametersAndUpdateStepsOnce() {
        Sequential model = model();
        double[] before = values(model);
        Optimizer optimizer = mock(Optimizer.class);
        when(optimizer.updatesInParts()).thenReturn(true);
        TrainingStep step = new TrainingStep(model, new MeanSquaredError(), optimizer, 4);
        step.gradients(x, y);
        verify(optimizer, times(1)).attach(model.parameters());
        verify(optimizer, never()).step();
        verify(optimizer, never()).beginStep();
        assertArrayEquals(before, values(model), 0.0);
        assertTrue(norm(model.parameters()) > 0, "gradients computed");
        step.update();
        verify(optimizer, times(1)).step();
    }

    @Test
    void updateClipsTheGradientsBeforeTheOptimizerSteps() {
        Sequential model = model();
        Optimizer optimizer = mock(Optimizer.class);
        when(optimizer.updatesInParts()).thenReturn(true);
        List<Double> norms = new ArrayList<>();
        doAnswer(inv -> norms.add(norm(model.parameters()))).when(optimizer).step();
        TrainingStep step = new TrainingStep(model, new MeanSquaredError(), optimizer, 4)
                .clipGradients(new GradientClipping(0.01, Double.POSITIVE_INFINITY));
        step.gradients(x, y);
        assertTrue(norm(model.parameters()) > 0.1, "a fixture whose gradient the bound clips: " + norm(model.parameters()));
        step.update();
        step.step(x, y);
        assertEquals(2, norms.size());
        for (double n : norms) {
            assertEquals(0.01, n, 1e-6);
        }
        verify(optimizer, never()).beginStep();
    }

    /** The optimizer's contract: it is attached to the trainable parameters only and handed no other. */
    @Test
    void attachesTheOptimizerToTheTrainableParametersOnlyAndHandsItNoFrozenOneDuringBackward() {
        Sequential model = model(false);
        Optimizer optimizer = mock(Optimizer.class);
        when(optimizer.updatesInParts()).thenReturn(true);
        List<Tensor> handed = new ArrayList<>();
        doAnswer(inv -> {
            synchronized (handed) {
                handed.add(inv.<Parameter>getArgument(0).value());
            }
            return null;
        }).when(optimizer).update(any(), anyInt(), anyInt());
        TrainingStep step = new TrainingStep(model, new MeanSquaredError(), optimizer, 4);
        step.step(x, y);
        verify(optimizer).attach(model.trainableParameters());
        assertEquals(List.of("layers.2.weight", "layers.2.bias"),
                model.trainableParameters().stream().map(Parameter::path).toList());
        assertFalse(handed.isEmpty(), "updated during backward");
        for (Parameter frozen : model.parameters().subList(0, 2)) {
            assertFalse(handed.stream().anyMatch(t -> t == frozen.value()), frozen.path() + " handed to the optimizer");
        }
    }

    /** {@link PlainSgd} updates whatever it is attached to and handed, trainable or not. */
    @Test
    void aFrozenLayerKeepsItsValuesBitForBitWhateverTheOptimizerDoesWithTheFlag() {
        for (boolean inParts : new boolean[] {false, true}) {
            Sequential model = model(false);
            double[] frozen = values(model.parameters().subList(0, 2));
            double[] trained = values(model.parameters().subList(2, 4));
            TrainingStep step = new TrainingStep(model, new MeanSquaredError(),
                    inParts ? PlainSgd.inParts(0.1) : new PlainSgd(0.1), 4);
            for (int i = 0; i < 3; i++) {
                step.step(x, y);
            }
            assertArrayEquals(frozen, values(model.parameters().subList(0, 2)), 0.0, "in parts: " + inParts);
            assertFalse(Arrays.equals(trained, values(model.parameters().subList(2, 4))), "in parts: " + inParts);
        }
    }

    /**
     * Clipping by norm scales the trainable gradients by maxNorm / (their norm + 1e-6); with the
     * frozen layer's gradients in the norm the update would be visibly smaller.
     */
    @Test
    void clipsByTheNormOfTheTrainableGradientsOnly() {
        Sequential reference = model(false);
        new TrainingStep(reference, new MeanSquaredError(), new PlainSgd(0.1), 4).gradients(x, y);
        double trainableNorm = norm(reference.trainableParameters());
        double allNorm = norm(reference.parameters());
        assertTrue(allNorm > 1.1 * trainableNorm, "a fixture where the frozen gradients weigh: " + allNorm
                + " against " + trainableNorm);
        double maxNorm = trainableNorm / 2;

        Sequential model = model(false);
        new TrainingStep(model, new MeanSquaredError(), new PlainSgd(0.1), 4)
                .clipGradients(new GradientClipping(maxNorm, Double.POSITIVE_INFINITY)).step(x, y);
        double scale = maxNorm / (trainableNorm + 1e-6);
        for (int i = 0; i < 4; i++) {
            Parameter before = reference.parameters().get(i);
            Parameter after = model.parameters().get(i);
            double[] expected = before.value().data().clone();
            if (before.trainable()) {
                double largestDifference = 0;
                for (int j = 0; j < expected.length; j++) {
                    expected[j] -= 0.1 * (before.gradient().data()[j] * scale);
                    double withFrozen = before.value().data()[j] - 0.1 * before.gradient().data()[j] * maxNorm / allNorm;
                    largestDifference = Math.max(largestDifference, Math.abs(expected[j] - withFrozen));
                }
                assertTrue(largestDifference > 1e-3, after.path() + ": the frozen gradients in the norm would "
                        + "change the update by only " + largestDifference);
            } else {
                assertArrayEquals(before.gradient().data(), after.gradient().data(), 0.0, "frozen gradient not scaled");
            }
            assertArrayEquals(expected, after.value().data(), 1e-15, after.path());
        }
    }

    @Test
    void doesNothingAfterANonFiniteLoss() {
        Sequential model = model();
        double[] before = values(model);
        Loss loss = mock(Loss.class);
        when(loss.compute(any(), any(), any())).thenReturn(Double.NaN);
        Optimizer optimizer = mock(Optimizer.class);
        when(optimizer.updatesInParts()).thenReturn(true);
        TrainingStep step = new TrainingStep(model, loss, optimizer, 4);
        assertTrue(Double.isNaN(step.step(x, y)));
        assertTrue(Double.isNaN(step.gradients(x, y)));
        verify(optimizer, never()).step();
        verify(optimizer, never()).beginStep();
        verify(optimizer, never()).update(any(), anyInt(), anyInt());
        assertEquals(0.0, norm(model.parameters()), "no backward pass: the gradients stay zero");
        assertArrayEquals(before, values(model), 0.0);
    }

    @Test
    void tellsThePhasesInOrder() {
        List<Phase> heard = new ArrayList<>();
        Optimizer inParts = mock(Optimizer.class);
        when(inParts.updatesInParts()).thenReturn(true);
        new TrainingStep(model(), new MeanSquaredError(), inParts, 4).onPhase(heard::add).step(x, y);
        verify(inParts).beginStep();
        assertEquals(List.of(Phase.values()), heard, "updating during backward");
        heard.clear();
        TrainingStep step = new TrainingStep(model(), new MeanSquaredError(), mock(Optimizer.class), 4)
                .onPhase(heard::add);
        step.step(x, y);
        assertEquals(List.of(Phase.values()), heard);
        heard.clear();
        step.gradients(x, y);
        assertEquals(List.of(Phase.ZERO, Phase.FORWARD, Phase.LOSS, Phase.BACKWARD), heard);
        heard.clear();
        step.update();
        assertEquals(List.of(Phase.CLIP, Phase.UPDATE), heard);
    }

    @Test
    void exposesTheOutputOfTheLastForwardPass() {
        Sequential model = model();
        TrainingStep step = new TrainingStep(model, new MeanSquaredError(), mock(Optimizer.class), 4);
        step.step(x, y);
        assertArrayEquals(model.predict(x).data(), Arrays.copyOf(step.output().data(), 8), 0.0);
        assertEquals(4, step.output().rows());
    }

    @Test
    void aClippedStepAndItsHalvesAllocateNothingAfterWarmUp() {
        Sequential model = model();
        TrainingStep step = new TrainingStep(model, new MeanSquaredError(), new PlainSgd(0.01), 4)
                .clipGradients(new GradientClipping(0.5, 1.0)).onPhase(phase -> { });
        Allocations.assertAllocatesAtMost(16, 2_000, () -> step.step(x, y));
        Allocations.assertAllocatesAtMost(16, 2_000, () -> {
            step.gradients(x, y);
            step.update();
        });
        TrainingStep parts = new TrainingStep(model(), new MeanSquaredError(), PlainSgd.inParts(0.01), 4);
        Allocations.assertAllocatesAtMost(16, 2_000, () -> parts.step(x, y));
    }
}
