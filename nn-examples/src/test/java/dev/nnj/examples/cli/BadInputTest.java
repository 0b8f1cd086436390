package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
                + "inputs (3 numeric columns; label 'column_4' (2 classes)). Leave \"input\" out of the model file (the "
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
        assertEquals("nnj: " + images + ": truncated: the file ends inside image 0 of 5.\n", run.err());
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
}
