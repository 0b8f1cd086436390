package com.acme.nnj.spi2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.ModelConfigException;
import dev.nnj.api.NnException;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.api.spi.LayerProvider;
import dev.nnj.api.spi.NnExtension;
import dev.nnj.api.testkit.GradientCheck;
import dev.nnj.core.CoreExtension;
import dev.nnj.core.Models;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.TestOptimizerExtension;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.json.Safetensors;
import dev.nnj.core.json.Weights;
import dev.nnj.core.train.Trainer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code acme.channel-mix} in a model built by nn-core, as a user's model file names it. */
class ChannelMixModelTest {
    private static final NnExtension ACME = new NnExtension() {
        @Override
        public List<LayerProvider> layers() {
            return List.of(new ChannelMixProvider());
        }
    };

    private final NnRuntime runtime = NnRuntime.of(new CoreExtension(), new TestOptimizerExtension(), ACME);

    private static String model(String input, String mix) {
        return "{\"input\": " + input + ", \"layers\": [" + mix + ", {\"type\": \"dense\", \"units\": 3}], "
                + "\"loss\": \"softmax-cross-entropy\", \"optimizer\": \"sgd\", \"epochs\": 2, \"batchSize\": 4, "
                + "\"seed\": 7}";
    }

    /** A third party's type in code: the builder names it by id, as a model file does. */
    @Test
    void aModelBuiltInCodeUsesItByIdAsAFileDoes() {
        String json = model("[2, 3, 3]", "{\"type\": \"acme.channel-mix\", \"filters\": 4, \"activation\": \"relu\"}");
        AssembledModel fromFile = runtime.assemble(ModelFileReader.read(json, "m.json"));
        AssembledModel fromCode = Models.sequential(Shape.of(2, 3, 3))
                .layer("acme.channel-mix", o -> o.set("filters", 4)).activation("relu")
                .dense(3)
                .loss("softmax-cross-entropy").optimizer("sgd").epochs(2).batchSize(4).seed(7)
                .build(runtime);
        Tensor x = GradientCheck.randomTensor(2, 18, new SplittableRandom(5));
        assertArrayEquals(fromFile.model().predict(x).data(), fromCode.model().predict(x).data());
        assertEquals(fromFile.model().names(), fromCode.model().names());
    }

    @Test
    void trainsInAModelAndSavesItsBuffersInPyTorchsShapes() {
        String json = model("[2, 3, 3]", "{\"type\": \"acme.channel-mix\", \"filters\": 4, \"activation\": \"relu\"}");
        AssembledModel m = runtime.assemble(ModelFileReader.read(json, "m.json"));
        SplittableRandom random = new SplittableRandom(3);
        int[] labels = new int[10];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(3);
        }
        new Trainer(m.model(), m.loss(), m.optimizer(), m.training())
                .fit(DataSet.classification("random", GradientCheck.randomTensor(10, 18, random), labels), null);

        Map<String, Safetensors.Entry> w = Weights.of(m.model());
        assertArrayEquals(new long[] {4, 2, 1, 1}, w.get("layers.0.weight").shape());
        assertArrayEquals(new long[] {2}, w.get("layers.0.running_rms").shape());
        assertArrayEquals(new long[0], w.get("layers.0.num_batches_tracked").shape());
        assertEquals("I64", w.get("layers.0.num_batches_tracked").dtype());
        // 2 epochs of 3 batches (4, 4, 2 examples): 6 training batches; buffers are not counted.
        assertArrayEquals(new double[] {6}, w.get("layers.0.num_batches_tracked").values());
        assertEquals(4 * 2 + 4 * 9 * 3 + 3, m.model().parameterCount());
        Tensor x = GradientCheck.randomTensor(2, 18, random);
        assertEquals(3, m.model().predict(x).cols());
    }

    @Test
    void refusesAnInputThatIsNotAnImage() {
        String json = model("[18]", "{\"type\": \"acme.channel-mix\", \"filters\": 4}");
        NnException e = assertThrows(NnException.class, () -> runtime.assemble(ModelFileReader.read(json, "m.json")));
        assertEquals("m.json: layers[0] (acme.channel-mix): input has shape [18]; acme.channel-mix takes images "
                + "[C, H, W].", e.getMessage());
    }

    @Test
    void refusesFiltersBelowOne() {
        String json = model("[2, 3, 3]", "{\"type\": \"acme.channel-mix\", \"filters\": 0}");
        ModelConfigException e = assertThrows(ModelConfigException.class,
                () -> runtime.assemble(ModelFileReader.read(json, "m.json")));
        assertEquals("m.json: layers[0].filters: expected an integer >= 1, got 0.", e.getMessage());
    }
}
