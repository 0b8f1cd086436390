package dev.nnj.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input suite: {@link HostileInputs} run in a JVM of its own with a 256 MB heap, so that
 * an input that makes nnj allocate too much fails here as an {@code OutOfMemoryError} instead of
 * passing on a large heap. Seeded: a failure names the reader, case, seed and mutation, and the
 * command that runs it alone.
 */
class HostileInputTest {
    private static final long SEED = 2026;
    private static final int CASES = 300;
    private static final long TIMEOUT_SECONDS = 150;

    @TempDir
    Path dir;

    @Test
    void everyFailureOfEveryReaderIsAnNnExceptionWithAMessageOnASmallHeap() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString());
        List<String> command = List.of(java, "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-Xshare:off", "-cp",
                System.getProperty("java.class.path"), HostileInputs.class.getName(), Long.toString(SEED),
                Integer.toString(CASES));
        Path out = dir.resolve("out.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        System.out.println(String.join("\n", lines));
        String rerun = "run one case alone: java -Xmx256m -cp <test classpath> " + HostileInputs.class.getName() + " "
                + SEED + " " + CASES + " READER CASE";
        if (!finished) {
            fail("the hostile inputs did not finish in " + TIMEOUT_SECONDS + " s; last lines:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) + "\n" + rerun);
        }
        String failures = lines.stream().filter(l -> l.startsWith("FAIL")).collect(Collectors.joining("\n"));
        assertTrue(failures.isEmpty(), "inputs that did not fail as an NnException with a message:\n" + failures + "\n"
                + rerun);
        assertEquals(0, process.exitValue(), "exit code; output:\n" + String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("DONE " + 6 * CASES + " cases")),
                "every case ran; output:\n" + String.join("\n", lines));
    }
}
