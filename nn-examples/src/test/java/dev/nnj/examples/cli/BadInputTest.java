package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
                + "inputs (3 numeric columns; label 'column_4' (2 classes)). Leave \"input\" out of the model file (the "
                + "table gives it) or make it [3].\n", run.err());
    }

    @Test
    void labelOutsideTheClassesIsNamed() throws IOException {
        Path train = write("train.csv", digitsRow(64, "1").repeat(5) + digitsRow(64, "12"));
        CliRun run = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "csv:" + train,
                "--test-data", "csv:" + train);
        assertEquals(1, run.exitCode());
        assertEquals("nnj: " + train + ": example 6 has label 12, outside the model's 10 classes 0..9 (layers[1] "
                + "(dense) has 10 outputs); give the last layer more units or fix the labels.\n", run.err());
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
}
