package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nnj.core.json.ModelArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine-tuning from the command line: {@code nnj train --model M.nnj} trains a saved model further
 * (its weights and table schema, a fresh optimizer, its options unless overridden, epochs from 1),
 * {@code --init-weights} starts a model file from given weights, and a file of the wrong kind for
 * an option is named with what it is and the option that takes it.
 */
class FineTuneTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIGITS = CliRun.model("digits-mlp.json");

    @TempDir
    static Path shared;
    /** digits-mlp trained for 10 epochs. */
    private static Path saved;
    /** Its test accuracy at the end of training. */
    private static double savedAccuracy;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainADigitsModel() throws Exception {
        saved = shared.resolve("d.nnj");
        CliRun train = CliRun.run("train", "--model", DIGITS, "--data", "digits", "--epochs", "10", "--json",
                "--save", saved.toString());
        assertEquals(0, train.exitCode(), train.err());
        savedAccuracy = JSON.readTree(train.lastLine()).get("testAccuracy").asDouble();
    }

    /**
     * Measured: saved 0.9583; fine-tuned, epoch 1 0.9528 (training loss 0.032); a fresh model's
     * epoch 1 0.9194 (training loss 0.846). Seeded, so the figures do not move between runs.
     */
    @Test
    void fineTuningASavedModelStartsFromItsAccuracyWithEpochsCountedFromOne() throws Exception {
        CliRun tuned = CliRun.run("train", "--model", saved.toString(), "--data", "digits", "--epochs", "2", "--json");
        CliRun fresh = CliRun.run("train", "--model", DIGITS, "--data", "digits", "--epochs", "1", "--json");
        assertEquals(0, tuned.exitCode() + fresh.exitCode(), tuned.err() + fresh.err());
        List<JsonNode> epochs = epochs(tuned.out());
        assertEquals(2, epochs.size());
        assertEquals(1, epochs.get(0).get("epoch").asInt(), "a fine-tuning run counts its own epochs");
        assertEquals(2, epochs.get(1).get("epoch").asInt());
        double first = epochs.get(0).get("testAccuracy").asDouble();
        JsonNode freshFirst = epochs(fresh.out()).get(0);
        assertEquals(savedAccuracy, first, 0.015, "the first epoch starts from the saved model's accuracy");
        assertTrue(Math.abs(freshFirst.get("testAccuracy").asDouble() - savedAccuracy) > 0.03,
                "a fresh model's first epoch is far from it: " + freshFirst);
        assertTrue(epochs.get(0).get("trainLoss").asDouble() < freshFirst.get("trainLoss").asDouble() / 10,
                "the first epoch's training loss is the trained model's, not a fresh one's: " + epochs.get(0));
    }

    /** A .nnj is told by its content: here it is named .json, and the header says where the weights come from. */
    @Test
    void aSavedModelIsToldByItsContentAndTheHeaderSaysItsWeightsAreTheStart() throws Exception {
        Path named = Files.copy(saved, dir.resolve("looks-like.json"));
        CliRun run = CliRun.run("train", "--model", named.toString(), "--data", "digits", "--epochs", "1",
                "--progress", "none");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\nfine-tuning: from the weights of " + named + ", with a fresh optimizer; this "
                + "run's epochs are counted from 1\nepoch 1/1  train loss "), run.out());
    }

    @Test
    void learningRateAndOptimizerOverridesAreSavedInTheFineTunedModel() throws Exception {
        assertEquals(JSON.readTree("{\"type\": \"momentum\", \"learningRate\": 0.01, \"momentum\": 0.9}"),
                optimizerAfterFineTuning("--learning-rate", "0.01"));
        assertEquals(JSON.readTree("{\"type\": \"adam\", \"learningRate\": 1e-4}"),
                optimizerAfterFineTuning("--optimizer", "{\"type\": \"adam\", \"learningRate\": 1e-4}"));
        assertEquals(JSON.readTree("{\"type\": \"adam\", \"learningRate\": 0.002}"),
                optimizerAfterFineTuning("--optimizer", "adam", "--learning-rate", "0.002"));
    }

    private JsonNode optimizerAfterFineTuning(String... overrides) throws Exception {
        Path out = dir.resolve("tuned.nnj");
        List<String> args = new java.util.ArrayList<>(List.of("train", "--model", saved.toString(), "--data", "digits",
                "--epochs", "1", "--json", "--save", out.toString()));
        args.addAll(List.of(overrides));
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode model = JSON.readTree(ModelArchive.read(out).modelJson());
        assertEquals(1, model.get("epochs").asInt(), "--epochs is saved too");
        assertEquals(JSON.readTree(ModelArchive.read(saved).modelJson()).get("layers"), model.get("layers"));
        return model.get("optimizer");
    }

    @Test
    void errorsInTheOptimizerSpecAreReportedAsAModelFilesAtTheOption() {
        assertEquals("nnj: --optimizer (adam): unknown key 'learningRat'. Did you mean 'learningRate'? Keys that 'adam' "
                + "reads: beta1, beta2, epsilon, learningRate, schedule, weightDecay.\n",
                trainWithOptimizer("{\"type\": \"adam\", \"learningRat\": 1e-4}").err());
        assertEquals("nnj: --optimizer: unknown optimizer type 'adamm'. Did you mean 'adam'? Known optimizer types: "
                + "adagrad, adam, adamw, momentum, rmsprop, sgd. Extensions are found through "
                + "META-INF/services/dev.nnj.api.spi.NnExtension in the jars on the class path and in the plugin "
                + "directory (nnj --plugins DIR, or NNJ_PLUGINS); 'nnj list' shows what was found.\n",
                trainWithOptimizer("adamm").err());
        assertEquals("nnj: --optimizer line 1, column 16: the text ends before the '}' that closes an object.\n",
                trainWithOptimizer("{\"type\": \"adam\"").err(), "as a model file's JSON errors");
        assertEquals("nnj: --optimizer: a component needs a \"type\" key naming its type id, e.g. {\"type\": \"dense\", "
                + "...}; got keys [learningRate].\n", trainWithOptimizer("{\"learningRate\": 1e-4}").err());
    }

    private CliRun trainWithOptimizer(String optimizer) {
        CliRun run = CliRun.run("train", "--model", saved.toString(), "--data", "digits", "--optimizer", optimizer);
        assertEquals(1, run.exitCode(), run.err());
        return run;
    }

    /**
     * The weights of the saved model, exported and given to its model file, are the saved model:
     * with a learning rate far below every weight's last digit (1e-300; the rate must be &gt; 0) the
     * first epoch leaves them as they are, and its test metrics are {@code evaluate}'s to the bit;
     * with the saved rate, one epoch ends with the same bytes as fine-tuning the saved model.
     */
    @Test
    void initWeightsFromAnExportedFileStartWhereTheSavedModelStands() throws Exception {
        Path weights = dir.resolve("w.safetensors");
        assertEquals(0, CliRun.run("export", "--model", saved.toString(), "--out", weights.toString()).exitCode());
        CliRun evaluate = CliRun.run("evaluate", "--model", saved.toString(), "--data", "digits", "--test-part", "--json");
        CliRun still = CliRun.run("train", "--model", DIGITS, "--init-weights", weights.toString(), "--data", "digits",
                "--epochs", "1", "--learning-rate", "1e-300", "--json");
        assertEquals(0, evaluate.exitCode() + still.exitCode(), evaluate.err() + still.err());
        JsonNode expected = JSON.readTree(evaluate.lastLine());
        JsonNode first = epochs(still.out()).get(0);
        assertEquals(expected.get("loss").asDouble(), first.get("testLoss").asDouble(), 0.0);
        assertEquals(expected.get("accuracy").asDouble(), first.get("testAccuracy").asDouble(), 0.0);

        Path fromWeights = dir.resolve("from-weights.nnj");
        Path fromSaved = dir.resolve("from-saved.nnj");
        CliRun a = CliRun.run("train", "--model", DIGITS, "--init-weights", weights.toString(), "--data", "digits",
                "--epochs", "1", "--json", "--save", fromWeights.toString());
        CliRun b = CliRun.run("train", "--model", saved.toString(), "--data", "digits", "--epochs", "1", "--json",
                "--save", fromSaved.toString());
        assertEquals(0, a.exitCode() + b.exitCode(), a.err() + b.err());
        assertArrayEquals(CliRun.entry(fromSaved, ModelArchive.WEIGHTS_ENTRY),
                CliRun.entry(fromWeights, ModelArchive.WEIGHTS_ENTRY));
        assertFalse(java.util.Arrays.equals(CliRun.entry(saved, ModelArchive.WEIGHTS_ENTRY),
                CliRun.entry(fromWeights, ModelArchive.WEIGHTS_ENTRY)), "and the epoch trained");
    }

    @Test
    void initWeightsThatDoNotFitAreReportedAsImportReportsThem() throws Exception {
        Path weights = dir.resolve("w.safetensors");
        assertEquals(0, CliRun.run("export", "--model", saved.toString(), "--out", weights.toString()).exitCode());
        Path narrow = Files.writeString(dir.resolve("narrow.json"), Files.readString(Path.of(DIGITS))
                .replace("\"units\": 256", "\"units\": 128"));
        CliRun train = CliRun.run("train", "--model", narrow.toString(), "--init-weights", weights.toString(), "--data",
                "digits");
        CliRun imported = CliRun.run("import", "--model", narrow.toString(), "--weights", weights.toString(), "--out",
                dir.resolve("i.nnj").toString());
        String message = "nnj: " + weights + ": tensor 'layers.0.weight' has shape [256, 64]; the model needs "
                + "[128, 64].\n";
        assertEquals(1, train.exitCode());
        assertEquals(message, train.err());
        assertEquals(message, imported.err());
    }

    /**
     * A table model fine-tuned on other rows (every other row of wine.csv) keeps the schema it
     * learned: the same table.json, although those rows, learned afresh, give another.
     */
    @Test
    void aTableModelFineTunedKeepsItsSchema() throws Exception {
        Path wine = Path.of("..", "data", "wine.csv");
        List<String> lines = Files.readAllLines(wine);
        StringBuilder half = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 2; i < lines.size(); i += 2) {
            half.append(lines.get(i)).append('\n');
        }
        Path halfCsv = Files.writeString(dir.resolve("wine-half.csv"), half);
        Path trained = dir.resolve("wine.nnj");
        Path tuned = dir.resolve("tuned.nnj");
        Path afresh = dir.resolve("afresh.nnj");
        CliRun train = CliRun.run("train", "--model", CliRun.model("wine-mlp.json"), "--data", "csv:" + wine,
                "--epochs", "5", "--json", "--save", trained.toString());
        CliRun tune = CliRun.run("train", "--model", trained.toString(), "--data", "csv:" + halfCsv, "--epochs", "2",
                "--json", "--save", tuned.toString());
        CliRun fresh = CliRun.run("train", "--model", CliRun.model("wine-mlp.json"), "--data", "csv:" + halfCsv,
                "--epochs", "1", "--json", "--save", afresh.toString());
        assertEquals(0, train.exitCode() + tune.exitCode() + fresh.exitCode(), train.err() + tune.err() + fresh.err());
        assertArrayEquals(CliRun.entry(trained, ModelArchive.TABLE_ENTRY),
                CliRun.entry(tuned, ModelArchive.TABLE_ENTRY));
        assertFalse(java.util.Arrays.equals(CliRun.entry(trained, ModelArchive.TABLE_ENTRY),
                CliRun.entry(afresh, ModelArchive.TABLE_ENTRY)), "the half's own statistics differ");

        CliRun digits = CliRun.run("train", "--model", tuned.toString(), "--data", "digits");
        assertEquals(1, digits.exitCode());
        assertEquals("nnj: " + tuned + " was trained on a CSV table; give --data csv:FILE with its columns (alcohol, "
                + "malic_acid, ash, alcalinity_of_ash, magnesium, total_phenols, flavanoids, nonflavanoid_phenols, "
                + "proanthocyanins, color_intensity, hue, od280_od315, proline, cultivar).\n", digits.err());
    }

    @Test
    void aFileOfTheWrongKindIsNamedWithWhatItIsAndTheOptionThatTakesIt() throws Exception {
        Path json = Path.of(DIGITS);
        Path weights = dir.resolve("w.safetensors");
        assertEquals(0, CliRun.run("export", "--model", saved.toString(), "--out", weights.toString()).exitCode());
        String out = dir.resolve("out.nnj").toString();

        assertFails("nnj: " + json + " is a JSON model file, but nnj evaluate --model takes a saved model (.nnj): train "
                + "it and save it: nnj train --model " + json + " --data DATA --save M.nnj.",
                "evaluate", "--model", DIGITS, "--data", "digits");
        assertFails("nnj: " + json + " is a JSON model file, but nnj predict --model takes a saved model (.nnj): train "
                + "it and save it: nnj train --model " + json + " --data DATA --save M.nnj.",
                "predict", "--model", DIGITS, "--input", DIGITS);
        assertFails("nnj: " + json + " is a JSON model file, but nnj export --model takes a saved model (.nnj): train "
                + "it and save it: nnj train --model " + json + " --data DATA --save M.nnj.",
                "export", "--model", DIGITS, "--out", out);
        assertFails("nnj: " + weights + " is a safetensors weights file, but nnj evaluate --model takes a saved model "
                + "(.nnj): make one of them and their model file: nnj import --model MODEL.json --weights " + weights
                + " --out M.nnj.", "evaluate", "--model", weights.toString(), "--data", "digits");
        assertFails("nnj: " + json + " is a JSON model file, but nnj train --resume takes a checkpoint (.nnj, e.g. "
                + "DIR/last.nnj of --checkpoint-dir DIR): start a run from it with --model " + json + ".",
                "train", "--resume", DIGITS, "--data", "digits");
        assertFails("nnj: " + weights + " is a safetensors weights file, but nnj train --resume takes a checkpoint "
                + "(.nnj, e.g. DIR/last.nnj of --checkpoint-dir DIR): start from them with --model MODEL.json "
                + "--init-weights " + weights + ".", "train", "--resume", weights.toString(), "--data", "digits");
        assertFails("nnj: " + weights + " is a safetensors weights file, but nnj train --model takes a model file "
                + "(MODEL.json or M.nnj): give the weights' model file as --model and " + weights + " as "
                + "--init-weights.", "train", "--model", weights.toString(), "--data", "digits");
        assertFails("nnj: " + saved + " is a saved model (.nnj), but nnj train --init-weights takes a safetensors "
                + "weights file: to train it further from its weights, give it as --model " + saved + ", without "
                + "--init-weights.", "train", "--model", DIGITS, "--init-weights", saved.toString(), "--data", "digits");
        assertFails("nnj: " + json + " is a JSON model file, but nnj train --init-weights takes a safetensors weights "
                + "file: give the model file as --model and its weights (from nnj export, or PyTorch's "
                + "safetensors.torch.save_file) as --init-weights.",
                "train", "--model", DIGITS, "--init-weights", DIGITS, "--data", "digits");
        assertFails("nnj: " + saved + " is a saved model (.nnj), but nnj import --model takes a JSON model file: its "
                + "model.json entry is one (unzip -p " + saved + " model.json); to train " + saved + " further, nnj "
                + "train --model " + saved + ".", "import", "--model", saved.toString(), "--weights",
                weights.toString(), "--out", out);
        assertFails("nnj: " + weights + " is a safetensors weights file, but nnj import --model takes a JSON model "
                + "file: give the weights' model file as --model and " + weights + " as --weights.",
                "import", "--model", weights.toString(), "--weights", weights.toString(), "--out", out);
        assertFails("nnj: " + saved + " is a saved model (.nnj), but nnj import --weights takes a safetensors weights "
                + "file: write its weights with nnj export --model " + saved + " --out W.safetensors.",
                "import", "--model", DIGITS, "--weights", saved.toString(), "--out", out);
        assertFails("nnj: " + json + " is a JSON model file, but nnj import --weights takes a safetensors weights file: "
                + "give the model file as --model and its weights (from nnj export, or PyTorch's "
                + "safetensors.torch.save_file) as --weights.", "import", "--model", DIGITS, "--weights", DIGITS,
                "--out", out);
        assertFails("nnj: " + saved + " is a saved model, not a checkpoint (it has no training.json or "
                + "optimizer.safetensors): --model " + saved + " fine-tunes it, from its weights with a fresh "
                + "optimizer.", "train", "--resume", saved.toString(), "--data", "digits");
        assertFalse(Files.exists(Path.of(out)), "nothing was written");
    }

    /** Options that do not go with the start are bad usage: exit code 2, the message, then the usage. */
    @Test
    void optionsThatDoNotGoWithTheStartAreRefused() throws Exception {
        Path weights = dir.resolve("w.safetensors");
        assertEquals(0, CliRun.run("export", "--model", saved.toString(), "--out", weights.toString()).exitCode());
        Path checkpoints = dir.resolve("checkpoints");
        assertEquals(0, CliRun.run("train", "--model", DIGITS, "--data", "digits", "--epochs", "1", "--json",
                "--checkpoint-dir", checkpoints.toString()).exitCode());
        Path last = checkpoints.resolve("last.nnj");
        assertUsage("--init-weights: " + saved + " holds weights already, and fine-tuning starts from them; "
                + "--init-weights goes with --model MODEL.json.",
                "train", "--model", saved.toString(), "--init-weights", weights.toString(), "--data", "digits");
        assertUsage("--init-weights: a resumed run goes on from its checkpoint's weights; --init-weights goes with "
                + "--model MODEL.json.",
                "train", "--resume", last.toString(), "--init-weights", weights.toString(), "--data", "digits");
        assertUsage("--optimizer: a resumed run goes on with its checkpoint's optimizer and its state; --model " + last
                + " fine-tunes its weights with a fresh optimizer, which --optimizer may replace.",
                "train", "--resume", last.toString(), "--optimizer", "adam", "--data", "digits");
        assertUsage("Give either --model MODEL.json (or M.nnj, to fine-tune it) or --resume CHECKPOINT.nnj.",
                "train", "--data", "digits");

        CliRun tuned = CliRun.run("train", "--model", last.toString(), "--data", "digits", "--epochs", "1", "--json");
        assertEquals(0, tuned.exitCode(), "a checkpoint fine-tunes as a saved model does: " + tuned.err());
        assertEquals(1, epochs(tuned.out()).get(0).get("epoch").asInt());
    }

    private static void assertFails(String message, String... args) {
        CliRun run = CliRun.run(args);
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(message + "\n", run.err());
    }

    private static void assertUsage(String message, String... args) {
        CliRun run = CliRun.run(args);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(message, run.err().lines().findFirst().orElse(""));
        assertTrue(run.err().contains("Usage: nnj train"), run.err());
    }

    private static List<JsonNode> epochs(String out) throws Exception {
        List<JsonNode> epochs = new java.util.ArrayList<>();
        for (String line : out.strip().split("\\R")) {
            JsonNode o = JSON.readTree(line);
            if (!o.has("summary")) {
                epochs.add(o);
            }
        }
        return epochs;
    }
}
