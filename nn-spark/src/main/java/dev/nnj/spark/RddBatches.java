package dev.nnj.spark;

import dev.nnj.api.AdaptData;
import dev.nnj.api.Tensor;
import java.util.Iterator;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;

/**
 * The training examples of an RDD, streamed to the driver a partition at a time
 * ({@code toLocalIterator}), in batches, for {@link dev.nnj.api.Layer#adapt(AdaptData)}: the driver
 * holds one partition and one batch at a time, never the whole data set.
 */
final class RddBatches implements AdaptData {
    private final JavaRDD<Example> data;
    private final int features;
    private final int batch;
    private long examples = -1;

    RddBatches(JavaRDD<Example> data, int features, int batch) {
        this.data = data;
        this.features = features;
        this.batch = batch;
    }

    @Override
    public long examples() {
        if (examples < 0) {
            examples = data.count();
        }
        return examples;
    }

    @Override
    public void forEachBatch(Consumer<Tensor> action) {
        Tensor buffer = Tensor.zeros(batch, features);
        int k = 0;
        for (Iterator<Example> it = data.toLocalIterator(); it.hasNext(); ) {
            System.arraycopy(it.next().features(), 0, buffer.data(), k * features, features);
            if (++k == batch) {
                action.accept(buffer);
                k = 0;
            }
        }
        if (k > 0) {
            buffer.setRows(k);
            action.accept(buffer);
        }
    }
}
