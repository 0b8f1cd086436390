package dev.nnj.api;

import static java.util.Objects.requireNonNull;

import java.util.random.RandomGenerator;

/**
 * What a forward or backward pass tells a layer, beyond its tensors: the mode, the layer's state in
 * this workspace, its random stream in this workspace, and where final gradients go. The model
 * keeps one context per layer and workspace (it is not allocated per call), so a layer that keeps
 * its per-pass data here rather than in fields serves any number of workspaces and threads at once.
 *
 * <p>This interface grows by addition; layers call it, nnj implements it.
 */
public interface LayerContext {

    /**
     * Whether this pass is training or inference.
     *
     * @return {@link Mode#TRAIN} when a backward pass may follow, else {@link Mode#INFERENCE}
     */
    Mode mode();

    /**
     * The state this layer created for this workspace with {@link Layer#newState(StateRequest)},
     * the same object on every call through the same workspace.
     *
     * @param <S> the type of the layer's state
     * @return the layer's state in this workspace; {@code null} for a layer that keeps none
     */
    <S> S state();

    /**
     * This layer's random stream in this workspace, e.g. for dropout masks: seeded from the model's
     * seed, the layer's name and the workspace, so that runs repeat and workspaces do not share a
     * generator.
     *
     * @return a generator used by this layer and this workspace alone
     */
    RandomGenerator random();

    /**
     * Where a backward pass reports which parameter gradients are final (see
     * {@link Layer#backward(Tensor, Tensor, Tensor, Tensor, GradientListener)}).
     *
     * @return the listener; {@link GradientListener#NONE} when nobody updates during the pass
     */
    GradientListener gradients();

    /**
     * A context for calling a layer directly, without a workspace (tests, tools). Keep it for as long
     * as the forward and backward passes it serves: the state is what backward reads.
     *
     * @param mode the mode of the passes
     * @param state the layer's state, as {@link Layer#newState(StateRequest)} made it; may be null
     * @param random the layer's random stream
     * @param gradients where final gradients go; {@link GradientListener#NONE} to ignore
     * @return an immutable context
     * @throws NullPointerException if {@code mode}, {@code random} or {@code gradients} is null
     */
    static LayerContext of(Mode mode, Object state, RandomGenerator random, GradientListener gradients) {
        requireNonNull(mode, "mode is null");
        requireNonNull(random, "random is null");
        requireNonNull(gradients, "gradients is null");
        return new LayerContext() {
            @Override
            public Mode mode() {
                return mode;
            }

            @Override
            @SuppressWarnings("unchecked")
            public <S> S state() {
                return (S) state;
            }

            @Override
            public RandomGenerator random() {
                return random;
            }

            @Override
            public GradientListener gradients() {
                return gradients;
            }
        };
    }
}
