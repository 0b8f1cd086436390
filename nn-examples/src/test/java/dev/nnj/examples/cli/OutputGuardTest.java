package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No output overwrites an input, nor another output: the refusal comes before anything is written,
 * names both options and files, and leaves every file as it was (no temporary file either).
 */
class OutputGuardTest {
    private static final String REFUSAL = "; an output must not overwrite an input: give ";

    @TempDir
    static Path shared;
    /** A model file, its data and the model saved from one epoch on it, with its checkpoints. */
    private static Path json;
    private static Path data;
    private static Path saved;
    private static Path checkpoints;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainATinyModel() throws IOException {
        json = shared.resolve("m.json");
        Files.writeString(json, "{\"layers\": [{\"type\": \"dense\", \"units\": 2}], \"loss\": \"softmax-cross-entropy\","
                + " \"optimizer\": \"sgd\", \"epochs\": 1}");
        data = shared.resolve("data.csv");
        StringBuilder rows = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 20; i++) {
            rows.append(i).append(',').append(i % 3).append(',').append(i % 2).append('\n');
        }
        Files.writeString(data, rows);
        saved = shared.resolve("m.nnj");
        checkpoints = shared.resolve("ck");
        CliRun run = CliRun.run("train", "--model", json.toString(), "--data", "csv:" + data, "--save", saved.toString(),
                "--checkpoint-dir", checkpoints.toString());
        assertEquals(0, run.exitCode(), run.err());
    }

    /** Runs the command, expects the refusal, and checks that no file of {@code watched} changed or appeared. */
    private static void refused(String message, List<Path> watched, String... args) throws IOException {
        List<byte[]> before = new ArrayList<>();
        for (Path f : watched) {
            before.add(Files.readAllBytes(f));
        }
        List<Path> listed = listing(watched);
        CliRun run = CliRun.run(args);
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals("nnj: " + message + "\n", run.err());
        for (int i = 0; i < watched.size(); i++) {
            assertArrayEquals(before.get(i), Files.readAllBytes(watched.get(i)), watched.get(i) + " changed");
        }
        assertEquals(listed, listing(watched), "a file appeared beside the inputs");
    }

    private static List<Path> listing(List<Path> files) throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path d : files.stream().map(f -> f.toAbsolutePath().getParent()).distinct().toList()) {
            try (Stream<Path> s = Files.list(d)) {
                s.sorted().forEach(all::add);
            }
        }
        return all;
    }

    @Test
    void exportOverItsModelIsRefused() throws IOException {
        refused("--out " + saved + " is the --model file " + saved + REFUSAL + "--out another file, e.g. "
                + shared.resolve("m-2.nnj") + ".", List.of(saved), "export", "--model", saved.toString(), "--out",
                saved.toString());
    }

    @Test
    void theSameFileIsFoundThroughALinkADotDotAHardLinkAndARelativePath() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.nnj"), saved);
        Path hard = Files.createLink(dir.resolve("hard.nnj"), saved);
        Path dotted = shared.resolve("ck").resolve("..").resolve(".").resolve("m.nnj");
        Path relative = Path.of("").toAbsolutePath().relativize(saved);
        for (Path out : new Path[] {link, hard, dotted, relative}) {
            refused("--out " + out + " is the --model file " + saved + REFUSAL + "--out another file, e.g. "
                    + out.resolveSibling(out.getFileName().toString().replace(".nnj", "-2.nnj")) + ".",
                    List.of(saved), "export", "--model", saved.toString(), "--out", out.toString());
        }
    }

    @Test
    void importOverItsWeightsIsRefused() throws IOException {
        Path weights = dir.resolve("w.safetensors");
        CliRun export = CliRun.run("export", "--model", saved.toString(), "--out", weights.toString());
        assertEquals(0, export.exitCode(), export.err());
        refused("--out " + weights + " is the --weights file " + weights + REFUSAL + "--out another file, e.g. "
                + dir.resolve("w-2.safetensors") + ".", List.of(json, weights), "import", "--model", json.toString(),
                "--weights", weights.toString(), "--out", weights.toString());
    }

    @Test
    void savingOverTheModelFileIsRefused() throws IOException {
        refused("--save " + json + " is the --model file " + json + REFUSAL + "--save another file, e.g. "
                + shared.resolve("m-2.json") + ".", List.of(json, data), "train", "--model", json.toString(), "--data",
                "csv:" + data, "--save", json.toString());
    }

    /** PyTorch users overwrite checkpoints routinely; nnj keeps the model it fine-tunes and suggests a name. */
    @Test
    void aFineTunedModelIsNotSavedOverTheOneItStartsFrom() throws IOException {
        refused("--save " + saved + " is the --model file " + saved + REFUSAL + "--save another file, e.g. "
                + shared.resolve("m-2.nnj") + ".", List.of(saved, data), "train", "--model", saved.toString(),
                "--data", "csv:" + data, "--save", saved.toString());
    }

    @Test
    void theMetricsLogIsNotWrittenOverTheTrainingOrTestData() throws IOException {
        refused("--log-csv " + data + " is the --data file " + data + REFUSAL + "--log-csv another file, e.g. "
                + shared.resolve("data-2.csv") + ".", List.of(json, data), "train", "--model", json.toString(),
                "--data", "csv:" + data, "--log-csv", data.toString());
        Path test = Files.copy(data, dir.resolve("test.csv"));
        refused("--plot " + test + " is the --test-data file " + test + REFUSAL + "--plot another file, e.g. "
                + dir.resolve("test-2.csv") + ".", List.of(data, test), "train", "--model", json.toString(),
                "--data", "csv:" + data, "--test-data", "csv:" + test, "--plot", test.toString());
    }

    @Test
    void everyFileOfAnIdxOrFashionMnistSpecIsAnInput() throws IOException {
        Path images = Files.write(dir.resolve("images.idx"), new byte[] {0, 0, 8, 3});
        Path labels = Files.write(dir.resolve("labels.idx"), new byte[] {0, 0, 8, 1});
        refused("--save " + labels + " is the --data file " + labels + REFUSAL + "--save another file, e.g. "
                + dir.resolve("labels-2.idx") + ".", List.of(images, labels), "train", "--model", json.toString(),
                "--data", "idx:" + images + "," + labels, "--save", labels.toString());
        Path fashion = Files.createDirectory(dir.resolve("fashion"));
        List<Path> four = new ArrayList<>();
        for (String name : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            four.add(Files.write(fashion.resolve(name), new byte[] {31, -117}));
        }
        Path testLabels = four.get(3);
        refused("--log-csv " + testLabels + " is the --test-data file " + testLabels + REFUSAL + "--log-csv another "
                + "file, e.g. " + fashion.resolve("t10k-labels-idx1-ubyte-2.gz") + ".", four, "train", "--model",
                json.toString(), "--data", "digits", "--test-data", "fashion-mnist:" + fashion, "--log-csv",
                testLabels.toString());
    }

    @Test
    void twoOutputsMayNotBeOneFile() throws IOException {
        Path x = dir.resolve("x");
        refused("--save " + x + " and --log-csv " + dir.resolve(".").resolve("x") + " are the same file; each output "
                + "needs its own: give one of them another file.", List.of(json, data), "train", "--model",
                json.toString(), "--data", "csv:" + data, "--save", x.toString(), "--log-csv",
                dir.resolve(".").resolve("x").toString());
        assertFalse(Files.exists(x));
    }

    @Test
    void aCheckpointDirectoryMayNotHoldAnInputOtherThanTheResumedCheckpoint() throws IOException {
        Path best = checkpoints.resolve("best.nnj");
        List<Path> files = List.of(best, checkpoints.resolve("last.nnj"), checkpoints.resolve("epoch-0001.nnj"));
        refused("--checkpoint-dir " + checkpoints + " writes " + best + ", which is the --model file " + best + REFUSAL
                + "another --checkpoint-dir (only --resume may go on from a checkpoint of the directory it writes to).",
                files, "train", "--model", best.toString(), "--data", "csv:" + data, "--checkpoint-dir",
                checkpoints.toString());
        Path last = checkpoints.resolve("last.nnj");
        refused("--save " + last + " is a file --checkpoint-dir " + checkpoints + " writes (last.nnj, best.nnj, "
                + "epoch-NNNN.nnj); each output needs its own: give --save another file.", files, "train", "--model",
                json.toString(), "--data", "csv:" + data, "--checkpoint-dir", checkpoints.toString(), "--save",
                last.toString());
    }

    /** The usual way to go on: the checkpoint is read whole before the first is written (atomically). */
    @Test
    void aRunResumesIntoItsOwnCheckpointDirectory() throws IOException {
        Path ck = dir.resolve("ck");
        CliRun first = CliRun.run("train", "--model", json.toString(), "--data", "csv:" + data, "--checkpoint-dir",
                ck.toString());
        assertEquals(0, first.exitCode(), first.err());
        byte[] before = Files.readAllBytes(ck.resolve("last.nnj"));
        CliRun resumed = CliRun.run("train", "--resume", ck.resolve("last.nnj").toString(), "--data", "csv:" + data,
                "--epochs", "2", "--checkpoint-dir", ck.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertFalse(Arrays.equals(before, Files.readAllBytes(ck.resolve("last.nnj"))), "epoch 2's checkpoint");
    }

    @Test
    void specialFilesAndMissingInputsAreNotGuarded() {
        Path devNull = Path.of("/dev/null");
        assertDoesNotThrow(() -> new OutputGuard().data("--data", "csv:/dev/stdin").input("--model", devNull)
                .input("--init-weights", dir.resolve("missing")).output("--log-csv", devNull)
                .output("--plot", devNull).output("--save", dir.resolve("missing")).check());
    }
}
