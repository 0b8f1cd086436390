package dev.nnj.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Parameter;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.MapConfig;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.json.ModelArchive;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.json.Weights;
import dev.nnj.core.train.EpochResult;
import dev.nnj.examples.cli.DataSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfer learning as issue 15 asks for it: train the digits MLP, save it, then fine-tune only its
 * last layer with the first frozen ({@code "trainable": false}), through the Java API.
 */
class FrozenLayersTest {
    @TempDir
    Path dir;

    @Test
    void fineTuningTheLastLayerOfASavedDigitsModelLeavesTheFrozenFirstLayerBitIdentical() {
        NnRuntime runtime = NnRuntime.discover();
        DataSet.Split digits = DataSources.split(DataSources.digits());
        ModelSpec spec = ModelFileReader.read(Path.of("..", "models", "digits-mlp.json")).withEpochs(3);
        AssembledModel pretrained = runtime.assemble(spec);
        pretrained.trainer().fit(digits.train(), null);
        Path file = dir.resolve("digits.nnj");
        ModelArchive.save(file, spec, pretrained.model());

        ModelArchive.Contents saved = ModelArchive.read(file);
        List<Config> layers = new ArrayList<>(saved.spec().layers());
        layers.set(0, ((MapConfig) layers.get(0)).with("trainable", false));
        // Weight decay on: were it applied to the frozen layer, its weights would shrink.
        Config momentum = ((MapConfig) saved.spec().optimizer()).with("weightDecay", 1e-3);
        ModelSpec fineTune = saved.spec().withLayers(layers).withOptimizer(momentum).withEpochs(2);
        AssembledModel model = runtime.assemble(fineTune);
        Weights.apply(model.model(), saved.weights(), file.toString());
        List<Parameter> params = model.model().parameters();
        double[][] before = new double[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            before[i] = params.get(i).value().data().clone();
            assertArrayEquals(pretrained.model().parameters().get(i).value().data(), before[i], 0.0, "loaded as saved");
        }

        List<EpochResult> history = model.trainer().fit(digits.train(), digits.test());

        assertEquals("layers.0.weight", params.get(0).path());
        assertEquals("layers.0.bias", params.get(1).path());
        assertArrayEquals(before[0], params.get(0).value().data(), 0.0, "the frozen weight, bit for bit");
        assertArrayEquals(before[1], params.get(1).value().data(), 0.0, "the frozen bias, bit for bit");
        assertFalse(Arrays.equals(before[2], params.get(2).value().data()), "layers.1.weight trained");
        assertFalse(Arrays.equals(before[3], params.get(3).value().data()), "layers.1.bias trained");
        assertEquals(Set.of("layers.1.weight", "layers.1.bias"), model.optimizer().state().keySet(),
                "the optimizer holds state for the trainable parameters only");
        double accuracy = history.get(history.size() - 1).test().accuracy();
        assertTrue(accuracy >= 0.9, "test accuracy after fine-tuning the last layer: " + accuracy);
    }
}
