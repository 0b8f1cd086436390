package dev.nnj.core.layer;

import dev.nnj.api.LayerContext;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;

/** What {@link MaxPool2d} and {@link AvgPool2d} check alike. */
final class Pooling {
    private Pooling() {
    }

    /**
     * Lays a pooling window over {@code input}.
     *
     * @throws IllegalArgumentException if the padding is more than half the kernel
     * @throws ShapeMismatchException if {@code input} is not [C, H, W] or the window does not fit it
     */
    static Grid grid(Shape input, Window2d window) {
        if (!window.padsAtMostHalfTheKernel()) {
            throw new IllegalArgumentException("A pooling's padding must be at most half its kernel, as PyTorch "
                    + "requires: at most [" + window.kernelHeight() / 2 + ", " + window.kernelWidth() / 2
                    + "] for the kernel [" + window.kernelHeight() + ", " + window.kernelWidth() + "]; got ["
                    + window.padHeight() + ", " + window.padWidth() + "].");
        }
        return Grid.of(input, window);
    }

    /**
     * A max pooling's winners in this workspace, checked to hold {@code batch} examples.
     *
     * @throws IllegalStateException if the context holds no state
     * @throws ShapeMismatchException if the batch exceeds what the state was made for
     */
    static int[] state(LayerContext context, int batch, Grid grid) {
        int[] winners = context.state();
        if (winners == null) {
            throw new IllegalStateException("max-pool2d keeps its winners in its state: pass the context of a "
                    + "workspace, or one made with LayerContext.of(mode, layer.newState(request), ...).");
        }
        int perExample = grid.channels() * grid.outPlane();
        if (batch * perExample > winners.length) {
            throw new ShapeMismatchException("A batch of " + batch + " rows does not fit this layer's state, made "
                    + "for " + winners.length / perExample + "; make a state for the larger batch.");
        }
        return winners;
    }
}
