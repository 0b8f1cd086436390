package dev.nnj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.UnknownComponentException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third party's extension jar reaches the executors the way Spark ships any jar ({@code --jars},
 * here {@code addJar}), and each executor finds it with ServiceLoader on the task's class loader.
 * The jar is compiled here, so it is on no class path but the driver's and the executors'.
 */
class ExtensionOnExecutorsTest {
    private static final String SOURCE = """
            package testext;

            import dev.nnj.api.Activation;
            import dev.nnj.api.Tensor;
            import dev.nnj.api.spi.ActivationProvider;
            import dev.nnj.api.spi.BuildContext;
            import dev.nnj.api.spi.Config;
            import dev.nnj.api.spi.NnExtension;
            import java.util.List;

            public final class Ext implements NnExtension {
                @Override
                public List<ActivationProvider> activations() {
                    return List.of(new ActivationProvider() {
                        @Override
                        public String type() {
                            return "testext.softsign";
                        }

                        @Override
                        public Activation create(Config config, BuildContext context) {
                            return new Activation() {
                                @Override
                                public void forward(Tensor z, Tensor a) {
                                    for (int i = 0; i < z.size(); i++) {
                                        a.data()[i] = z.data()[i] / (1 + Math.abs(z.data()[i]));
                                    }
                                }

                                @Override
                                public void backward(Tensor z, Tensor a, Tensor gradA, Tensor gradZ) {
                                    for (int i = 0; i < z.size(); i++) {
                                        double d = 1 + Math.abs(z.data()[i]);
                                        gradZ.data()[i] = gradA.data()[i] / (d * d);
                                    }
                                }
                            };
                        }
                    });
                }
            }
            """;

    private static final String MODEL = SparkTrainerTest.MODEL.replace("\"relu\"", "\"testext.softsign\"");

    static Path buildJar(Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/testext")).resolve("Ext.java");
        Files.writeString(src, SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d",
                classes.toString(), src.toString());
        assertEquals(0, rc, "javac");
        Path jar = dir.resolve("testext.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
            }
            out.putNextEntry(new JarEntry("META-INF/services/dev.nnj.api.spi.NnExtension"));
            out.write("testext.Ext\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    @Test
    void executorsFindAnExtensionShippedAsASparkJar(@TempDir Path dir) throws Exception {
        Path jar = buildJar(dir);
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        JavaSparkContext spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("nnj-ext")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        try (URLClassLoader driver = new URLClassLoader(new URL[] {jar.toUri().toURL()}, before)) {
            // The driver sees the jar (spark-submit --jars puts it on the driver's class path too).
            Thread.currentThread().setContextClassLoader(driver);
            List<Example> data = SparkTrainerTest.examples(SparkTrainerTest.digits(), 10);

            // Not shipped to the executors: they cannot build the model, and say which id is missing.
            SparkTrainer unshipped = new SparkTrainer(spark, MODEL);
            UnknownComponentException e = assertThrows(UnknownComponentException.class,
                    () -> unshipped.trainAveraging(spark.parallelize(data, 2), 1, 4));
            assertTrue(e.getMessage().contains("testext.softsign"), e.getMessage());

            spark.addJar(jar.toString());
            SparkTrainer shipped = new SparkTrainer(spark, MODEL);
            List<EpochStats> stats = shipped.trainAveraging(spark.parallelize(data, 2), 3, 4);
            assertTrue(stats.get(2).trainLoss() < stats.get(0).trainLoss(), stats.toString());
        } finally {
            Thread.currentThread().setContextClassLoader(before);
            spark.stop();
        }
    }
}
