package dev.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.calls;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.nnj.api.DataException;
import dev.nnj.api.Loss;
import dev.nnj.api.Mode;
import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.api.TrainingException;
import dev.nnj.api.testkit.GradientCheck;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.data.Shuffle;
import dev.nnj.core.layer.BatchNorm;
import dev.nnj.core.layer.DenseLayer;
import dev.nnj.core.eval.Evaluator;
import dev.nnj.core.loss.BinaryCrossEntropy;
import dev.nnj.core.loss.MeanSquaredError;
import dev.nnj.core.loss.SoftmaxCrossEntropy;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.model.Workspace;
import dev.nnj.core.random.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class TrainerTest {
    private final SplittableRandom random = new SplittableRandom(5);

    /** 10 examples, batch 4: batches of 4, 4 and 2 per epoch. */
    private final DataSet data = DataSet.regression("data", GradientCheck.randomTensor(10, 3, random),
            GradientCheck.randomTensor(10, 2, random));

    private Sequential model() {
        DenseLayer dense = new DenseLayer(3, 2);
        System.arraycopy(GradientCheck.randomTensor(3, 2, random).data(), 0, dense.weight().value().data(), 0, 6);
        return Sequential.builder(Shape.of(3)).add(dense).build();
    }

    @Test
    void attachesOnceAndStepsTheOptimizerOncePerBatch() {
        Sequential model = model();
        Optimizer optimizer = mock(Optimizer.class);
        Trainer trainer = new Trainer(model, new MeanSquaredError(), optimizer, new TrainingOptions(2, 4, 1));
        trainer.fit(data, null);
        verify(optimizer, times(1)).attach(model.parameters());
        verify(optimizer, times(2 * 3)).step();
    }

    @Test
    void dropLastSkipsTheShortLastBatchOfEachEpoch() {
        Optimizer optimizer = mock(Optimizer.class);
        TrainingListener listener = mock(TrainingListener.class);
        new Trainer(model(), new MeanSquaredError(), optimizer, new TrainingOptions(2, 4, 1, true)).addListener(listener)
                .fit(data, null);
        verify(optimizer, times(2 * 2)).step();
        verify(listener).onTrainingStart(2, 2);
        verify(listener, never()).onBatchEnd(anyInt(), eq(3), anyDouble());
    }

    @Test
    void withoutDropLastTheShortLastBatchIsTrained() {
        Optimizer optimizer = mock(Optimizer.class);
        TrainingListener listener = mock(TrainingListener.class);
        new Trainer(model(), new MeanSquaredError(), optimizer, new TrainingOptions(2, 4, 1, false)).addListener(listener)
                .fit(data, null);
        verify(optimizer, times(2 * 3)).step();
        verify(listener).onTrainingStart(2, 3);
    }

    /**
     * With weights that do not change, the epoch's loss and accuracy under dropLast are those of the
     * 8 examples of its two full batches: the first 8 of the epoch's order.
     */
    @Test
    void dropLastAveragesLossAndAccuracyOverTheExamplesTrained() {
        int[] labels = {0, 2, 1, 1, 0, 2, 2, 1, 0, 1};
        DataSet classes = DataSet.classification("classes", data.features(), labels);
        DenseLayer dense = new DenseLayer(3, 3);
        System.arraycopy(GradientCheck.randomTensor(3, 3, random).data(), 0, dense.weight().value().data(), 0, 9);
        Sequential model = Sequential.builder(Shape.of(3)).add(dense).build();
        Loss loss = new SoftmaxCrossEntropy();
        EpochResult epoch = new Trainer(model, loss, mock(Optimizer.class), new TrainingOptions(1, 4, 7, true))
                .fit(classes, null).get(0);

        int[] order = new int[10];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Shuffle.shuffle(order, Seeds.stream(7, "shuffle:epoch:1"));
        var trained = new Evaluator(model, loss, 8).evaluate(classes.subset(Arrays.copyOf(order, 8), "trained"));
        var all = new Evaluator(model, loss, 10).evaluate(classes);
        assertEquals(trained.loss(), epoch.trainLoss(), 1e-12);
        assertEquals(trained.accuracy(), epoch.trainAccuracy(), 0.0);
        assertTrue(trained.accuracy() != all.accuracy() || trained.loss() != all.loss(), "a fixture that tells them apart");
    }

    @Test
    void dropLastRefusesDataThatMakeNoFullBatch() {
        DataSet three = data.subset(new int[] {0, 1, 2}, "three");
        Trainer trainer = new Trainer(model(), new MeanSquaredError(), mock(Optimizer.class),
                new TrainingOptions(1, 4, 1, true));
        DataException e = assertThrows(DataException.class, () -> trainer.fit(three, null));
        assertEquals("dropLast is on and the 3 training examples make no full batch of 4: an epoch would train "
                + "nothing. Lower batchSize to at most 3 or turn dropLast off.", e.getMessage());
    }

    @Test
    void callsListenersInOrder() {
        TrainingListener first = mock(TrainingListener.class);
        TrainingListener second = mock(TrainingListener.class);
        Trainer trainer = new Trainer(model(), new MeanSquaredError(), mock(Optimizer.class), new TrainingOptions(2, 4, 1))
                .addListener(first).addListener(second);
        trainer.fit(data, data);

        InOrder order = inOrder(first, second);
        order.verify(first).onTrainingStart(2, 3);
        order.verify(second).onTrainingStart(2, 3);
        for (int epoch = 1; epoch <= 2; epoch++) {
            order.verify(first).onEpochStart(epoch);
            order.verify(second).onEpochStart(epoch);
            for (int batch = 1; batch <= 3; batch++) {
                order.verify(first).onBatchEnd(eq(epoch), eq(batch), anyDouble());
                order.verify(second).onBatchEnd(eq(epoch), eq(batch), anyDouble());
            }
            order.verify(first).onEpochEnd(any());
            order.verify(second).onEpochEnd(any());
        }
        order.verify(first).onTrainingEnd(any());
        order.verify(second).onTrainingEnd(any());
        order.verifyNoMoreInteractions();
    }

    @Test
    void setsTheScheduledRateBeforeEachEpochAndReportsTheLossAfter() {
        Optimizer optimizer = mock(Optimizer.class);
        when(optimizer.learningRate()).thenReturn(0.1);
        dev.nnj.api.Schedule schedule = mock(dev.nnj.api.Schedule.class);
        when(schedule.learningRate(anyInt(), anyDouble())).thenAnswer(inv -> 0.1 / (int) inv.getArgument(0));
        new Trainer(model(), new MeanSquaredError(), optimizer, new TrainingOptions(3, 4, 1)).schedule(schedule)
                .fit(data, data);
        InOrder order = inOrder(optimizer, schedule);
        for (int epoch = 1; epoch <= 3; epoch++) {
            order.verify(schedule).learningRate(epoch, 0.1);
            order.verify(optimizer).setLearningRate(0.1 / epoch);
            order.verify(optimizer, calls(3)).step();
            order.verify(schedule).onEpochEnd(eq(epoch), anyDouble());
        }
    }

    @Test
    void updatesInPartsDuringBackwardWhenTheOptimizerCan() {
        Sequential model = model();
        Parameter weight = model.parameters().get(0);
        Parameter bias = model.parameters().get(1);
        Optimizer optimizer = mock(Optimizer.class);
        when(optimizer.updatesInParts()).thenReturn(true);
        List<String> calls = new ArrayList<>();
        doAnswer(inv -> calls.add("begin")).when(optimizer).beginStep();
        doAnswer(inv -> {
            Parameter p = inv.getArgument(0);
            // The layer reports its own parameter; the model's view shares its tensors.
            String name = p.value() == weight.value() ? "weight" : p.value() == bias.value() ? "bias" : "?";
            calls.add(name + "[" + inv.getArgument(1) + ", " + inv.getArgument(2) + ")");
            return null;
        }).when(optimizer).update(any(), anyInt(), anyInt());
        new Trainer(model, new MeanSquaredError(), optimizer, new TrainingOptions(2, 4, 1)).fit(data, null);

        verify(optimizer, never()).step();
        List<String> expected = new ArrayList<>();
        for (int batch = 0; batch < 2 * 3; batch++) {
            expected.addAll(List.of("begin", "weight[0, 6)", "bias[0, 2)"));
        }
        assertEquals(expected, calls);
    }

    @Test
    void stepsWholeWhenGradientsAreClipped() {
        Optimizer optimizer = mock(Optimizer.class);
        when(optimizer.updatesInParts()).thenReturn(true);
        new Trainer(model(), new MeanSquaredError(), optimizer, new TrainingOptions(2, 4, 1))
                .clipGradients(new GradientClipping(1.0, Double.POSITIVE_INFINITY)).fit(data, null);
        verify(optimizer, times(2 * 3)).step();
        verify(optimizer, never()).beginStep();
        verify(optimizer, never()).update(any(), anyInt(), anyInt());
    }

    @Test
    void zeroesGradientsBetweenSteps() {
        Sequential model = model();
        Optimizer optimizer = mock(Optimizer.class);
        List<double[]> seen = new ArrayList<>();
        doAnswer(inv -> seen.add(model.parameters().get(0).gradient().data().clone())).when(optimizer).step();
        Trainer trainer = new Trainer(model, new MeanSquaredError(), optimizer, new TrainingOptions(1, 10, 1));
        trainer.fit(data, null);
        trainer.fit(data, null);

        // The optimizer changes nothing, so each full-batch step must see the same, fresh gradient.
        assertEquals(2, seen.size());
        assertArrayEquals(seen.get(0), seen.get(1), 1e-12);
        assertArrayEquals(freshGradient(model), seen.get(1), 1e-12);
    }

    @Test
    void stopsOnANonFiniteLossNamingEpochAndBatch() {
        Loss loss = mock(Loss.class);
        when(loss.compute(any(), any(), any())).thenReturn(0.5, 0.5, 0.5, 0.5, Double.NaN);
        Optimizer optimizer = mock(Optimizer.class);
        when(optimizer.learningRate()).thenReturn(0.1);
        Trainer trainer = new Trainer(model(), loss, optimizer, new TrainingOptions(3, 4, 1));
        TrainingException e = assertThrows(TrainingException.class, () -> trainer.fit(data, null));
        assertEquals("The loss became NaN at epoch 2, batch 2 of 3; training stopped. Every layer's output is finite: "
                + "the loss itself overflowed (check the targets). Lower the learning rate (now 0.1) or check the data "
                + "for extreme values.", e.getMessage());
        verify(optimizer, times(4)).step();
    }

    @Test
    void namesTheFirstLayerWhoseOutputIsNotFinite() {
        DataSet huge = DataSet.regression("huge", Tensor.of(new double[][] {{1e308, 1e308, 1e308}}),
                Tensor.of(new double[][] {{0, 0}}));
        Sequential model = model();
        java.util.Arrays.fill(model.parameters().get(0).value().data(), 10.0);
        Trainer trainer = new Trainer(model, new MeanSquaredError(), mock(Optimizer.class), new TrainingOptions(1, 1, 1));
        TrainingException e = assertThrows(TrainingException.class, () -> trainer.fit(huge, null));
        assertTrue(e.getMessage().contains("The first non-finite value appeared in the output of layers[0]."),
                e.getMessage());
    }

    @Test
    void doesNotStepWhenTheLossIsNotFinite() {
        Loss loss = mock(Loss.class);
        when(loss.compute(any(), any(), any())).thenReturn(Double.POSITIVE_INFINITY);
        Optimizer optimizer = mock(Optimizer.class);
        Trainer trainer = new Trainer(model(), loss, optimizer, new TrainingOptions(1, 4, 1));
        assertThrows(TrainingException.class, () -> trainer.fit(data, null));
        verify(optimizer, never()).step();
        verify(loss, times(1)).compute(any(), any(), any());
        verify(optimizer, never()).setLearningRate(anyDouble());
        verify(optimizer, times(1)).attach(any());
    }

    /**
     * With weights that do not change (the optimizer does nothing) and no dropout, the accuracy seen
     * during training is the one an evaluation of the training data finds, for one-hot targets and
     * for a single output alike; the last batch is partial (10 examples, batch 4).
     */
    @Test
    void reportsTheTrainingAccuracySeenDuringTheEpoch() {
        int[] labels = {0, 2, 1, 1, 0, 2, 2, 1, 0, 1};
        int[] binary = {0, 1, 1, 0, 0, 1, 1, 1, 0, 1};
        for (int outputs : new int[] {3, 1}) {
            DataSet classes = DataSet.classification("classes", data.features(), outputs == 3 ? labels : binary);
            DenseLayer dense = new DenseLayer(3, outputs);
            System.arraycopy(GradientCheck.randomTensor(3, outputs, random).data(), 0, dense.weight().value().data(), 0,
                    3 * outputs);
            Sequential model = Sequential.builder(Shape.of(3)).add(dense).build();
            Loss loss = outputs == 3 ? new SoftmaxCrossEntropy() : new BinaryCrossEntropy();
            List<EpochResult> history = new Trainer(model, loss, mock(Optimizer.class), new TrainingOptions(2, 4, 1))
                    .fit(classes, null);
            double evaluated = new Evaluator(model, loss, 10).evaluate(classes).accuracy();
            assertTrue(evaluated > 0 && evaluated < 1, "a fixture that tells right from wrong: " + evaluated);
            assertEquals(evaluated, history.get(0).trainAccuracy(), 0.0, outputs + " outputs");
            assertEquals(evaluated, history.get(1).trainAccuracy(), 0.0, outputs + " outputs");
        }
    }

    @Test
    void hasNoTrainingAccuracyForRegression() {
        List<EpochResult> history = new Trainer(model(), new MeanSquaredError(), new PlainSgd(0.1),
                new TrainingOptions(1, 4, 1)).fit(data, null);
        assertTrue(Double.isNaN(history.get(0).trainAccuracy()));
    }

    /**
     * A frozen batch-norm behaves as in PyTorch after {@code requires_grad_(False)}: γ and β keep
     * their values, while the running statistics still move in training, and the dense layer before
     * it still learns through it. {@link PlainSgd} updates whatever it is attached to.
     */
    @Test
    void aFrozenBatchNormKeepsItsParametersButUpdatesItsRunningStatistics() {
        DenseLayer first = new DenseLayer(3, 4);
        System.arraycopy(GradientCheck.randomTensor(3, 4, random).data(), 0, first.weight().value().data(), 0, 12);
        BatchNorm norm = new BatchNorm(Shape.of(4), 0.1, 1e-5);
        Arrays.fill(norm.weight().value().data(), 1.5);
        Arrays.fill(norm.bias().value().data(), -0.5);
        DenseLayer last = new DenseLayer(4, 2);
        System.arraycopy(GradientCheck.randomTensor(4, 2, random).data(), 0, last.weight().value().data(), 0, 8);
        Sequential model = Sequential.builder(Shape.of(3)).add(first).add(norm, "layers.1", "layers[1]", false)
                .add(last).build();
        double[] firstBefore = first.weight().value().data().clone();

        new Trainer(model, new MeanSquaredError(), new PlainSgd(0.1), new TrainingOptions(2, 4, 1)).fit(data, null);

        assertArrayEquals(new double[] {1.5, 1.5, 1.5, 1.5}, norm.weight().value().data(), 0.0);
        assertArrayEquals(new double[] {-0.5, -0.5, -0.5, -0.5}, norm.bias().value().data(), 0.0);
        assertFalse(Arrays.equals(new double[4], model.buffers().get(0).value().data()), "running_mean moved");
        assertEquals(6.0, model.buffers().get(2).value().data()[0], "num_batches_tracked: 2 epochs of 3 batches");
        assertFalse(Arrays.equals(firstBefore, first.weight().value().data()), "the layer before learns through it");
    }

    private double[] freshGradient(Sequential model) {
        Workspace ws = model.newWorkspace(10);
        model.zeroGradients();
        Tensor x = data.features();
        new MeanSquaredError().compute(ws.forward(x, Mode.TRAIN), data.targets(), ws.outputGradient());
        ws.backward();
        Parameter w = model.parameters().get(0);
        return w.gradient().data().clone();
    }
}
