package dev.nnj.core.train;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.Loss;
import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import dev.nnj.api.Schedule;
import dev.nnj.api.Tensor;
import dev.nnj.api.TrainingException;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.data.TensorBatches;
import dev.nnj.core.data.Shuffle;
import dev.nnj.core.eval.Evaluation;
import dev.nnj.core.eval.Evaluator;
import dev.nnj.core.eval.Predictions;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.random.Seeds;
import java.util.ArrayList;
import java.util.List;

/**
 * Mini-batch gradient descent: per epoch, shuffle (seeded per epoch), then per batch one
 * {@link TrainingStep} (zero the gradients, forward, loss, backward, clip, optimizer step). With
 * {@link TrainingOptions#dropLast()} an epoch skips its last batch when that is short. The
 * optimizer is attached to the model's trainable parameters once, here (a frozen layer's are left
 * as they are; see {@link TrainingStep}). Buffers are allocated once; a step allocates nothing.
 *
 * <p>When the optimizer {@linkplain Optimizer#updatesInParts() updates in parts} and gradients are
 * not clipped (clipping needs every gradient first), the step is done during the backward pass
 * (see {@link TrainingStep}). The result is the same to the bit.
 */
public final class Trainer {
    /** The batch in which layers that adapt see the training data. */
    private static final int ADAPT_BATCH = 1_024;
    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final TrainingOptions options;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final TrainingStep trainingStep;
    private final Tensor x;
    private final Tensor y;
    private Schedule schedule;
    private DataSet validation;
    private double targetScale = 1;
    private final double baseLearningRate;
    /** Training examples of the current epoch that the model classified correctly before their step. */
    private long correctThisEpoch;

    /**
     * Prepares training: allocates the batch buffers and attaches the optimizer to the model's
     * trainable parameters, so one optimizer serves one trainer.
     *
     * @param model the model to train; its parameters are updated
     * @param loss the loss to minimise
     * @param optimizer a new optimizer, attached here; its learning rate now is the schedule's base
     * @param options epochs, batch size, seed and whether to drop a short last batch
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the optimizer refuses to be attached (e.g. it is already)
     */
    public Trainer(Sequential model, Loss loss, Optimizer optimizer, TrainingOptions options) {
        this.model = requireNonNull(model, "model is null");
        this.loss = requireNonNull(loss, "loss is null");
        this.optimizer = requireNonNull(optimizer, "optimizer is null");
        this.options = requireNonNull(options, "options is null");
        this.trainingStep = new TrainingStep(model, loss, optimizer, options.batchSize());
        this.x = Tensor.zeros(options.batchSize(), model.inputShape().size());
        this.y = Tensor.zeros(options.batchSize(), model.outputShape().size());
        this.baseLearningRate = optimizer.learningRate();
    }

    /**
     * Sets the learning rate before every epoch from {@code newSchedule}, relative to the optimizer's
     * rate when this trainer was made, and tells it the monitored loss after every epoch (the
     * validation loss, else the test loss, else the training loss).
     *
     * @param newSchedule the learning-rate schedule
     * @return this trainer
     */
    public Trainer schedule(Schedule newSchedule) {
        this.schedule = requireNonNull(newSchedule, "schedule is null");
        return this;
    }

    /**
     * Evaluates {@code held} (held-out training data) after every epoch; its loss becomes the
     * monitored one.
     *
     * @param held examples not trained on; not modified
     * @return this trainer
     */
    public Trainer validateOn(DataSet held) {
        this.validation = requireNonNull(held, "validation data is null");
        return this;
    }

    /**
     * Reports the regression errors of every epoch's evaluation in the target's own units (see
     * {@link Evaluator#inTargetUnits}), for a model that trains on a standardised target.
     *
     * @param scale the target's standard deviation, &gt; 0; 1 for none
     * @return this trainer
     * @throws IllegalArgumentException if {@code scale} is not a finite number &gt; 0
     */
    public Trainer reportInTargetUnits(double scale) {
        if (!(scale > 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("The target scale must be a finite number > 0, got " + scale + ".");
        }
        this.targetScale = scale;
        return this;
    }

    /**
     * Clips gradients between backward and the optimizer step from now on. Clipping that is not
     * {@link GradientClipping#isOff() off} needs every gradient first, so the optimizer then steps
     * after the backward pass rather than during it.
     *
     * @param newClipping the bounds; {@link GradientClipping#NONE} for none
     * @return this trainer
     */
    public Trainer clipGradients(GradientClipping newClipping) {
        trainingStep.clipGradients(requireNonNull(newClipping, "clipping is null"));
        return this;
    }

    /**
     * Adds a listener; listeners are called in the order added.
     *
     * @param listener hears each epoch and batch, e.g. a progress bar or {@link CsvLog}
     * @return this trainer
     */
    public Trainer addListener(TrainingListener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
        return this;
    }

    /**
     * Trains every epoch of the options, from the first.
     *
     * @param train the training data
     * @param test evaluated after every epoch; may be {@code null}
     * @return one result per epoch
     * @throws TrainingException if the loss becomes NaN or infinite
     */
    public List<EpochResult> fit(DataSet train, DataSet test) {
        return fit(train, test, 1);
    }

    /**
     * Trains epochs {@code firstEpoch} to {@code epochs} of the options: resuming after epoch
     * {@code firstEpoch - 1} gives the same weights as training in one go, since each epoch's order
     * comes from the seed and the epoch number alone (and the optimizer's state was restored).
     * From the first epoch, layers that learn from the data before training
     * ({@link dev.nnj.api.Layer#adapt}, e.g. {@code normalization}) first see {@code train}'s
     * features, unless the model has {@linkplain Sequential#adapted() adapted} already (an earlier
     * {@code fit}, or saved weights loaded into it): a resumed or fine-tuned run keeps what they
     * learned, saved with the model.
     *
     * @param train the training data
     * @param test evaluated after every epoch; may be {@code null}
     * @param firstEpoch the first epoch to train, &gt;= 1
     * @return one result per epoch trained
     * @throws IllegalArgumentException if {@code firstEpoch} is below 1
     * @throws dev.nnj.api.ShapeMismatchException if a data set does not fit the model
     * @throws dev.nnj.api.DataException if a label is outside the model's classes, or if
     *     {@link TrainingOptions#dropLast()} is on and the training data make no full batch
     * @throws TrainingException if the loss becomes NaN or infinite
     */
    public List<EpochResult> fit(DataSet train, DataSet test, int firstEpoch) {
        if (firstEpoch < 1) {
            throw new IllegalArgumentException("firstEpoch must be >= 1; got " + firstEpoch + ".");
        }
        train.checkFits(model);
        if (test != null) {
            test.checkFits(model);
        }
        if (validation != null) {
            validation.checkFits(model);
        }
        if (firstEpoch == 1 && train.size() > 0 && !model.adapted()) {
            // Layers that learn from the data (normalization) do so once, before the first epoch.
            model.adapt(new TensorBatches(train.features(), ADAPT_BATCH));
        }
        Evaluator evaluator = test == null && validation == null ? null
                : new Evaluator(model, loss, Math.max(options.batchSize(), 256)).inTargetUnits(targetScale);
        int n = train.size();
        int batches = options.batches(n);
        long trained = options.trainedExamples(n);
        int[] order = new int[n];
        List<EpochResult> history = new ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).onTrainingStart(options.epochs(), batches);
        }
        for (int epoch = firstEpoch; epoch <= options.epochs(); epoch++) {
            if (schedule != null) {
                optimizer.setLearningRate(schedule.learningRate(epoch, baseLearningRate));
            }
            for (int i = 0; i < listeners.size(); i++) {
                listeners.get(i).onEpochStart(epoch);
            }
            long start = System.nanoTime();
            double trainLoss = runEpoch(train, order, epoch, batches);
            double seconds = (System.nanoTime() - start) / 1e9;
            double trainAccuracy = train.hasLabels() ? (double) correctThisEpoch / trained : Double.NaN;
            Evaluation evaluation = test == null ? null : evaluator.evaluate(test);
            Evaluation held = validation == null ? null : evaluator.evaluate(validation);
            EpochResult result = new EpochResult(epoch, trainLoss, evaluation, seconds, trained / seconds, held,
                    trainAccuracy);
            history.add(result);
            if (schedule != null) {
                schedule.onEpochEnd(epoch, result.monitoredLoss());
            }
            boolean stop = false;
            for (int i = 0; i < listeners.size(); i++) {
                listeners.get(i).onEpochEnd(result);
            }
            for (int i = 0; i < listeners.size(); i++) {
                stop |= listeners.get(i).shouldStop();
            }
            if (stop) {
                break;
            }
        }
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).onTrainingEnd(List.copyOf(history));
        }
        return history;
    }

    private double runEpoch(DataSet train, int[] order, int epoch, int batches) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Shuffle.shuffle(order, Seeds.stream(options.seed(), "shuffle:epoch:" + epoch));
        double lossSum = 0;
        long trained = 0;
        correctThisEpoch = 0;
        for (int b = 0; b < batches; b++) {
            int from = b * options.batchSize();
            int count = Math.min(options.batchSize(), order.length - from);
            train.gather(order, from, count, x, y);
            double batchLoss = step(x, y, train.hasLabels());
            if (!Double.isFinite(batchLoss)) {
                throw new TrainingException("The loss became " + batchLoss + " at epoch " + epoch + ", batch "
                        + (b + 1) + " of " + batches + "; training stopped. " + whereNonFinite() + "Lower the "
                        + "learning rate (now " + optimizer.learningRate() + ") or check the data for extreme values.");
            }
            lossSum += batchLoss * count;
            trained += count;
            for (int i = 0; i < listeners.size(); i++) {
                listeners.get(i).onBatchEnd(epoch, b + 1, batchLoss);
            }
        }
        return lossSum / trained;
    }

    /**
     * @param targets as {@link DataSet#gather} writes labels: one-hot rows, or the class (0 or 1) for
     *     a single output
     * @return how many rows of {@code out} predict the class of their target
     */
    private int correct(Tensor out, Tensor targets) {
        int correct = 0;
        for (int i = 0; i < out.rows(); i++) {
            int truth = targets.cols() == 1 ? (targets.get(i, 0) > 0.5 ? 1 : 0) : Predictions.argMax(targets, i);
            correct += Predictions.predictedClass(loss, out, i) == truth ? 1 : 0;
        }
        return correct;
    }

    /** @return where the first non-finite value is: a parameter, else a layer's output, else nowhere */
    private String whereNonFinite() {
        for (Parameter p : model.parameters()) {
            Tensor value = p.value();
            for (int j = 0, n = value.size(); j < n; j++) {
                if (!Double.isFinite(value.get(j))) {
                    return "Parameter '" + p.path() + "' holds " + value.get(j) + ". ";
                }
            }
        }
        String layer = trainingStep.workspace().firstNonFiniteOutput();
        return layer == null ? "Every layer's output is finite: the loss itself overflowed (check the targets). "
                : "The first non-finite value appeared in the output of " + layer + ". ";
    }

    /**
     * One training step on a batch: zero gradients, forward, loss, backward, clip, optimizer step
     * ({@link TrainingStep#step}). The parameters are not updated when the loss is not finite.
     *
     * @param batchX [batch, inputs]; not modified
     * @param batchY [batch, outputs] targets; not modified
     * @return the batch's loss
     */
    public double step(Tensor batchX, Tensor batchY) {
        return step(batchX, batchY, false);
    }

    /** {@link #step(Tensor, Tensor)}; with {@code count}, adds the batch's correct predictions to this epoch's. */
    private double step(Tensor batchX, Tensor batchY, boolean count) {
        double batchLoss = trainingStep.step(batchX, batchY);
        if (count && Double.isFinite(batchLoss)) {
            // The output of the forward pass: backward and the update leave it as it was.
            correctThisEpoch += correct(trainingStep.output(), batchY);
        }
        return batchLoss;
    }
}
