package com.example.digits;

import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.MapConfig;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.data.CsvTable;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.json.ModelArchive;
import dev.nnj.core.json.Weights;
import dev.nnj.core.random.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * docs/java-api.md's fine-tuning: a saved model trained further with its first layer frozen and a
 * new optimizer.
 */
public final class FineTune {
    private FineTune() {
    }

    /**
     * @param digits the digits CSV QuickStart trained on
     * @param path the .nnj QuickStart saved
     * @return the fine-tuned model
     */
    public static AssembledModel run(Path digits, Path path) {
        NnRuntime runtime = NnRuntime.discover();
        // --- docs/java-api.md, "Fine-tuning and frozen layers" ---
        ModelArchive.Contents saved = ModelArchive.read(path);
        List<Config> layers = new ArrayList<>(saved.spec().layers());
        layers.set(0, ((MapConfig) layers.get(0)).with("trainable", false));     // freeze the first layer
        ModelSpec spec = saved.spec().withLayers(layers).withEpochs(2)
                .withOptimizer(MapConfig.of("optimizer", "adam", "learningRate", 1e-4));
        AssembledModel model = runtime.assemble(spec);
        Weights.apply(model.model(), saved.weights(), path.toString());
        DataSet train = saved.table().encode(CsvTable.read(digits).split(360, Seeds.stream(1, "split")).train());
        model.trainer().fit(train, null);
        // --- end ---
        return model;
    }
}
