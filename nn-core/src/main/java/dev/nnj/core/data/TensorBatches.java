package dev.nnj.core.data;

import dev.nnj.api.AdaptData;
import dev.nnj.api.Tensor;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Examples held in memory, given to {@link dev.nnj.api.Layer#adapt(AdaptData)} in batches of a
 * bounded size, so that the layers before an adapting one run on batches, not on the whole set.
 */
public final class TensorBatches implements AdaptData {
    private final Tensor examples;
    private final int batch;

    /**
     * Batches over a tensor of examples.
     *
     * @param examples [n, features], n &gt;= 1; not modified, not copied
     * @param batch the largest batch, &gt;= 1
     * @throws IllegalArgumentException if {@code examples} is empty or {@code batch} is below 1
     */
    public TensorBatches(Tensor examples, int batch) {
        if (examples.rows() < 1 || batch < 1) {
            throw new IllegalArgumentException("Adapting needs at least one example and batches of >= 1; got "
                    + examples.rows() + " examples, batch " + batch + ".");
        }
        this.examples = examples;
        this.batch = batch;
    }

    @Override
    public long examples() {
        return examples.rows();
    }

    @Override
    public void forEachBatch(Consumer<Tensor> action) {
        int cols = examples.cols();
        for (int from = 0; from < examples.rows(); from += batch) {
            int k = Math.min(batch, examples.rows() - from);
            action.accept(Tensor.wrap(Arrays.copyOfRange(examples.data(), from * cols, (from + k) * cols), k, cols));
        }
    }
}
