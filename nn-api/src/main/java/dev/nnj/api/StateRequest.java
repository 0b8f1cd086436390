package dev.nnj.api;

import static java.util.Objects.requireNonNull;

/**
 * What a layer is told when a workspace asks for its state ({@link Layer#newState(StateRequest)}):
 * how large the batches will be and the shapes around the layer. Grows by addition.
 *
 * @param maxBatch the largest batch the workspace takes, at least 1: allocate for this many rows
 * @param inputShape the shape of one input example of the layer
 * @param outputShape the shape of one output example, as {@link Layer#outputShape(Shape)} gave it
 */
public record StateRequest(int maxBatch, Shape inputShape, Shape outputShape) {

    /**
     * Checks the request.
     *
     * @param maxBatch the largest batch the workspace takes, at least 1
     * @param inputShape the shape of one input example of the layer
     * @param outputShape the shape of one output example
     * @throws IllegalArgumentException if {@code maxBatch} is below 1
     * @throws NullPointerException if a shape is null
     */
    public StateRequest {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1; got " + maxBatch + ".");
        }
        requireNonNull(inputShape, "inputShape is null");
        requireNonNull(outputShape, "outputShape is null");
    }
}
