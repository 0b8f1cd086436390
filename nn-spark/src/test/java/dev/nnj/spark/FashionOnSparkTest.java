package dev.nnj.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.data.DataSet;
import dev.nnj.core.data.IdxReader;
import dev.nnj.core.eval.Evaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Fashion-MNIST model (models/fashion-mlp.json) trained on local[2] by parameter averaging. */
@Tag("long") // run by mvn verify -Plong (and CI), not by the default mvn verify
class FashionOnSparkTest {

    @Test
    void reachesEightySevenPercentOnLocalTwo() throws Exception {
        Path dir = Path.of(System.getProperty("nnj.shared.data", "../../shared/data")).resolve("fashion-mnist");
        DataSet train = IdxReader.read(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));
        DataSet test = IdxReader.read(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
        String model = Files.readString(Path.of("..", "models", "fashion-mlp.json"));
        JavaSparkContext spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("nnj-fashion")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        try {
            SparkTrainer trainer = new SparkTrainer(spark, model);
            List<EpochStats> stats = trainer.trainAveraging(
                    spark.parallelize(SparkTrainerTest.examples(train, 10), 2), 10, 8);
            double accuracy = new Evaluator(trainer.model().model(), trainer.model().loss(), 256).evaluate(test).accuracy();
            System.out.println("fashion on local[2], averaging every 8 steps: test accuracy " + accuracy + "; " + stats);
            assertTrue(accuracy >= 0.87, "test accuracy " + accuracy);
        } finally {
            spark.stop();
        }
    }
}
