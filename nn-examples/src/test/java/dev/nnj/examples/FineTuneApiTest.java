package dev.nnj.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Buffer;
import dev.nnj.api.Tensor;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.data.Shuffle;
import dev.nnj.core.eval.Evaluator;
import dev.nnj.core.json.ModelArchive;
import dev.nnj.core.random.Seeds;
import dev.nnj.core.train.Trainer;
import dev.nnj.core.train.TrainingListener;
import dev.nnj.examples.cli.DataSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine-tuning in code, as {@code nnj train --model M.nnj} does it:
 * {@code ModelArchive.load(file, assembler).trainer()} trains the saved weights further with a
 * fresh optimizer; nothing is initialised or adapted again.
 */
class FineTuneApiTest {
    private static final Path DIGITS = Path.of("..", "models", "digits-mlp.json");
    private final DataSet.Split digits = DataSources.split(DataSources.digits());
    private final NnRuntime runtime = NnRuntime.discover();

    @TempDir
    Path dir;

    /**
     * The saved model's loss on the first batch of fine-tuning is the loss the trainer reports for
     * that batch (the same weights; the evaluator and the training step compute it alike, so to the
     * bit), far below a fresh model's; the optimizer starts with zero state; and the training loss
     * after three more epochs is lower than the saved model's.
     */
    @Test
    void aLoadedModelTrainsFurtherFromItsWeightsWithAFreshOptimizer() {
        ModelSpec spec = runtime.read(DIGITS).withEpochs(3);
        AssembledModel trained = runtime.assemble(spec);
        trained.trainer().fit(digits.train(), digits.test());
        Path file = dir.resolve("d.nnj");
        ModelArchive.save(file, spec, trained.model());

        AssembledModel loaded = ModelArchive.load(file, runtime.assembler());
        DataSet firstBatch = firstBatch(digits.train(), spec);
        double savedLoss = loss(loaded, digits.train());
        double savedFirstBatch = loss(loaded, firstBatch);
        double freshFirstBatch = loss(runtime.assemble(spec), firstBatch);

        Trainer trainer = loaded.trainer();
        loaded.optimizer().state().forEach((path, states) -> states.forEach((name, values) ->
                assertTrue(Arrays.stream(values).allMatch(v -> v == 0), "fresh optimizer state " + path + "." + name)));
        double[] reported = {Double.NaN};
        trainer.addListener(new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, double loss) {
                if (epoch == 1 && batch == 1) {
                    reported[0] = loss;
                }
            }
        });
        trainer.fit(digits.train(), digits.test());

        assertEquals(savedFirstBatch, reported[0], 0.0, "the first batch sees the saved weights");
        assertTrue(freshFirstBatch > 10 * savedFirstBatch, "not re-initialised: fresh " + freshFirstBatch
                + ", saved " + savedFirstBatch);
        double tunedLoss = loss(loaded, digits.train());
        assertTrue(tunedLoss < savedLoss, "fine-tuned " + tunedLoss + " against saved " + savedLoss);
    }

    /**
     * A normalization learned from the first training data keeps its saved statistics when the
     * loaded model is trained further on other data (here the pixels doubled), as Keras's
     * {@code fit} after {@code adapt} does: the buffers are loaded weights, not learned again.
     */
    @Test
    void aLoadedModelDoesNotAdaptItsNormalizationAgain() throws Exception {
        Path modelFile = Files.writeString(dir.resolve("norm.json"), Files.readString(DIGITS)
                .replace("\"layers\": [", "\"layers\": [{\"type\": \"normalization\"}, "));
        ModelSpec spec = runtime.read(modelFile).withEpochs(1);
        AssembledModel trained = runtime.assemble(spec);
        trained.trainer().fit(digits.train(), null);
        Path file = dir.resolve("norm.nnj");
        ModelArchive.save(file, spec, trained.model());

        AssembledModel loaded = ModelArchive.load(file, runtime.assembler());
        List<double[]> before = buffers(loaded);
        Tensor doubled = digits.train().features().copy();
        for (int i = 0; i < doubled.size(); i++) {
            doubled.data()[i] *= 2;
        }
        int[] labels = new int[digits.train().size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = digits.train().label(i);
        }
        loaded.trainer().fit(DataSet.classification("doubled", doubled, labels), null);
        List<double[]> after = buffers(loaded);
        assertFalse(before.isEmpty());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i), 0.0, loaded.model().buffers().get(i).path());
        }

        AssembledModel fresh = runtime.assemble(spec);
        fresh.trainer().fit(DataSet.classification("doubled", doubled, labels), null);
        assertFalse(Arrays.equals(before.get(0), buffers(fresh).get(0)), "a model as built does adapt");
    }

    /** @return the examples of the trainer's first batch: epoch 1's shuffled order, from the seed */
    private static DataSet firstBatch(DataSet train, ModelSpec spec) {
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Shuffle.shuffle(order, Seeds.stream(spec.seed(), "shuffle:epoch:1"));
        return train.subset(Arrays.copyOf(order, spec.batchSize()), "first batch");
    }

    private static double loss(AssembledModel m, DataSet data) {
        return new Evaluator(m.model(), m.loss(), 256).evaluate(data).loss();
    }

    private static List<double[]> buffers(AssembledModel m) {
        return m.model().buffers().stream().map(Buffer::value).map(t -> t.data().clone()).toList();
    }
}
