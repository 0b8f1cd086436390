package dev.nnj.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.Tensor;
import dev.nnj.core.CoreExtension;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.TestOptimizerExtension;
import dev.nnj.core.data.TensorBatches;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.json.Safetensors;
import dev.nnj.core.json.Weights;
import dev.nnj.core.model.Workspace;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * batch-norm, layer-norm and normalization against PyTorch float64 (scikit-learn for
 * normalization), and a small CNN of every new layer against torch end to end, from the fixtures of
 * {@code tools/torch_layers.py}. Stated tolerance 1e-14 (error relative above 1, absolute below;
 * measured at most 1.7e-15, what summation order changes).
 */
class NormTorchParityTest {
    private static final double TOLERANCE = 1e-14;

    /** BatchNorm1d ([C], [C, L]) and BatchNorm2d: outputs, gradients and running statistics over several training passes, then eval. */
    @ParameterizedTest
    @ValueSource(strings = {"batch-norm-1d", "batch-norm-2d", "batch-norm-1d-seq", "batch-norm-momentum"})
    void batchNormMatchesPyTorch(String name) {
        TorchFixture.Case c = TorchFixture.load(name);
        Layer layer = new BatchNormProvider().create(c.mapConfig(), new TestBuildContext(c.inputShape()));
        c.loadInto(layer);
        c.check(layer, TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"layer-norm-1d", "layer-norm-3d"})
    void layerNormMatchesPyTorch(String name) {
        TorchFixture.Case c = TorchFixture.load(name);
        Layer layer = new LayerNormProvider().create(c.mapConfig(), new TestBuildContext(c.inputShape()));
        c.loadInto(layer);
        c.check(layer, TOLERANCE);
    }

    /** Adapted on 20 rows (one column constant) as scikit-learn's StandardScaler fits them, then applied. */
    @Test
    void normalizationMatchesScikitLearnsStandardScaler() {
        TorchFixture.Case c = TorchFixture.load("normalization-basic");
        Layer layer = new NormalizationProvider().create(c.mapConfig(), new TestBuildContext(c.inputShape()));
        Tensor data = TorchFixture.tensor(TorchFixture.root("normalization-basic").get("adaptData")).batch();
        layer.adapt(new TensorBatches(data, 7));
        TorchFixture.assertClose("mean", c.buffers().get("mean").values(), layer.buffers().get(0).value().data(), TOLERANCE);
        TorchFixture.assertClose("variance", c.buffers().get("variance").values(), layer.buffers().get(1).value().data(),
                TOLERANCE);
        c.check(layer, TOLERANCE);
    }

    /**
     * conv2d → batch-norm + ReLU → max-pool2d → flatten → dense, softmax cross-entropy: one training
     * step of the model built from a model file, with torch's weights imported as a state_dict would
     * be; logits, loss, every parameter's gradient, the input gradient and the running statistics.
     * torch's Sequential counts the ReLU, so its {@code layers.5} is nnj's {@code layers.4}.
     */
    @Test
    void aSmallCnnMatchesPyTorchEndToEnd() {
        JsonNode root = TorchFixture.root("cnn-small");
        String model = "{\"input\": [1, 4, 4], \"layers\": [{\"type\": \"conv2d\", \"filters\": 2, \"kernel\": 3, "
                + "\"padding\": 1}, {\"type\": \"batch-norm\", \"activation\": \"relu\"}, {\"type\": \"max-pool2d\", "
                + "\"size\": 2}, {\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": 3}], "
                + "\"loss\": \"softmax-cross-entropy\", \"optimizer\": \"sgd\"}";
        AssembledModel m = NnRuntime.of(new CoreExtension(), new TestOptimizerExtension()).assemble(ModelFileReader.read(model, "cnn-small.json"));
        Map<String, Safetensors.Entry> state = new LinkedHashMap<>();
        for (String group : new String[] {"params", "buffers"}) {
            root.get(group).properties().forEach(f -> {
                TorchFixture.Values v = TorchFixture.tensor(f.getValue());
                long[] shape = java.util.Arrays.stream(v.shape()).asLongStream().toArray();
                state.put(f.getKey().replace("layers.5.", "layers.4."), new Safetensors.Entry(shape, v.values()));
            });
        }
        Weights.apply(m.model(), state, "cnn-small.json");

        JsonNode step = root.get("steps").get(0);
        Tensor x = TorchFixture.tensor(step.get("input")).batch();
        TorchFixture.Values targets = TorchFixture.tensor(step.get("targets"));
        Tensor y = Tensor.zeros(x.rows(), 3);
        for (int r = 0; r < x.rows(); r++) {
            y.set(r, (int) targets.values()[r], 1.0);
        }
        Workspace ws = m.model().newWorkspace(x.rows());
        m.model().zeroGradients();
        Tensor logits = ws.forward(x, Mode.TRAIN);
        TorchFixture.assertClose("cnn-small logits", TorchFixture.tensor(step.get("output")).values(), logits.data(), TOLERANCE);
        double loss = m.loss().compute(logits, y, ws.outputGradient());
        assertEquals(step.get("loss").asDouble(), loss, TOLERANCE);
        ws.backward();
        Map<String, Safetensors.Entry> after = Weights.of(m.model());
        step.get("buffersAfter").properties().forEach(f -> TorchFixture.assertClose("cnn-small " + f.getKey(),
                TorchFixture.tensor(f.getValue()).values(), after.get(f.getKey()).values(), TOLERANCE));
        for (Parameter p : m.model().parameters()) {
            String torch = p.path().replace("layers.4.", "layers.5.");
            double[] expected = TorchFixture.tensor(step.get("paramGrads").get(torch)).values();
            TorchFixture.assertClose("cnn-small gradient of " + p.path(), expected, declared(p), TOLERANCE);
        }
        System.out.println("torch parity cnn-small: largest error " + TorchFixture.largest("cnn-small"));
    }

    /** @return the parameter's gradient in its declared (PyTorch) layout */
    private static double[] declared(Parameter p) {
        Tensor g = p.gradient();
        if (!p.transposed()) {
            return g.data().clone();
        }
        double[] t = new double[g.size()];
        for (int r = 0; r < g.rows(); r++) {
            for (int c = 0; c < g.cols(); c++) {
                t[c * g.rows() + r] = g.get(r, c);
            }
        }
        return t;
    }
}
