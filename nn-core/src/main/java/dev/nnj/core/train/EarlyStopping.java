package dev.nnj.core.train;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.Parameter;
import dev.nnj.api.Tensor;
import dev.nnj.core.model.Sequential;
import java.util.List;

/**
 * Stops training when the monitored loss ({@link EpochResult#monitoredLoss()}: validation, else
 * test, else training loss) has not improved by more than {@code minDelta} for {@code patience}
 * epochs, as Keras' {@code EarlyStopping}; with {@code restoreBest}, the weights of the best epoch
 * are put back when training ends (stopped early or not).
 */
public final class EarlyStopping implements TrainingListener {
    private final int patience;
    private final double minDelta;
    private final boolean restoreBest;
    private final List<Parameter> parameters;
    private final Tensor[] bestValues;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int wait;
    private boolean stopped;

    /**
     * Watches the monitored loss of {@code model}'s training; allocates a copy of the parameters
     * once, here.
     *
     * @param model the model being trained; with {@code restoreBest}, its parameter values are
     *     overwritten when training ends
     * @param patience epochs without improvement before stopping, &gt;= 1
     * @param minDelta how much lower than the best a loss must be to count as an improvement, &gt;= 0
     * @param restoreBest whether to put back the weights of the best epoch when training ends
     * @throws IllegalArgumentException if {@code patience} is below 1 or {@code minDelta} negative or NaN
     * @throws NullPointerException if {@code model} is null
     */
    public EarlyStopping(Sequential model, int patience, double minDelta, boolean restoreBest) {
        if (patience < 1 || !(minDelta >= 0)) {
            throw new IllegalArgumentException("early stopping: patience must be >= 1 and minDelta >= 0; got " + patience
                    + " and " + minDelta + ".");
        }
        this.patience = patience;
        this.minDelta = minDelta;
        this.restoreBest = restoreBest;
        this.parameters = requireNonNull(model, "model is null").parameters();
        this.bestValues = new Tensor[parameters.size()];
        for (int i = 0; i < bestValues.length; i++) {
            bestValues[i] = parameters.get(i).value().copy();
        }
    }

    @Override
    public void onEpochEnd(EpochResult result) {
        double loss = result.monitoredLoss();
        if (loss < best - minDelta) {
            best = loss;
            bestEpoch = result.epoch();
            wait = 0;
            for (int i = 0; i < bestValues.length; i++) {
                bestValues[i].copyFrom(parameters.get(i).value());
            }
        } else {
            wait++;
            stopped = wait >= patience;
        }
    }

    @Override
    public boolean shouldStop() {
        return stopped;
    }

    @Override
    public void onTrainingEnd(List<EpochResult> history) {
        if (restoreBest && bestEpoch > 0) {
            for (int i = 0; i < bestValues.length; i++) {
                parameters.get(i).value().copyFrom(bestValues[i]);
            }
        }
    }

    /**
     * The epoch whose weights are restored with {@code restoreBest}.
     *
     * @return the epoch with the lowest monitored loss so far, 0 before the first
     */
    public int bestEpoch() {
        return bestEpoch;
    }

    /**
     * The lowest monitored loss so far.
     *
     * @return the loss of {@link #bestEpoch()}; infinity before the first epoch
     */
    public double bestLoss() {
        return best;
    }

    /**
     * Whether this listener ended training.
     *
     * @return whether training was stopped before its last epoch
     */
    public boolean stoppedEarly() {
        return stopped;
    }
}
