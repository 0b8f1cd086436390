package dev.nnj.api;

import java.util.LinkedHashMap;
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
     *
     * @param parameters every parameter of the model, with its full path ({@code layers.0.weight});
     *     those that are not {@link Parameter#trainable() trainable} are left alone; the list is
     *     not modified
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
     *
     * @return {@code true} if {@link #beginStep()} and {@link #update} are supported; {@code false}
     *     by default
     */
    default boolean updatesInParts() {
        return false;
    }

    /**
     * Starts a step done in parts (counts the step). Only if {@link #updatesInParts()}.
     *
     * @throws UnsupportedOperationException by default, for optimizers that do not update in parts
     */
    default void beginStep() {
        throw new UnsupportedOperationException(getClass().getName() + " does not update in parts.");
    }

    /**
     * Updates values {@code [from, to)} of {@code parameter} from its gradient, as part of the step
     * begun last. Thread-safe for disjoint parts; must not allocate. A parameter is identified by
     * its value tensor, so a view of an attached parameter ({@link Parameter#withPrefix}) is the
     * same parameter; one this optimizer does not update (not trainable, not attached) is left alone.
     *
     * @param parameter the parameter whose gradient part is final; its value is updated in
     *     {@code [from, to)}, its gradient is not modified
     * @param from the first value to update, an index into the parameter's values, row-major
     * @param to one past the last value to update
     * @throws UnsupportedOperationException by default, for optimizers that do not update in parts
     */
    default void update(Parameter parameter, int from, int to) {
        throw new UnsupportedOperationException(getClass().getName() + " does not update in parts.");
    }

    /**
     * The learning rate that the next step uses.
     *
     * @return the current learning rate, &gt; 0
     */
    double learningRate();

    /**
     * Sets the learning rate for the following steps (schedules, command-line overrides).
     *
     * @param learningRate the new rate, finite and &gt; 0
     * @throws IllegalArgumentException if {@code learningRate} is not finite and &gt; 0
     */
    void setLearningRate(double learningRate);

    /**
     * The optimizer's float64 state, for checkpoints: the buffers themselves, so that writing into
     * them restores a saved state. An optimizer that keeps some state in float32 (nnj's, for the
     * parameters of a float32 model) has no {@code double[]} to give: it throws, and
     * {@link #stateTensors()} gives every buffer in its own type.
     *
     * @return the state per parameter path and state name, e.g. {@code layers.0.weight} -&gt;
     *     {@code momentum} -&gt; buffer; empty for a stateless optimizer (the default)
     * @throws IllegalStateException if some of the state is not float64
     */
    default Map<String, Map<String, double[]>> state() {
        return Map.of();
    }

    /**
     * The optimizer's state as tensors, each in the element type the optimizer keeps it in, for
     * checkpoints: views of the buffers themselves, so that writing into them (for instance with
     * {@link Tensor#copyFrom}) restores a saved state. nnj's checkpoints read and write this, not
     * {@link #state()}. The default wraps {@link #state()}'s buffers as float64 tensors of one row
     * (leaving out empty ones), so that an optimizer written against 0.1 is checkpointed as before;
     * override it to keep state in float32, as PyTorch does for float32 parameters.
     *
     * @return the state per parameter path and state name, each a {@code [1, n]} tensor; the same
     *     keys, in the same order, as {@link #state()} where that has them
     */
    default Map<String, Map<String, Tensor>> stateTensors() {
        Map<String, Map<String, Tensor>> out = new LinkedHashMap<>();
        state().forEach((path, buffers) -> {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            buffers.forEach((name, buffer) -> {
                if (buffer.length > 0) {
                    tensors.put(name, Tensor.wrap(buffer, 1, buffer.length));
                }
            });
            out.put(path, tensors);
        });
        return out;
    }

    /**
     * Whether this optimizer updates parameters of an element type (read with
     * {@link Tensor#floatData()} or {@link Tensor#get(int)} for {@link DType#F32}). nnj refuses to
     * build a model with float32 parameters on an optimizer that says no, naming it.
     *
     * @param type an element type
     * @return {@code true} for {@link DType#F64} by default
     */
    default boolean supports(DType type) {
        return type == DType.F64;
    }
}
