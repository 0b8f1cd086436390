package dev.nnj.api;

/**
 * Told, during a backward pass, that part of a parameter's gradient is final for this step, so that
 * the trainer can update those values at once, on the thread that computed them and while they are
 * still in that core's cache (what PyTorch calls a post-accumulate-grad hook, per part).
 *
 * <p>Calls may come from several threads at once, for disjoint parts. A layer reports each of its
 * parameters once per backward pass, in disjoint parts that together cover it, and must not read a
 * parameter's values after reporting any part of it (the values may be changing).
 */
@Spi
@FunctionalInterface
public interface GradientListener {

    /** Ignores every report: a backward pass that only computes gradients. */
    GradientListener NONE = (parameter, from, to) -> { };

    /**
     * Hears that values {@code [from, to)} of a parameter's gradient are final for this step.
     *
     * @param parameter the layer's own parameter (the model's views of it share its tensors)
     * @param from the first final value, an index into the gradient's values, row-major
     * @param to one past the last
     */
    void gradientReady(Parameter parameter, int from, int to);
}
