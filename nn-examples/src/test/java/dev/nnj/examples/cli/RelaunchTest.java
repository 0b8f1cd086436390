package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line started as {@code java -cp CLASSPATH dev.nnj.examples.cli.Main} (as
 * {@code java -jar nnj.jar} does), in an environment without OpenBLAS's variables: it starts itself
 * again with the Vector API and, where OpenBLAS is installed, OpenBLAS on one thread, without the
 * JVM's incubator warning; {@code -Dnnj.relaunch.verbose=true} makes the child say what it runs
 * with. A SIGTERM to the first JVM ends the second; so does a SIGKILL, a little later.
 */
class RelaunchTest {
    private static final String WARNING = "WARNING: Using incubator modules";
    private static final String TINY = """
            {"input": [64], "layers": [{"type": "dense", "units": 10}], "loss": "softmax-cross-entropy",
             "optimizer": {"type": "momentum", "learningRate": 0.05, "momentum": 0.9},
             "batchSize": 16, "epochs": 1000000, "seed": 42}
            """;

    @TempDir
    Path dir;

    /** @return {@code nnj ARGS} in a JVM of its own, with nothing of the settings in its environment */
    private static ProcessBuilder nnj(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dnnj.relaunch.verbose=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        for (String variable : List.of("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_CORETYPE", "NNJ_RELAUNCH",
                "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
            builder.environment().remove(variable);
        }
        builder.environment().putAll(env);
        return builder;
    }

    private record Run(int exitCode, String out, String err, long pid) {
    }

    private Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = nnj(env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "nnj did not end");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err), p.pid());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void plainJavaStartsItselfAgainWithTheVectorModuleAndOpenBlasOnOneThreadWithoutTheWarning() throws Exception {
        Run run = run(Map.of(), "--version");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("nnj "), run.out());
        assertFalse(run.err().contains(WARNING), run.err());
        assertTrue(run.err().contains("nnj: relaunch: relaunched by " + run.pid() + "; jdk.incubator.vector loaded"),
                run.err());
        Optional<OpenBlasLibrary> openBlas = OpenBlasLibrary.find(System::getProperty, System.getenv());
        String threads = openBlas.isPresent() ? "OPENBLAS_NUM_THREADS=1, OMP_NUM_THREADS=1"
                : "OPENBLAS_NUM_THREADS unset, OMP_NUM_THREADS unset";
        assertTrue(run.err().contains(threads), openBlas + ": " + run.err());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void nnjRelaunch0RunsInThisJvm() throws Exception {
        Run run = run(Map.of("NNJ_RELAUNCH", "0"), "--version");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("nnj: relaunch: in this JVM: switched off by NNJ_RELAUNCH=0\n", run.err());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sigtermToTheFirstJvmEndsTheSecondAndSigkillToo() throws Exception {
        Path model = Files.writeString(dir.resolve("tiny.json"), TINY);
        for (boolean forcibly : new boolean[] {false, true}) {
            Process parent = nnj(Map.of(), "train", "--model", model.toString(), "--data", "digits", "--progress",
                    "none").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
            assertNotNull(out.readLine(), "training printed nothing"); // it is training
            ProcessHandle child = parent.toHandle().children().findFirst().orElseThrow();
            if (forcibly) {
                parent.destroyForcibly();
                assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
                child.onExit().get(20, TimeUnit.SECONDS); // the child polls for its parent
            } else {
                parent.destroy();
                assertTrue(parent.waitFor(20, TimeUnit.SECONDS));
                assertEquals(128 + 15, parent.exitValue(), "SIGTERM");
                assertFalse(child.isAlive(), "the parent waited for its child");
            }
            out.close();
        }
    }
}
