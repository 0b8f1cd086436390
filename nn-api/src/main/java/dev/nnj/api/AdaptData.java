package dev.nnj.api;

import java.util.function.Consumer;

/**
 * The training data as a layer sees it, for {@link Layer#adapt(AdaptData)}: every training example,
 * in batches, as it arrives at the layer's input (the layers before it applied in inference mode).
 * On one machine the batches come from memory; on Spark they are streamed to the driver, one
 * partition at a time.
 */
public interface AdaptData {

    /**
     * The number of training examples.
     *
     * @return how many rows {@link #forEachBatch(Consumer)} gives in all, at least 1
     */
    long examples();

    /**
     * Passes every training example, once, in batches. May be called more than once (e.g. a first
     * pass for the mean, a second for the variance); each call gives the same rows in the same order.
     *
     * @param action given each batch, [rows, inputs] at the layer's input; the tensor is valid only
     *     during the call and must not be modified
     */
    void forEachBatch(Consumer<Tensor> action);
}
