package dev.nnj.spark;

import dev.nnj.api.Buffer;
import dev.nnj.api.Parameter;
import dev.nnj.api.Tensor;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.Shuffle;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.random.Seeds;
import dev.nnj.core.train.TrainingStep;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The examples of one partition, by global index, and (transient, built on the executor once) a
 * copy of the model with its {@link TrainingStep}: the step's first half in synchronous mode, whole
 * steps (clipped as the model file says) in parameter averaging. Kept in memory by Spark between
 * steps.
 */
final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long[] indices;
    private final Example[] examples;
    private transient Map<Long, Integer> positions;
    private transient AssembledModel model;
    private transient TrainingStep trainingStep;
    private transient Tensor x;
    private transient Tensor y;
    private transient int[] localOrder;
    private transient int localEpoch;

    Shard(long[] indices, Example[] examples) {
        this.indices = indices;
        this.examples = examples;
    }

    /**
     * @param modelJson the model file
     * @param parameters all parameter values, flattened in parameter order, then all buffer values
     * @param batch the global indices of this step's batch
     * @param batchSize the global batch size, for the mean
     * @return [gradient of every parameter (flattened) scaled by k/batchSize, every buffer after this
     *     shard's forward pass scaled by k/batchSize (so that the sum over shards is their mean
     *     weighted by share), the loss sum k·loss/batchSize, k, then twice the nanoseconds this took
     *     (summed, and the maximum, as partitions are combined)]
     */
    double[] gradient(String modelJson, double[] parameters, long[] batch, int batchSize) {
        long start = System.nanoTime();
        prepare(modelJson);
        int k = 0;
        for (long index : batch) {
            Integer at = positions.get(index);
            if (at != null) {
                Example e = examples[at];
                System.arraycopy(e.features(), 0, x.data(), k * x.cols(), x.cols());
                System.arraycopy(e.target(), 0, y.data(), k * y.cols(), y.cols());
                k++;
            }
        }
        List<Parameter> params = model.model().parameters();
        List<Buffer> buffers = model.model().buffers();
        int total = Flat.size(params);
        int head = total + Flat.bufferSize(buffers);
        double[] out = new double[head + 4];
        if (k == 0) {
            return out;
        }
        Flat.read(parameters, params);
        Flat.readBuffers(parameters, total, buffers);
        x.setRows(k);
        y.setRows(k);
        // Not finite: the gradients stay zero, and the loss tells the driver not to update.
        double loss = trainingStep.gradients(x, y);
        double scale = (double) k / batchSize;
        Flat.writeGradients(params, out, scale);
        Flat.writeBuffers(buffers, out, total, scale);
        out[head] = loss * scale;
        out[head + 1] = k;
        out[head + 2] = System.nanoTime() - start;
        out[head + 3] = out[head + 2];
        return out;
    }

    /**
     * Parameter averaging: from the broadcast parameters and optimizer state, runs up to
     * {@code steps} local mini-batch steps over this shard's examples (in an order drawn for this
     * shard and epoch), and returns the new parameters and optimizer state. With the model's
     * {@code dropLast}, a batch shorter than {@code batchSize} (the shard's last) is skipped.
     *
     * @param round which group of {@code steps} steps of the epoch this is, from 0
     * @param start the parameters, the buffers and the optimizer state, flattened
     * @return [parameters, buffers, optimizer state, loss sum over the steps' examples, examples used,
     *     nanoseconds this took]
     */
    double[] localSteps(String modelJson, double[] start, int batchSize, long seed, int epoch, int round, int steps) {
        long startNanos = System.nanoTime();
        prepare(modelJson);
        boolean dropLast = model.training().dropLast();
        if (localOrder == null || localEpoch != epoch) {
            localOrder = Shuffle.permutation(examples.length,
                    Seeds.stream(seed, "shuffle:epoch:" + epoch + ":shard:" + (indices.length == 0 ? -1 : indices[0])));
            localEpoch = epoch;
        }
        List<Parameter> params = model.model().parameters();
        List<Buffer> buffers = model.model().buffers();
        int p = Flat.size(params) + Flat.bufferSize(buffers);
        Flat.read(start, params);
        Flat.readBuffers(start, Flat.size(params), buffers);
        int s = OptimizerState.read(start, p, model.optimizer());
        double lossSum = 0;
        int used = 0;
        for (int step = 0; step < steps; step++) {
            int from = (round * steps + step) * batchSize;
            if (from >= examples.length) {
                break;
            }
            int k = Math.min(batchSize, examples.length - from);
            if (dropLast && k < batchSize) {
                break;
            }
            for (int i = 0; i < k; i++) {
                Example e = examples[localOrder[from + i]];
                System.arraycopy(e.features(), 0, x.data(), i * x.cols(), x.cols());
                System.arraycopy(e.target(), 0, y.data(), i * y.cols(), y.cols());
            }
            x.setRows(k);
            y.setRows(k);
            lossSum += trainingStep.step(x, y) * k;
            used += k;
        }
        double[] out = new double[p + s + 3];
        System.arraycopy(Flat.values(params), 0, out, 0, Flat.size(params));
        Flat.writeBuffers(buffers, out, Flat.size(params), 1.0);
        OptimizerState.write(model.optimizer(), out, p);
        out[p + s] = lossSum;
        out[p + s + 1] = used;
        out[p + s + 2] = System.nanoTime() - startNanos;
        return out;
    }

    int size() {
        return examples.length;
    }

    private void prepare(String modelJson) {
        if (model != null) {
            return;
        }
        positions = new HashMap<>();
        for (int i = 0; i < indices.length; i++) {
            positions.put(indices[i], i);
        }
        // Discovery runs on the executor: extensions must be on its class path (spark-submit --jars).
        model = NnRuntime.discover().assemble(ModelFileReader.read(modelJson, "model"));
        // A stream of this shard's own: partitions do not draw the same dropout masks.
        trainingStep = model.trainingStep("shard:" + (indices.length == 0 ? -1 : indices[0]));
        int batchSize = model.training().batchSize();
        x = Tensor.zeros(batchSize, model.model().inputShape().size());
        y = Tensor.zeros(batchSize, model.model().outputShape().size());
    }
}
