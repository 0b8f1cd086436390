package dev.nnj.api;

import java.util.List;
import java.util.Map;

/**
 * Updates parameters from their gradients. Configuration plus per-parameter state keyed by the
 * parameter's path; the state is allocated once, in {@link #attach(List)}.
 */
@Spi
public interface Optimizer {

    /**
     * Binds this optimizer to the parameters it will update and allocates its state. Called once,
     * before the first {@link #step()}.
     */
    void attach(List<Parameter> parameters);

    /** Updates every attached trainable parameter from its gradient. Must not allocate. */
    void step();

    /**
     * Whether this optimizer can update parameters in parts: the update of each value depends only
     * on that value, its gradient, its own state and the step number (SGD, momentum, Adam, RMSprop,
     * Adagrad; not an optimizer that needs a whole gradient's norm). If so, a trainer may, instead
     * of {@link #step()}, call {@link #beginStep()} once and then {@link #update} for disjoint parts
     * covering every attached parameter once, as their gradients become final during the backward
     * pass, from several threads at once; the result must equal {@link #step()}'s to the bit.
     */
    default boolean updatesInParts() {
        return false;
    }

    /** Starts a step done in parts (counts the step). Only if {@link #updatesInParts()}. */
    default void beginStep() {
        throw new UnsupportedOperationException(getClass().getName() + " does not update in parts.");
    }

    /**
     * Updates values {@code [from, to)} of {@code parameter} from its gradient, as part of the step
     * begun last. Thread-safe for disjoint parts; must not allocate. A parameter is identified by
     * its value tensor, so a view of an attached parameter ({@link Parameter#withPrefix}) is the
     * same parameter; one this optimizer does not update (not trainable, not attached) is left alone.
     */
    default void update(Parameter parameter, int from, int to) {
        throw new UnsupportedOperationException(getClass().getName() + " does not update in parts.");
    }

    double learningRate();

    /** Sets the learning rate for the following steps (schedules, command-line overrides). */
    void setLearningRate(double learningRate);

    /** @return the state per parameter path and state name, e.g. {@code layers.0.weight} -> {@code momentum} -> buffer */
    default Map<String, Map<String, double[]>> state() {
        return Map.of();
    }
}
