package dev.nnj.core.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.ModelConfigException;
import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.UnknownComponentException;
import dev.nnj.core.CoreExtension;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.layer.ActivationLayer;
import dev.nnj.core.layer.DenseLayer;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ModelAssemblerTest {
    private final NnRuntime runtime = NnRuntime.of(new CoreExtension(), new TestOptimizerExtension());

    private AssembledModel assemble(String json) {
        return runtime.assemble(ModelFileReader.read(json, "model.json"));
    }

    private static String model(String layers) {
        return "{\"input\": [64], \"layers\": [" + layers + "], \"loss\": \"softmax-cross-entropy\", \"optimizer\": \"sgd\"}";
    }

    @Test
    void buildsLayersWithTheirActivations() {
        AssembledModel m = assemble(model("{\"type\": \"dense\", \"units\": 32, \"activation\": \"relu\"}, "
                + "{\"type\": \"dense\", \"units\": 10}"));
        assertEquals(3, m.model().layers().size());
        assertTrue(m.model().layers().get(1) instanceof ActivationLayer);
        assertEquals("layers[0].activation (relu)", m.model().labels().get(1));
        assertEquals("layers.1.weight", m.model().parameters().get(2).path());
        assertEquals(64 * 32 + 32 + 32 * 10 + 10, m.model().parameterCount());
    }

    @Test
    void listsKnownIdsForAnUnknownType() {
        UnknownComponentException e = assertThrows(UnknownComponentException.class,
                () -> assemble(model("{\"type\": \"dense\", \"units\": 32}, {\"type\": \"dens\", \"units\": 10}")));
        assertEquals("model.json: layers[1]: unknown layer type 'dens'. Did you mean 'dense'? Known layer types: "
                + "avg-pool2d, batch-norm, conv2d, dense, dropout, flatten, layer-norm, max-pool2d, normalization. "
                + "Extensions are found through "
                + "META-INF/services/dev.nnj.api.spi.NnExtension in the jars on the class path and in the plugin "
                + "directory (nnj --plugins DIR, or NNJ_PLUGINS); 'nnj list' shows what was found.", e.getMessage());
    }

    /** conv2d, max-pool2d, avg-pool2d, flatten and dense from a model file, the weight in PyTorch's layout. */
    @Test
    void buildsAConvolutionalNetwork() {
        AssembledModel m = runtime.assemble(ModelFileReader.read("{\"input\": [1, 8, 8], \"layers\": ["
                + "{\"type\": \"conv2d\", \"filters\": 4, \"kernel\": 3, \"padding\": 1, \"activation\": \"relu\"}, "
                + "{\"type\": \"max-pool2d\", \"size\": 2}, {\"type\": \"avg-pool2d\", \"size\": [2, 1]}, "
                + "{\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": 3}], "
                + "\"loss\": \"softmax-cross-entropy\", \"optimizer\": \"sgd\"}", "model.json"));
        assertEquals(List.of(Shape.of(4, 8, 8), Shape.of(4, 8, 8), Shape.of(4, 4, 4), Shape.of(4, 2, 4), Shape.of(32),
                Shape.of(3)), IntStream.range(0, 6).mapToObj(i -> m.model().outputShape(i)).toList());
        assertEquals("layers.0.weight", m.model().parameters().get(0).path());
        assertEquals(Shape.of(4, 1, 3, 3), m.model().parameters().get(0).shape());
        assertEquals(4 * 9 + 4 + 32 * 3 + 3, m.model().parameterCount());
    }

    @Test
    void namesTheLayerThatRefusesItsInputShapeWhileItIsBuilt() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> assemble(model("{\"type\": \"conv2d\", \"filters\": 4, \"kernel\": 3}")));
        assertEquals("model.json: layers[0] (conv2d): expected examples of shape [C, H, W] (channels, height, width); "
                + "got [64], of rank 1.", e.getMessage());
    }

    @Test
    void reportsAMisspelledKey() {
        ModelConfigException e = assertThrows(ModelConfigException.class,
                () -> assemble(model("{\"type\": \"dense\", \"units\": 10, \"activaton\": \"relu\"}")));
        assertEquals("model.json: layers[0] (dense): unknown key 'activaton'. Did you mean 'activation'? Keys that "
                + "'dense' reads: activation, biasInit, trainable, units, weightInit.", e.getMessage());
    }

    @Test
    void freezesALayerAndItsActivationWithTrainableFalseOnAnyLayerType() {
        AssembledModel m = assemble(model("{\"type\": \"dense\", \"units\": 4, \"activation\": \"relu\", "
                + "\"trainable\": false}, {\"type\": \"layer-norm\", \"trainable\": false}, "
                + "{\"type\": \"dense\", \"units\": 3, \"trainable\": true}"));
        assertFalse(m.model().isTrainable("layers.0"));
        assertFalse(m.model().isTrainable("layers.0.activation"));
        assertFalse(m.model().isTrainable("layers.1"));
        assertTrue(m.model().isTrainable("layers.2"));
        assertEquals(List.of("layers.2.weight", "layers.2.bias"),
                m.model().trainableParameters().stream().map(Parameter::path).toList());
        assertEquals(4 * 3 + 3, m.model().trainableParameterCount());
        assertEquals(64 * 4 + 4 + 4 + 4 + 4 * 3 + 3, m.model().parameterCount());
    }

    @Test
    void trainsEveryLayerWithoutTheKey() {
        AssembledModel m = assemble(model("{\"type\": \"dense\", \"units\": 10}"));
        assertTrue(m.model().isTrainable("layers.0"));
        assertEquals(m.model().parameters(), m.model().trainableParameters());
    }

    @Test
    void refusesATrainableThatIsNotABooleanAndSuggestsItForAMisspelling() {
        assertEquals("model.json: layers[0].trainable: expected true or false, got \"no\".",
                refusal("{\"type\": \"dense\", \"units\": 10, \"trainable\": \"no\"}"));
        assertEquals("model.json: layers[0] (flatten): unknown key 'trainble'. Did you mean 'trainable'? Keys that "
                + "'flatten' reads: activation, trainable.", refusal("{\"type\": \"flatten\", \"trainble\": false}"));
    }

    /** @return the message of the {@link ModelConfigException} that assembling {@code layers} throws */
    private String refusal(String layers) {
        return assertThrows(ModelConfigException.class, () -> assemble(model(layers))).getMessage();
    }

    @Test
    void reportsAMisspelledKeyOfANestedActivation() {
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> assemble(model(
                "{\"type\": \"dense\", \"units\": 10, \"activation\": {\"type\": \"leaky-relu\", \"alpa\": 0.2}}")));
        assertEquals("model.json: layers[0].activation (leaky-relu): unknown key 'alpa'. Did you mean 'alpha'? Keys "
                + "that 'leaky-relu' reads: alpha.", e.getMessage());
    }

    @Test
    void reportsAnOutOfRangeValueWithItsPath() {
        ModelConfigException e = assertThrows(ModelConfigException.class,
                () -> assemble(model("{\"type\": \"dense\", \"units\": 0}")));
        assertEquals("model.json: layers[0].units: expected an integer >= 1, got 0.", e.getMessage());
    }

    @Test
    void reportsAnInvalidComponentArgumentWithItsPath() {
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> assemble(model(
                "{\"type\": \"dense\", \"units\": 10, \"activation\": {\"type\": \"leaky-relu\", \"alpha\": -1}}")));
        assertEquals("model.json: layers[0].activation (leaky-relu): leaky-relu: alpha must be finite and >= 0; "
                + "got -1.0.", e.getMessage());
    }

    @Test
    void refusesSoftmaxBeforeALossThatTakesLogits() {
        ModelConfigException e = assertThrows(ModelConfigException.class,
                () -> assemble(model("{\"type\": \"dense\", \"units\": 10, \"activation\": \"softmax\"}")));
        assertEquals("model.json: layers[0].activation: 'softmax' before the loss 'softmax-cross-entropy', which "
                + "applies it itself and takes raw scores (logits); remove \"activation\": \"softmax\" from the last "
                + "layer.", e.getMessage());
    }

    @Test
    void sameSeedGivesSameWeightsAndAnotherSeedOthers() {
        String json = model("{\"type\": \"dense\", \"units\": 16, \"activation\": \"relu\"}, {\"type\": \"dense\", \"units\": 10}");
        double[] a = assemble(json).model().parameters().get(0).value().data();
        double[] b = assemble(json).model().parameters().get(0).value().data();
        double[] c = runtime.assemble(ModelFileReader.read(json, "m").withSeed(7)).model().parameters().get(0).value().data();
        assertArrayEquals(a, b, 0.0);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void addingALayerDoesNotChangeTheFirstLayersInitialWeights() {
        double[] one = assemble(model("{\"type\": \"dense\", \"units\": 16}")).model().parameters().get(0).value().data();
        double[] two = assemble(model("{\"type\": \"dense\", \"units\": 16}, {\"type\": \"dense\", \"units\": 4}"))
                .model().parameters().get(0).value().data();
        assertArrayEquals(one, two, 0.0);
    }

    @Test
    void initialisesHeForReluAndXavierOtherwiseAndZeroBiases() {
        AssembledModel m = assemble(model("{\"type\": \"dense\", \"units\": 100, \"activation\": \"relu\"}, "
                + "{\"type\": \"dense\", \"units\": 10}"));
        DenseLayer relu = (DenseLayer) m.model().layers().get(0);
        DenseLayer linear = (DenseLayer) m.model().layers().get(2);
        assertMaxAbsNear(relu.weight(), Math.sqrt(6.0 / 64));
        assertMaxAbsNear(linear.weight(), Math.sqrt(6.0 / (100 + 10)));
        assertArrayEquals(new double[100], relu.bias().value().data(), 0.0);
    }

    @Test
    void choosesInitialisersPerLayer() {
        AssembledModel m = assemble(model("{\"type\": \"dense\", \"units\": 8, \"weightInit\": \"zeros\", "
                + "\"biasInit\": \"he-uniform\"}, {\"type\": \"dense\", \"units\": 10}"));
        DenseLayer first = (DenseLayer) m.model().layers().get(0);
        assertArrayEquals(new double[64 * 8], first.weight().value().data(), 0.0);
        assertTrue(java.util.Arrays.stream(first.bias().value().data()).allMatch(v -> v != 0 && Math.abs(v) <= Math.sqrt(6.0 / 64)));
    }

    @Test
    void rejectsAModelWhoseLayersDoNotFitTheLoss() {
        AssembledModel m = assemble(model("{\"type\": \"dense\", \"units\": 10}"));
        assertEquals(10, m.model().outputShape().size());
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> m.model().checkInput(
                dev.nnj.api.Tensor.zeros(2, 3)));
        assertEquals("layers[0] (dense): input has 3 features; expected [*, 64] (input shape [64]), got [2, 3].",
                e.getMessage());
    }

    private static void assertMaxAbsNear(Parameter p, double limit) {
        double max = 0;
        for (int i = 0; i < p.value().size(); i++) {
            max = Math.max(max, Math.abs(p.value().data()[i]));
        }
        assertTrue(max <= limit && max > 0.95 * limit, p.path() + ": max |w| " + max + ", limit " + limit);
    }

    @Test
    void refusesAnInputOrALayerOutputOfMoreValuesThanATensorRowHolds() {
        ModelConfigException input = assertThrows(ModelConfigException.class, () -> assemble(
                model("{\"type\": \"flatten\"}").replace("[64]", "[65536, 65536, 65536]")));
        assertEquals("model.json: input [65536, 65536, 65536] holds more values per example than a tensor's row (at "
                + "most 2147483647); make the input smaller.", input.getMessage());
        ModelConfigException conv = assertThrows(ModelConfigException.class, () -> assemble(
                model("{\"type\": \"conv2d\", \"filters\": 4096, \"kernel\": 3}").replace("[64]", "[1, 4096, 4096]")));
        assertEquals("model.json: layers[0] (conv2d): its output [4096, 4094, 4094] holds more values per example than "
                + "a tensor's row (at most 2147483647); make the layer smaller.", conv.getMessage());
    }
}
