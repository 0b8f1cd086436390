package dev.nnj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.eval.Evaluator;
import dev.nnj.core.json.ModelArchive;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target/nnj-spark.jar} submitted as a Spark application: a new JVM runs Spark's own
 * {@code org.apache.spark.deploy.SparkSubmit} (what the {@code spark-submit} script runs) on a
 * class path of Spark and its libraries only — none of nnj's classes, EJML or netlib but those in
 * the application jar — with {@code --master local[2]}. The model it saves loads in plain nnj.
 */
class SparkSubmitIT {

    @Test
    void theApplicationJarTrainsUnderSparkSubmit(@TempDir Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("nnj.spark.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " missing: run mvn verify (the jar is built in package)");
        DataSet digits = SparkTrainerTest.digits();
        Path data = SparkMainTest.digitsCsv(dir);
        Path model = Files.writeString(dir.resolve("m.json"), SparkTrainerTest.MODEL);
        Path saved = dir.resolve("m.nnj");

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(System.getProperty("nnj.spark.add-opens").trim().split("\\s+")));
        command.addAll(List.of("-cp", sparkOnlyClassPath(), "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                "--class", "dev.nnj.spark.SparkMain", jar.toString(),
                "--model", model.toString(), "--data", "csv:" + data, "--test-data", "csv:" + data,
                "--mode", "averaging", "--local-steps", "4", "--epochs", "10", "--save", saved.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile());
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "spark-submit did not finish in 5 minutes");
        String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        String ours = out.lines().filter(l -> l.startsWith("epoch ") || l.startsWith("final: ") || l.startsWith("saved "))
                .collect(Collectors.joining("\n"));
        System.out.println("spark-submit:\n" + ours);
        assertEquals(0, p.exitValue(), out);
        assertTrue(ours.contains("epoch 10  train loss"), out);

        AssembledModel loaded = ModelArchive.load(saved, NnRuntime.discover().assembler());
        double accuracy = new Evaluator(loaded.model(), loaded.loss(), 256).evaluate(digits).accuracy();
        assertTrue(accuracy >= 0.93, "accuracy of the saved model on its training data " + accuracy);
        assertTrue(ours.contains(String.format(java.util.Locale.ROOT, "test accuracy %.4f", accuracy)), ours);
    }

    /** This JVM's class path without what the application jar carries: nnj, EJML, netlib. */
    private static String sparkOnlyClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("/target/") && !e.contains("/dev/nnj/") && !e.contains("/org/ejml/")
                        && !e.contains("/dev/ludovic/"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
