package dev.nnj.api.testkit;

import dev.nnj.api.GradientListener;
import dev.nnj.api.Layer;
import dev.nnj.api.LayerContext;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.api.StateRequest;
import dev.nnj.api.Tensor;
import java.util.SplittableRandom;

/**
 * Runs a layer's passes as nnj's workspace does, for tests: the layer's state made once
 * ({@link Layer#newState}), the context methods called, and a layer that overrides no reporting
 * backward pass given its gradients' reports after its 0.1 backward.
 */
public final class LayerPasses {
    private final Layer layer;
    private final Object state;
    private final SplittableRandom random;
    private final boolean reports;

    /**
     * Makes the layer's state for batches of up to {@code maxBatch}.
     *
     * @param layer the layer
     * @param input the shape of one input example
     * @param maxBatch the largest batch the passes take
     * @param seed the seed of the layer's random stream in these passes
     */
    public LayerPasses(Layer layer, Shape input, int maxBatch, long seed) {
        this.layer = layer;
        this.state = layer.newState(new StateRequest(maxBatch, input, layer.outputShape(input)));
        this.random = new SplittableRandom(seed);
        this.reports = overridesBackward(layer, GradientListener.class) || overridesBackward(layer, LayerContext.class);
    }

    /**
     * A forward pass.
     *
     * @param in [batch, in]; not modified
     * @param out [batch, out]; overwritten
     * @param mode the mode
     */
    public void forward(Tensor in, Tensor out, Mode mode) {
        layer.forward(in, out, LayerContext.of(mode, state, random, GradientListener.NONE));
    }

    /**
     * A backward pass after {@link #forward} in {@code mode}.
     *
     * @param in [batch, in] the forward pass's input; not modified
     * @param out [batch, out] its output; not modified
     * @param gradOut [batch, out] dL/dOut; not modified
     * @param gradIn [batch, in] overwritten; may be null
     * @param mode the mode of the forward pass
     * @param ready told of final gradients
     */
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, Mode mode, GradientListener ready) {
        if (reports) {
            layer.backward(in, out, gradOut, gradIn, LayerContext.of(mode, state, random, ready));
            return;
        }
        layer.backward(in, out, gradOut, gradIn);
        for (Parameter p : layer.parameters()) {
            ready.gradientReady(p, 0, p.value().size());
        }
    }

    /**
     * A context of these passes, made once, for allocation checks that call the layer directly.
     *
     * @param mode the mode
     * @param ready told of final gradients
     * @return a context holding the layer's state and random stream
     */
    public LayerContext context(Mode mode, GradientListener ready) {
        return LayerContext.of(mode, state, random, ready);
    }

    /**
     * @return whether the layer overrides a backward pass that reports gradients; nnj's workspace
     *     calls only such an override, and reports the gradients of other layers itself
     */
    public boolean reportsItsGradients() {
        return reports;
    }

    private static boolean overridesBackward(Layer layer, Class<?> last) {
        try {
            return layer.getClass().getMethod("backward", Tensor.class, Tensor.class, Tensor.class, Tensor.class,
                    last).getDeclaringClass() != Layer.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
