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

    double learningRate();

    /** Sets the learning rate for the following steps (schedules, command-line overrides). */
    void setLearningRate(double learningRate);

    /** @return the state per parameter path and state name, e.g. {@code layers.0.weight} -> {@code momentum} -> buffer */
    default Map<String, Map<String, double[]>> state() {
        return Map.of();
    }
}
