package dev.nnj.spark;

import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.data.IdxReader;
import dev.nnj.core.json.ModelArchive;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.train.EpochResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A benchmark, not a test (run by {@code bench/spark.sh}): trains the Fashion-MNIST model of
 * {@code models/fashion-mlp.json} on {@code local[1]} and {@code local[2]} (one partition per
 * thread), synchronous at two batch sizes and by parameter averaging, and prints for the second
 * epoch of each run the samples per second and the share of time in the gradient exchange, then
 * one JSON line. A single-machine {@code Trainer} on one thread is the baseline.
 *
 * <p>Usage: {@code SparkBench FASHION_DIR MODEL_JSON [EXAMPLES [RUN]]}, RUN a part of a run's name
 * ({@code "sync batch 128"}) to run only those; Spark settings come as {@code -Dspark.*} properties.
 */
public final class SparkBench {
    private SparkBench() {
    }

    private record Run(String mode, int batch, int localSteps) {
        String name() {
            return mode + " batch " + batch + (mode.equals("averaging") ? " k " + localSteps : "");
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String model = Files.readString(Path.of(args[1]));
        int examples = args.length > 2 ? Integer.parseInt(args[2]) : 15_360;
        DataSet all = IdxReader.read(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));
        int[] rows = new int[Math.min(examples, all.size())];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        DataSet train = all.subset(rows, "benchmark");
        List<Example> rdd = SparkData.examples(train, new Targets(10, true));
        List<Run> runs = List.of(new Run("sync", 128, 1), new Run("sync", 1024, 1), new Run("averaging", 128, 8));
        List<String> json = new ArrayList<>();
        for (Run run : runs) {
            if (args.length > 3 && !run.name().contains(args[3])) {
                continue;
            }
            String json1 = withBatch(model, run.batch());
            EpochResult single = singleMachine(json1, train);
            System.out.printf(Locale.ROOT, "%-24s single machine (Trainer, 1 thread): %,8.0f samples/s%n", run.name(),
                    single.samplesPerSecond());
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "{\"run\": \"%s\", \"examples\": %d, \"singleMachineSamplesPerSecond\": %.0f", run.name(), rows.length,
                    single.samplesPerSecond()));
            for (int threads : new int[] {1, 2}) {
                EpochStats s = onSpark(json1, rdd, run, threads);
                System.out.printf(Locale.ROOT, "%-24s local[%d]: %s%n", run.name(), threads, s.describe());
                line.append(String.format(Locale.ROOT, ", \"local%d\": {\"samplesPerSecond\": %.0f, \"seconds\": %.3f, "
                        + "\"computeSeconds\": %.3f, \"exchangeSeconds\": %.3f, \"exchangeShare\": %.3f}", threads,
                        s.samplesPerSecond(), s.seconds(), s.computeSeconds(), s.exchangeSeconds(), s.exchangeShare()));
            }
            json.add(line.append('}').toString());
        }
        System.out.println("[" + String.join(", ", json) + "]");
    }

    private static String withBatch(String model, int batch) {
        return new String(ModelArchive.modelJson(ModelFileReader.read(model, "model").withBatchSize(batch)),
                StandardCharsets.UTF_8);
    }

    /** @return the second of two epochs of plain single-machine training */
    private static EpochResult singleMachine(String model, DataSet train) {
        AssembledModel m = NnRuntime.discover().assemble(ModelFileReader.read(model, "model").withEpochs(2));
        return m.trainer().fit(train, null).get(1);
    }

    /** @return the second of two epochs on local[threads] with one partition per thread */
    private static EpochStats onSpark(String model, List<Example> data, Run run, int threads) {
        JavaSparkContext spark = new JavaSparkContext(new SparkConf().setMaster("local[" + threads + "]")
                .setAppName("nnj-bench").set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        try {
            SparkTrainer trainer = new SparkTrainer(spark, model);
            var rdd = spark.parallelize(data, threads);
            List<EpochStats> stats = run.mode().equals("sync") ? trainer.train(rdd, 2)
                    : trainer.trainAveraging(rdd, 2, run.localSteps());
            return stats.get(1);
        } finally {
            spark.stop();
        }
    }
}
