package dev.nnj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.CsvReader;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.eval.Evaluator;
import dev.nnj.core.random.Seeds;
import org.apache.spark.sql.SparkSession;

import dev.nnj.core.eval.Evaluation;
import dev.nnj.core.json.ModelArchive;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point on local[2], from CSV and from Parquet, saving models plain nnj loads. */
@Tag("long") // run by mvn verify -Plong (and CI), not by the default mvn verify
class SparkMainTest {

    /** @return the digits' training split with pixels scaled to [0, 1], as a CSV file (csv: takes values as they are) */
    static Path digitsCsv(Path dir) throws java.io.IOException {
        StringBuilder csv = new StringBuilder();
        var data = SparkTrainerTest.digits();
        for (int i = 0; i < data.size(); i++) {
            for (double v : data.features().row(i)) {
                csv.append(v).append(',');
            }
            csv.append(data.label(i)).append('\n');
        }
        return Files.writeString(dir.resolve("digits.csv"), csv);
    }

    @Test
    void trainsOnLocalTwoAndSavesAModelPlainNnjLoads(@TempDir Path dir) throws Exception {
        Path digits = digitsCsv(dir);
        Path model = Files.writeString(dir.resolve("m.json"), SparkTrainerTest.MODEL);
        Path saved = dir.resolve("m.nnj");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Evaluation e = SparkMain.run(new String[] {"--model", model.toString(), "--data", "csv:" + digits,
            "--test-data", "csv:" + digits, "--epochs", "10", "--mode", "averaging", "--local-steps", "4",
            "--partitions", "2", "--master", "local[2]", "--save", saved.toString()},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("epoch 10  train loss"), out);
        assertTrue(e.accuracy() > 0.9, out);
        ModelArchive.Contents contents = ModelArchive.read(saved);
        assertTrue(contents.weights().containsKey("layers.0.weight"));
    }

    /** Parquet files read by Spark on the executors, synchronous SGD, evaluation on the executors, a model plain nnj loads. */
    @Test
    void trainsSynchronouslyFromParquetAndPlainNnjAgreesOnTheTestAccuracy(@TempDir Path dir) throws Exception {
        Path file = Path.of(System.getProperty("nnj.shared.data", "../../shared/data")).resolve("digits/digits.csv.gz");
        DataSet all = CsvReader.read(file, true);
        double[] x = all.features().data();
        for (int i = 0; i < x.length; i++) {
            x[i] /= 16.0;
        }
        DataSet.Split split = all.split(360, Seeds.stream(1, "split"));
        SparkSession spark = SparkSession.builder().master("local[2]").appName("nnj-main-test")
                .config("spark.ui.enabled", "false").getOrCreate();
        Path train = SparkDataTest.parquet(spark, dir.resolve("train.parquet"), split.train());
        Path test = SparkDataTest.parquet(spark, dir.resolve("test.parquet"), split.test());
        Path model = Files.writeString(dir.resolve("m.json"), SparkTrainerTest.MODEL);
        Path saved = dir.resolve("m.nnj");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Evaluation e = SparkMain.run(new String[] {"--model", model.toString(), "--data", "parquet:" + train,
            "--test-data", "parquet:" + test, "--epochs", "5", "--mode", "sync", "--master", "local[2]",
            "--save", saved.toString()}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.println("SparkMain from Parquet, sync:\n" + out);
        // Every epoch: its time and where it went, then the test figures of the model so far.
        assertTrue(out.matches("(?s).*epoch 5  train loss [0-9.]+  [0-9.]+ s \\(compute [0-9.]+ s, exchange [0-9.]+ s = "
                + "[0-9]+%, driver [0-9.]+ s\\)  [0-9,]+ samples/s  test loss [0-9.]+  test accuracy [0-9.]+\n.*"), out);
        assertEquals(5, out.lines().filter(l -> l.startsWith("epoch ") && l.contains("test accuracy")).count(), out);
        assertTrue(e.accuracy() >= 0.93, out);
        assertEquals(360, e.examples());
        AssembledModel loaded = ModelArchive.load(saved, NnRuntime.discover().assembler());
        Evaluation plain = new Evaluator(loaded.model(), loaded.loss(), 256).evaluate(split.test());
        assertEquals(plain.accuracy(), e.accuracy(), 0.0, out);
    }
}
