package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.json.ModelArchive;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Every failure the user can cause ends with exit code 1 and one clear line, not a stack trace. */
class BadInputTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private CliRun train(Path model, String data) {
        return CliRun.run("train", "--model", model.toString(), "--data", data);
    }

    private static String digitsRow(int features, String label) {
        return "0,".repeat(features) + label + "\n";
    }

    @Test
    void unknownTypeIdListsTheKnownIds() throws IOException {
        Path model = write("m.json", "{\"input\": [64], \"layers\": [{\"type\": \"lstm\", \"units\": 3}], "
                + "\"loss\": \"softmax-cross-entropy\", \"optimizer\": \"sgd\"}");
        CliRun run = train(model, "digits");
        assertEquals(1, run.exitCode());
        assertEquals("nnj: " + model + ": layers[0]: unknown layer type 'lstm'. Known layer types: avg-pool2d, batch-norm, "
                + "conv2d, dense, dropout, flatten, layer-norm, max-pool2d, normalization. Extensions are found through "
                + "META-INF/services/dev.nnj.api.spi.NnExtension in the jars on the class path and in the plugin "
                + "directory (nnj --plugins DIR, or NNJ_PLUGINS); 'nnj list' shows what was found.\n",
                run.err());
    }

    @Test
    void misspelledConfigKeyIsNamed() throws IOException {
        Path model = write("m.json", "{\"input\": [64], \"layers\": [{\"type\": \"dense\", \"units\": 10}], "
                + "\"loss\": \"softmax-cross-entropy\", \"optimizer\": {\"type\": \"momentum\", \"learningRat\": 0.1}}");
        CliRun run = train(model, "digits");
        assertEquals(1, run.exitCode());
        assertEquals("nnj: " + model + ": optimizer (momentum): unknown key 'learningRat'. Did you mean 'learningRate'? "
                + "Keys that 'momentum' reads: learningRate, momentum, nesterov, schedule, weightDecay.\n", run.err());
    }

    @Test
    void dataWithTheWrongNumberOfFeaturesNamesTheLayerAndBothShapes() throws IOException {
        Path csv = write("three.csv", digitsRow(3, "1").repeat(10));
        CliRun run = train(CliRun.MODELS.resolve("digits-mlp.json"), "csv:" + csv);
        assertEquals(1, run.exitCode());
        assertEquals("nnj: " + CliRun.MODELS.resolve("digits-mlp.json") + ": \"input\" is [64] but " + csv + " gives 3 "
                + "inputs (3 numeric, 0 one-hot). Leave \"input\" out of the model file (the "
                + "table gives it) or make it [3].\n", run.err());
    }

    /** Named by its line in the file, not by its place after the shuffle and the 80/20 split. */
    @Test
    void labelOutsideTheClassesIsNamedByItsLine() throws IOException {
        Path train = write("train.csv", digitsRow(64, "1").repeat(5) + "\n" + digitsRow(64, "12")
                + digitsRow(64, "2").repeat(14));
        CliRun run = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "csv:" + train);
        assertEquals(1, run.exitCode());
        assertEquals("nnj: " + train + " line 7 has label 12, outside the model's 10 classes 0..9 (layers[1] "
                + "(dense) has 10 outputs); give the last layer more units or fix the labels.\n", run.err());
    }

    @Test
    void anIdxLabelOutsideTheClassesIsNamedByTheLabelsFileAndIndex() throws IOException {
        Path images = dir.resolve("images.idx");
        byte[] header = {0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 8, 0, 0, 0, 8};
        Files.write(images, Arrays.copyOf(header, header.length + 5 * 64));
        Path labels = dir.resolve("labels.idx");
        Files.write(labels, new byte[] {0, 0, 8, 1, 0, 0, 0, 5, 1, 2, (byte) 200, 3, 4});
        CliRun run = train(CliRun.MODELS.resolve("digits-mlp.json"), "idx:" + images + "," + labels);
        assertEquals(1, run.exitCode());
        assertEquals("nnj: " + labels + " index 2 (counting from 0) has label 200, outside the model's 10 classes "
                + "0..9 (layers[1] (dense) has 10 outputs); give the last layer more units or fix the labels.\n",
                run.err());
    }

    private CliRun trainTwoColumns(Path csv, String... more) throws IOException {
        Path model = write("two.json", "{\"layers\": [{\"type\": \"dense\", \"units\": 2}], \"loss\": "
                + "\"softmax-cross-entropy\", \"optimizer\": \"sgd\", \"epochs\": 1}");
        List<String> args = new ArrayList<>(List.of("train", "--model", model.toString(), "--data",
                "csv:" + csv));
        args.addAll(List.of(more));
        return CliRun.run(args.toArray(new String[0]));
    }

    @Test
    void oneRowCannotBeSplitIntoTrainingAndTestRows() throws IOException {
        Path one = write("one.csv", "1,2,0\n");
        CliRun run = trainTwoColumns(one);
        assertEquals(1, run.exitCode());
        assertEquals("nnj: " + one + ": 1 row cannot be split into training and test rows; give more rows, or a "
                + "separate --test-data file.\n", run.err());
        Path images = dir.resolve("one-image.idx");
        Files.write(images, new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 7, 9});
        Path labels = dir.resolve("one-label.idx");
        Files.write(labels, new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 1});
        CliRun idx = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "idx:" + images + ","
                + labels);
        assertEquals(1, idx.exitCode());
        assertEquals("nnj: one-image.idx: 1 example cannot be split into training and test examples; give more "
                + "examples, or a separate --test-data file.\n", idx.err());
    }

    @Test
    void aValidationHoldOutThatLeavesNothingToTrainOnIsRefused() throws IOException {
        Path one = write("one.csv", "1,2,0\n");
        CliRun given = trainTwoColumns(one, "--test-data", "csv:" + one, "--validation-split", "0.5");
        assertEquals(1, given.exitCode());
        assertEquals("nnj: " + one + ": 1 training example cannot be split into training and validation examples by "
                + "--validation-split 0.5; give more examples.\n", given.err());
        Path two = write("two.csv", "1,2,0\n3,4,1\n");
        CliRun watched = trainTwoColumns(two, "--early-stopping", "2");
        assertEquals(1, watched.exitCode());
        assertEquals("nnj: " + two + " (train): 1 training example cannot be split into training and validation "
                + "examples by the 10% held out to watch for early stopping, the best checkpoint and the schedule; "
                + "give more examples.\n", watched.err());
        Path three = write("three.csv", "1,2,0\n3,4,1\n5,6,1\n");
        CliRun large = trainTwoColumns(three, "--test-data", "csv:" + three, "--validation-split", "0.9");
        assertEquals(1, large.exitCode());
        assertEquals("nnj: " + three + ": 3 training examples cannot be split into training and validation examples "
                + "by --validation-split 0.9; give more examples, or a --validation-split of at most 0.66.\n",
                large.err());
    }

    @Test
    void missingDataFileIsNamed() {
        Path missing = dir.resolve("missing.csv");
        CliRun run = train(CliRun.MODELS.resolve("digits-mlp.json"), "csv:" + missing);
        assertEquals(1, run.exitCode());
        assertEquals("nnj: Data file not found: " + missing.toAbsolutePath() + ".\n", run.err());
    }

    @Test
    void truncatedIdxFileIsNamed() throws IOException {
        Path images = dir.resolve("images.idx");
        Files.write(images, new byte[] {0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3});
        Path labels = dir.resolve("labels.idx");
        Files.write(labels, new byte[] {0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 3, 4, 5});
        CliRun run = train(CliRun.MODELS.resolve("digits-mlp.json"), "idx:" + images + "," + labels);
        assertEquals(1, run.exitCode());
        assertEquals("nnj: " + images + ": truncated: the header promises 5 images of 2x2 (20 bytes after the 16-byte "
                + "header) but the file holds 3; it ends inside image 0 of 5.\n", run.err());
    }

    @Test
    void unreadablePluginJarIsNamedByListAndTrain() throws IOException {
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        Path jar = Files.write(plugins.resolve("acme-gated.jar"), new byte[] {'P', 'K', 3, 4, 20, 0, 8, 0});
        String expected = "nnj: Cannot load plugin jar " + jar.toAbsolutePath() + ": not a readable jar (zip END header "
                + "not found); it may be truncated or corrupt. Replace it with a complete copy or remove it from the "
                + "plugin directory.\n";
        CliRun list = CliRun.run("list", "--plugins", plugins.toString());
        assertEquals(1, list.exitCode());
        assertEquals(expected, list.err());
        CliRun train = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits",
                "--plugins", plugins.toString());
        assertEquals(1, train.exitCode());
        assertEquals(expected, train.err());
    }

    @Test
    void importOfALargeFileThatIsNotSafetensorsReadsOnlyItsHeaderLength() throws IOException {
        Path weights = dir.resolve("w.safetensors");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(weights.toFile(), "rw")) {
            f.setLength(3_000_000_000L); // sparse: nothing written
        }
        CliRun run = CliRun.run("import", "--model", CliRun.model("digits-mlp.json"), "--weights", weights.toString(),
                "--out", dir.resolve("m.nnj").toString());
        assertEquals(1, run.exitCode());
        assertEquals("nnj: " + weights + ": header length 0 does not fit the file of 3000000000 bytes.\n", run.err());
    }

    @Command(name = "oom")
    static final class OutOfMemoryCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void outOfMemoryIsOneLineNamingTheCommandAndTheJvmOption() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine().addSubcommand(new OutOfMemoryCommand());
        cli.setErr(new PrintWriter(err, true));
        assertEquals(1, cli.execute("oom"));
        long heap = Runtime.getRuntime().maxMemory();
        long suggested = Math.max(1, (2 * heap + (1L << 30) - 1) >> 30);
        assertEquals("nnj: out of memory (Java heap space) in 'nnj oom': the model, its data or a file it reads needs "
                + "more than the " + (heap >> 20) + " MiB this JVM may use. Give it more with -Xmx: java -Xmx"
                + suggested + "g -jar nnj.jar oom (bin/nnj: NNJ_JAVA_OPTS=-Xmx" + suggested + "g).\n", err.toString());
    }

    @Test
    void outOfMemorySuggestsTwiceTheHeapWithTheCommandsFiles() {
        assertEquals("out of memory (Java heap space) in 'nnj train --model deep.json --data digits': the model, its "
                + "data or a file it reads needs more than the 1024 MiB this JVM may use. Give it more with -Xmx: java "
                + "-Xmx2g -jar nnj.jar train --model deep.json --data digits (bin/nnj: NNJ_JAVA_OPTS=-Xmx2g).",
                Main.outOfMemory(java.util.List.of("train", "--model", "deep.json", "--data", "digits"),
                        new OutOfMemoryError("Java heap space"), 1L << 30));
    }

    @Test
    void nonFiniteLossStopsTrainingNamingEpochAndBatch() throws IOException {
        Path model = write("regression.json", "{\"input\": [2], \"layers\": [{\"type\": \"dense\", \"units\": 1}], "
                + "\"loss\": \"mse\", \"optimizer\": \"sgd\", \"batchSize\": 4, \"table\": {\"standardize\": false}}");
        Path csv = write("huge.csv", "1e300,1e300,1\n".repeat(10));
        CliRun run = train(model, "csv:" + csv);
        assertEquals(1, run.exitCode());
        assertEquals("nnj: The loss became Infinity at epoch 1, batch 1 of 2; training stopped. Every layer's output "
                + "is finite: the loss itself overflowed (check the targets). Lower the learning rate (now 0.01) or "
                + "check the data for extreme values.\n", run.err());
    }

    @Test
    void unknownBackendListsTheBackendsFound() {
        CliRun run = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits",
                "--backend", "cuda");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("nnj: Unknown backend 'cuda'. Backends found: "), run.err());
        assertTrue(run.err().contains("ejml (rank 100)"), run.err());
    }

    @Test
    void unknownDataSourceListsTheForms() {
        CliRun run = train(CliRun.MODELS.resolve("digits-mlp.json"), "mnist");
        assertEquals(1, run.exitCode());
        assertEquals("nnj: Unknown data source 'mnist'. Use digits, fashion-mnist[:DIR], idx:IMAGES,LABELS or "
                + "csv:FILE.\n", run.err());
    }

    private static final String NON_FINITE = "; nnj loads only finite numbers, and a model that diverged saves such "
            + "values: train it again (e.g. from an earlier checkpoint), or pass --allow-non-finite (in Java, "
            + "LoadOptions.allowNonFinite()) to load the file as it is and inspect it.\n";

    /** digits-mlp with one NaN weight, as a model that diverged saves it; a checkpoint if {@code state} is given. */
    private Path diverged(String name, double state) {
        NnRuntime runtime = NnRuntime.discover();
        ModelSpec spec = runtime.read(CliRun.MODELS.resolve("digits-mlp.json"));
        AssembledModel m = runtime.assemble(spec);
        // nnj's dense weight is stored [in, out] = [256, 10]; the file holds it [out, in] = [10, 256]
        m.model().parameters().get(2).value().set(7, 2, Double.NaN);
        Path file = dir.resolve(name);
        if (Double.isNaN(state)) {
            ModelArchive.save(file, spec, m.model());
        } else {
            m.model().parameters().get(2).value().set(7, 2, 0.5);
            m.optimizer().attach(m.model().parameters());
            m.optimizer().state().get("layers.1.bias").values().iterator().next()[9] = state;
            ModelArchive.save(file, spec, m.model(), m.optimizer(), new ModelArchive.TrainingState(1, 45, 42, 0.5));
        }
        return file;
    }

    @Test
    void nanWeightsAreRefusedByEveryCommandThatLoadsThemUnlessAllowed() throws IOException {
        Path model = diverged("diverged.nnj", Double.NaN);
        String refused = "nnj: " + model + "!/weights.safetensors: tensor 'layers.1.weight' holds NaN at index 519 "
                + "([2, 7] of [10, 256])" + NON_FINITE;
        Path input = write("rows.csv", "0,".repeat(63) + "0\n");
        Path exported = dir.resolve("w.safetensors");
        for (String[] args : List.of(new String[] {"evaluate", "--model", model.toString(), "--data", "digits"},
                new String[] {"predict", "--model", model.toString(), "--input", input.toString()},
                new String[] {"export", "--model", model.toString(), "--out", exported.toString()},
                new String[] {"train", "--model", model.toString(), "--data", "digits", "--epochs", "1"})) {
            CliRun run = CliRun.run(args);
            assertEquals(1, run.exitCode(), args[0]);
            assertEquals(refused, run.err(), args[0]);
        }
        assertFalse(Files.exists(exported), "nothing exported");

        CliRun inspected = CliRun.run("evaluate", "--model", model.toString(), "--data", "digits", "--allow-non-finite");
        assertEquals(0, inspected.exitCode(), inspected.err());
        assertTrue(inspected.out().contains(": loss NaN"), inspected.out());
        assertEquals(0, CliRun.run("export", "--model", model.toString(), "--out", exported.toString(),
                "--allow-non-finite").exitCode());

        String weights = "nnj: " + exported + ": tensor 'layers.1.weight' holds NaN at index 519 ([2, 7] of [10, 256])"
                + NON_FINITE;
        CliRun imported = CliRun.run("import", "--model", CliRun.model("digits-mlp.json"), "--weights",
                exported.toString(), "--out", dir.resolve("imported.nnj").toString());
        assertEquals(1, imported.exitCode());
        assertEquals(weights, imported.err());
        CliRun initialised = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--init-weights",
                exported.toString(), "--data", "digits", "--epochs", "1");
        assertEquals(1, initialised.exitCode());
        assertEquals(weights, initialised.err());
    }

    @Test
    void infiniteOptimizerStateIsRefusedOnResume() {
        Path checkpoint = diverged("last.nnj", Double.POSITIVE_INFINITY);
        CliRun run = CliRun.run("train", "--resume", checkpoint.toString(), "--data", "digits", "--epochs", "2");
        assertEquals(1, run.exitCode());
        assertEquals("nnj: " + checkpoint + "!/optimizer.safetensors: tensor 'layers.1.bias.momentum' holds "
                + "Infinity at index 9" + NON_FINITE, run.err());
    }

    @Test
    void jsonErrorsAreInPlainWordsWithLineAndColumn() throws IOException {
        Path model = write("m.json", "{\"input\": [64],\n \"layers\": [{\"type\": \"dense\", \"units\": 10}],\n "
                + "\"loss\": \"softmax-cross-entropy\", \"optimizer\": {\"type\": \"sgd\", \"learningRate\": NaN}}");
        CliRun run = train(model, "digits");
        assertEquals(1, run.exitCode());
        assertEquals("nnj: " + model + " line 3, column 80: NaN is not a JSON number; write a number or null.\n",
                run.err());
        Path deep = write("deep.json", "{\"input\": " + "[".repeat(1001) + "]".repeat(1001) + "}");
        run = train(deep, "digits");
        assertEquals(1, run.exitCode());
        assertEquals("nnj: " + deep + " line 1, column 1010: nested more than 1,000 levels deep, more than nnj "
                + "reads.\n", run.err());
    }
}
