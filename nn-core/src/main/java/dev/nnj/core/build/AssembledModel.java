package dev.nnj.core.build;

import dev.nnj.api.Loss;
import dev.nnj.api.Optimizer;
import dev.nnj.api.Schedule;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.eval.Predictor;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.train.EpochResult;
import dev.nnj.core.train.GradientClipping;
import dev.nnj.core.train.Trainer;
import dev.nnj.core.train.TrainingOptions;
import dev.nnj.core.train.TrainingStep;
import java.util.List;

/**
 * A model built from a {@link ModelSpec}, with its loss, optimizer and training settings.
 *
 * @param model the network, initialised from the seed
 * @param loss the loss
 * @param optimizer the optimizer, not yet attached
 * @param training epochs, batch size, seed and {@code dropLast} from the spec
 * @param clipping gradient clipping from the spec
 * @param schedule the optimizer's learning-rate schedule, or {@code null}
 * @param spec the spec it was built from, which saving writes as {@code model.json}; {@code null}
 *     for a model put together by hand
 */
public record AssembledModel(Sequential model, Loss loss, Optimizer optimizer, TrainingOptions training,
        GradientClipping clipping, Schedule schedule, ModelSpec spec) {

    /**
     * A model not built from a spec.
     *
     * @param model the network, initialised from the seed
     * @param loss the loss
     * @param optimizer the optimizer, not yet attached
     * @param training epochs, batch size, seed and {@code dropLast}
     * @param clipping gradient clipping
     * @param schedule the optimizer's learning-rate schedule, or {@code null}
     */
    public AssembledModel(Sequential model, Loss loss, Optimizer optimizer, TrainingOptions training,
            GradientClipping clipping, Schedule schedule) {
        this(model, loss, optimizer, training, clipping, schedule, null);
    }

    /**
     * A model without gradient clipping or schedule.
     *
     * @param model the network, initialised from the seed
     * @param loss the loss
     * @param optimizer the optimizer, not yet attached
     * @param training epochs, batch size and seed
     */
    public AssembledModel(Sequential model, Loss loss, Optimizer optimizer, TrainingOptions training) {
        this(model, loss, optimizer, training, GradientClipping.NONE, null);
    }

    /**
     * A trainer for this model, set up as its model file says.
     *
     * @return a trainer for this model (attaches the optimizer), with the spec's clipping and schedule
     */
    public Trainer trainer() {
        Trainer trainer = new Trainer(model, loss, optimizer, training).clipGradients(clipping);
        return schedule == null ? trainer : trainer.schedule(schedule);
    }

    /**
     * Trains every epoch of the spec, as Keras's {@code model.fit(x, y, validation_data=...)}: a
     * {@link #trainer()} that watches {@code validation} (its loss is the monitored one) and
     * evaluates it after every epoch. Attaches the optimizer, so call it once per model (a new
     * {@link #trainer()} for more control: listeners, early stopping, a test set).
     *
     * @param train the examples to train on
     * @param validation held-out examples evaluated after every epoch, or {@code null}
     * @return one result per epoch: training loss, and the validation set's loss, accuracy and
     *     per-class metrics (or MAE, RMSE, R²) in {@link dev.nnj.core.train.EpochResult#validation()}
     * @throws dev.nnj.api.TrainingException if the loss becomes NaN or infinite
     */
    public List<EpochResult> fit(DataSet train, DataSet validation) {
        Trainer trainer = trainer();
        if (validation != null) {
            trainer.validateOn(validation);
        }
        return trainer.fit(train, null);
    }

    /**
     * A predictor of this model for any number of threads at once, its workspaces pooled.
     *
     * @return a new {@link Predictor} of this model and loss, {@link Predictor#DEFAULT_MAX_BATCH}
     *     rows per forward pass; share it rather than making one per call
     */
    public Predictor predictor() {
        return new Predictor(model, loss);
    }

    /**
     * One training step for this model, set up as its model file says, for code that draws its own
     * batches (distributed training, benchmarks).
     *
     * @return a step for batches of up to the spec's batch size (attaches the optimizer), with the
     *     spec's clipping
     */
    public TrainingStep trainingStep() {
        return new TrainingStep(model, loss, optimizer, training.batchSize()).clipGradients(clipping);
    }

    /**
     * {@link #trainingStep()}, its random streams (dropout masks) named by the caller.
     *
     * @param stream the name of the step's random streams, e.g. one per Spark partition
     * @return a step for batches of up to the spec's batch size (attaches the optimizer), with the
     *     spec's clipping
     */
    public TrainingStep trainingStep(String stream) {
        return new TrainingStep(model, loss, optimizer, training.batchSize(), stream).clipGradients(clipping);
    }
}
