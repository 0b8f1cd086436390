package dev.nnj.spark;

import dev.nnj.api.NnException;
import dev.nnj.core.eval.Evaluation;
import dev.nnj.core.json.ModelArchive;
import dev.nnj.core.json.ModelFileReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code spark-submit} entry point:
 *
 * <pre>
 * spark-submit --class dev.nnj.spark.SparkMain nn-spark.jar --model M.json --data SOURCE [--test-data SOURCE]
 *     [--label-column NAME] [--features-column NAME] [--epochs N] [--batch-size B] [--drop-last true|false]
 *     [--mode sync|averaging] [--local-steps K] [--partitions P] [--save M.nnj] [--master local[N]]
 * </pre>
 *
 * SOURCE is {@code parquet:PATH}, {@code csv:PATH} (read by Spark on the executors) or
 * {@code idx:IMAGES,LABELS} (read on the driver); see {@link SparkData}. The test data is evaluated
 * where it is, on the executors. {@code --master} is for trying it without a cluster
 * ({@code local[2]}).
 */
public final class SparkMain {
    private SparkMain() {
    }

    /**
     * Trains as {@code args} say; an {@link NnException} or a bad option is printed as one line,
     * {@code nnj-spark: message}, on standard error, and exits with code 1.
     *
     * @param args {@code --option value} pairs, as above
     */
    public static void main(String[] args) {
        try {
            run(args, System.out);
        } catch (NnException | IllegalArgumentException e) {
            System.err.println("nnj-spark: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Parses {@code args}, trains, prints one line per epoch and the test result, and saves the
     * model if asked; the Spark session is stopped at the end.
     *
     * @param args {@code --option value} pairs, as above
     * @param out where the epochs and the result are printed
     * @return the test evaluation after the last epoch, or {@code null} without {@code --test-data}
     * @throws IllegalArgumentException for a malformed or missing option
     * @throws NnException for a bad model file or data, or a failure on an executor
     */
    public static Evaluation run(String[] args, PrintStream out) {
        Map<String, String> options = parse(args);
        String modelFile = require(options, "--model");
        String fileJson;
        try {
            fileJson = Files.readString(Path.of(modelFile));
        } catch (IOException e) {
            throw new NnException("Cannot read model file " + modelFile + ": " + e.getMessage(), e);
        }
        var spec = ModelFileReader.read(fileJson, modelFile);
        int epochs = Integer.parseInt(options.getOrDefault("--epochs", Integer.toString(spec.epochs())));
        String sized = options.containsKey("--batch-size")
                ? withBatchSize(fileJson, Integer.parseInt(options.get("--batch-size"))) : fileJson;
        String modelJson = options.containsKey("--drop-last") ? withDropLast(sized, options.get("--drop-last")) : sized;
        String mode = options.getOrDefault("--mode", "sync");
        if (!mode.equals("sync") && !mode.equals("averaging")) {
            throw new IllegalArgumentException("--mode: expected sync or averaging; got '" + mode + "'.");
        }
        int partitions = Integer.parseInt(options.getOrDefault("--partitions", "0"));
        var columns = new SparkData.Columns(options.get("--features-column"), options.get("--label-column"));
        SparkSession.Builder builder = SparkSession.builder().appName("nnj");
        if (options.containsKey("--master")) {
            builder.master(options.get("--master")).config("spark.ui.enabled", "false");
        }
        SparkSession session = builder.getOrCreate();
        try {
            return Failures.unwrapping(() -> train(session, modelJson, modelFile, options, columns, epochs, mode,
                    partitions, out));
        } finally {
            session.stop();
        }
    }

    private static Evaluation train(SparkSession session, String modelJson, String modelFile, Map<String, String> options,
            SparkData.Columns columns, int epochs, String mode, int partitions, PrintStream out) {
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        SparkTrainer trainer = new SparkTrainer(spark, modelJson);
        var rdd = SparkData.read(session, require(options, "--data"), columns, trainer.model(), partitions);
        var test = options.containsKey("--test-data")
                ? SparkData.read(session, options.get("--test-data"), columns, trainer.model(), 0).cache() : null;
        Evaluation[] last = new Evaluation[1];
        SparkTrainer.EpochListener report = stats -> {
            out.print(stats.describe());
            if (test != null) {
                // Not part of the epoch's time: evaluated after it, where the test data lies.
                last[0] = SparkEvaluator.evaluate(spark, test, modelJson, trainer.model());
                out.print("  " + describe(last[0]));
            }
            out.println();
        };
        if (mode.equals("sync")) {
            trainer.train(rdd, epochs, report);
        } else {
            trainer.trainAveraging(rdd, epochs, Integer.parseInt(options.getOrDefault("--local-steps", "8")), report);
        }
        Evaluation result = last[0];
        if (result != null) {
            out.printf(Locale.ROOT, "final: %s on %,d test examples%n", describe(result), result.examples());
        }
        if (options.containsKey("--save")) {
            ModelArchive.save(Path.of(options.get("--save")), ModelFileReader.read(modelJson, modelFile),
                    trainer.model().model());
            out.println("saved " + options.get("--save"));
        }
        return result;
    }

    private static String describe(Evaluation e) {
        return String.format(Locale.ROOT, "test loss %.4f  test %s", e.loss(), e.isClassification()
                ? String.format(Locale.ROOT, "accuracy %.4f", e.accuracy())
                : String.format(Locale.ROOT, "mean absolute error %.4f", e.meanAbsoluteError()));
    }

    private static String withBatchSize(String json, int batchSize) {
        var spec = ModelFileReader.read(json, "model").withBatchSize(batchSize);
        return new String(ModelArchive.modelJson(spec), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String withDropLast(String json, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("--drop-last: expected true or false; got '" + value + "'.");
        }
        var spec = ModelFileReader.read(json, "model").withDropLast(Boolean.parseBoolean(value));
        return new String(ModelArchive.modelJson(spec), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs; got '" + args[i] + "'.");
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String v = options.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing " + name + ".");
        }
        return v;
    }
}
