package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nnj.core.json.ModelArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of checkpointing: a forked {@code nnj train --checkpoint-dir DIR} is killed
 * with SIGKILL ({@link Process#destroyForcibly()}; exit value 137 = 128 + 9 is checked) at seeded
 * random moments after it has written a checkpoint, {@value #KILLS} times in one directory, each
 * run resuming from the {@code last.nnj} the previous kill left. After every kill every {@code .nnj}
 * in the directory must load, and the temporary files of the interrupted writes must not pile up;
 * at the end every checkpoint left must resume, and the resumed run leaves no temporary file.
 *
 * <p>The model is a single dense layer with batches of 16, so that an epoch takes about a
 * millisecond and the checkpoint writes (three fsynced files per epoch) take most of the run's
 * time: most kills land in the middle of a write. What the child prints goes to
 * {@code target/surefire-reports/...CrashTest-output.txt}: the kill count and what each kill left.
 */
class CrashTest {
    private static final long SEED = 16;
    private static final int KILLS = 20;
    /** The whole kill loop must finish within this, or the test fails (JVM start-up is most of it). */
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(100);
    private static final String MODEL = """
            {"input": [64], "layers": [{"type": "dense", "units": 10}], "loss": "softmax-cross-entropy",
             "optimizer": {"type": "momentum", "learningRate": 0.05, "momentum": 0.9},
             "batchSize": 16, "epochs": 1000000, "seed": 42}
            """;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void everyCheckpointLeftBySigkillLoadsAndResumes() throws Exception {
        Path model = Files.writeString(dir.resolve("tiny.json"), MODEL);
        Path checkpoints = dir.resolve("checkpoints");
        Path last = checkpoints.resolve("last.nnj");
        Random random = new Random(SEED);
        long started = System.nanoTime();
        int leftTemporaries = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            assertTrue(System.nanoTime() - started < BUDGET_NANOS, "the kill loop took over 100 s; " + (kill - 1) + " kills");
            Object before = key(last);
            int waitMillis = 50 + random.nextInt(551);
            List<String> args = new ArrayList<>(List.of("train"));
            args.addAll(before == null ? List.of("--model", model.toString()) : List.of("--resume", last.toString()));
            args.addAll(List.of("--data", "digits", "--checkpoint-dir", checkpoints.toString()));
            Path stderr = dir.resolve("stderr-" + kill + ".txt");
            Process child = fork(args, stderr);
            try {
                awaitNewCheckpoint(child, last, before, stderr);
                Thread.sleep(waitMillis);
                assertTrue(child.isAlive(), "the run ended before it was killed: " + Files.readString(stderr));
            } finally {
                child.destroyForcibly();
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "a killed JVM did not end");
            if (!System.getProperty("os.name").startsWith("Windows")) {
                assertEquals(128 + 9, child.exitValue(), "destroyForcibly() is SIGKILL");
            }
            List<Path> temporaries = temporaries(checkpoints);
            List<Path> nnj = checkpointsIn(checkpoints);
            for (Path file : nnj) {
                ModelArchive.Contents contents = ModelArchive.read(file);
                assertNotNull(contents.training(), file + " holds a training state");
            }
            int epoch = ModelArchive.read(last).training().epoch();
            System.out.printf("kill %2d after %3d ms: last.nnj at epoch %5d, %d checkpoints load, temporaries %s%n",
                    kill, waitMillis, epoch, nnj.size(), names(temporaries));
            leftTemporaries += temporaries.isEmpty() ? 0 : 1;
            // the run writes one file at a time: one temporary of its own at most, none of earlier runs
            assertTrue(temporaries.size() <= 1, "temporaries pile up after kill " + kill + ": " + names(temporaries));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%d kills (SIGKILL) in %.1f s; %d of them left a partial temporary file%n", KILLS, seconds,
                leftTemporaries);

        // every checkpoint left resumes: the epoch files and best.nnj for one epoch without checkpoints,
        // last.nnj in its own directory, which must then hold no temporary file
        for (Path file : checkpointsIn(checkpoints)) {
            if (!file.equals(last)) {
                int epoch = ModelArchive.read(file).training().epoch();
                CliRun run = CliRun.run("train", "--resume", file.toString(), "--data", "digits", "--epochs",
                        String.valueOf(epoch + 1));
                assertEquals(0, run.exitCode(), file + ": " + run.err());
            }
        }
        int epoch = ModelArchive.read(last).training().epoch();
        CliRun resumed = CliRun.run("train", "--resume", last.toString(), "--data", "digits", "--epochs",
                String.valueOf(epoch + 2), "--checkpoint-dir", checkpoints.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(epoch + 2, ModelArchive.read(last).training().epoch(), "the resumed run went on from last.nnj");
        assertEquals(List.of(), names(temporaries(checkpoints)), "the resumed run removed the stale temporaries");
    }

    /** Starts {@code nnj train ...} in a JVM of its own: this JVM's java and class path. */
    private static Process fork(List<String> args, Path stderr) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // -Dnnj.relaunch=false: the JVM killed must be the one training, not a launcher in front of it
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dnnj.relaunch=false", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile()).start();
    }

    /** Waits until the child has replaced {@code last} (a new checkpoint), failing if it ends first. */
    private static void awaitNewCheckpoint(Process child, Path last, Object before, Path stderr)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Objects.equals(key(last), before)) {
            if (!child.isAlive()) {
                fail("the run ended with " + child.exitValue() + " before its first checkpoint: " + Files.readString(stderr));
            }
            if (System.nanoTime() > deadline) {
                fail("no checkpoint within 30 s: " + Files.readString(stderr));
            }
            Thread.sleep(5);
        }
    }

    /** The identity of a file's current version: a rename over it gives a new inode (and time). */
    private static Object key(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(String.valueOf(a.fileKey()), a.lastModifiedTime());
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    /** The checkpoints: what {@code *.nnj} matches (AtomicFiles' temporaries end in .tmp). */
    private static List<Path> checkpointsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".nnj")).sorted().toList();
        }
    }

    private static List<Path> temporaries(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).sorted().toList();
        }
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }
}
