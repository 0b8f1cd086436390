package dev.nnj.core.model;

import dev.nnj.api.AdaptData;
import dev.nnj.api.DType;
import dev.nnj.api.Mode;
import dev.nnj.api.Tensor;
import java.util.function.Consumer;

/** The training data at the input of one layer: the model's input run through the layers before it. */
final class LayerInput implements AdaptData {
    private final Sequential model;
    private final AdaptData data;
    private final int layer;
    private Workspace workspace;
    /** A float32 model's batches, widened: adapt always gets float64. */
    private Tensor widened;

    LayerInput(Sequential model, AdaptData data, int layer) {
        this.model = model;
        this.data = data;
        this.layer = layer;
    }

    @Override
    public long examples() {
        return data.examples();
    }

    @Override
    public void forEachBatch(Consumer<Tensor> action) {
        if (layer == 0) {
            data.forEachBatch(action);
            return;
        }
        data.forEachBatch(batch -> {
            if (workspace == null || workspace.maxBatch() < batch.rows()) {
                workspace = model.newWorkspace(Math.max(1, batch.rows()), "adapt");
            }
            Tensor out = workspace.forward(batch, Mode.INFERENCE, layer);
            if (out.dtype() != DType.F64) {
                if (widened == null || widened.capacityRows() < out.rows()) {
                    widened = Tensor.zeros(out.rows(), out.cols());
                }
                widened.copyFrom(out);
                out = widened;
            }
            action.accept(out);
        });
    }
}
