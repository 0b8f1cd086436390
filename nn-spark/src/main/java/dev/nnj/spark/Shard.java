package dev.nnj.spark;

import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.Tensor;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.model.Workspace;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The examples of one partition, by global index, and (transient, built on the executor once) a
 * copy of the model to compute gradients with. Kept in memory by Spark between steps.
 */
final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long[] indices;
    private final Example[] examples;
    private transient Map<Long, Integer> positions;
    private transient AssembledModel model;
    private transient Workspace workspace;
    private transient Tensor x;
    private transient Tensor y;

    Shard(long[] indices, Example[] examples) {
        this.indices = indices;
        this.examples = examples;
    }

    /**
     * @param modelJson the model file
     * @param parameters all parameter values, flattened in parameter order
     * @param batch the global indices of this step's batch
     * @param batchSize the global batch size, for the mean
     * @return [gradient of every parameter (flattened) scaled by k/batchSize, then the loss sum k·loss/batchSize, then k]
     */
    double[] gradient(String modelJson, double[] parameters, long[] batch, int batchSize) {
        prepare(modelJson, batchSize);
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
        int total = Flat.size(params);
        double[] out = new double[total + 2];
        if (k == 0) {
            return out;
        }
        Flat.read(parameters, params);
        x.setRows(k);
        y.setRows(k);
        model.model().zeroGradients();
        double loss = model.loss().compute(workspace.forward(x, Mode.TRAIN), y, workspace.outputGradient());
        workspace.backward();
        double scale = (double) k / batchSize;
        Flat.writeGradients(params, out, scale);
        out[total] = loss * scale;
        out[total + 1] = k;
        return out;
    }

    private void prepare(String modelJson, int batchSize) {
        if (model != null) {
            return;
        }
        positions = new HashMap<>();
        for (int i = 0; i < indices.length; i++) {
            positions.put(indices[i], i);
        }
        // Discovery runs on the executor: extensions must be on its class path (spark-submit --jars).
        model = NnRuntime.discover().assemble(ModelFileReader.read(modelJson, "model"));
        workspace = model.model().newWorkspace(batchSize);
        x = Tensor.zeros(batchSize, model.model().inputShape().size());
        y = Tensor.zeros(batchSize, model.model().outputShape().size());
    }
}
