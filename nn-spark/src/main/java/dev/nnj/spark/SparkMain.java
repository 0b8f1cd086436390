package dev.nnj.spark;

import dev.nnj.api.NnException;
import dev.nnj.core.data.CsvReader;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.data.IdxReader;
import dev.nnj.core.eval.Evaluation;
import dev.nnj.core.eval.Evaluator;
import dev.nnj.core.json.ModelArchive;
import dev.nnj.core.json.ModelFileReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The {@code spark-submit} entry point:
 *
 * <pre>
 * spark-submit --class dev.nnj.spark.SparkMain nn-spark.jar --model M.json --data idx:IMAGES,LABELS|csv:FILE
 *     [--test-data ...] [--epochs N] [--batch-size B] [--mode sync|averaging] [--local-steps K]
 *     [--partitions P] [--save M.nnj] [--master local[N]]
 * </pre>
 *
 * This first version reads the data on the driver with nnj's readers and distributes it with
 * {@code parallelize}; {@code --master} is for trying it without a cluster ({@code local[2]}).
 */
public final class SparkMain {
    private SparkMain() {
    }

    public static void main(String[] args) {
        try {
            run(args, System.out);
        } catch (NnException | IllegalArgumentException e) {
            System.err.println("nnj-spark: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Parses {@code args}, trains, prints one line per epoch and the test result; @return the test evaluation or null */
    public static Evaluation run(String[] args, PrintStream out) {
        Map<String, String> options = parse(args);
        String modelFile = require(options, "--model");
        String modelJson;
        try {
            modelJson = Files.readString(Path.of(modelFile));
        } catch (IOException e) {
            throw new NnException("Cannot read model file " + modelFile + ": " + e.getMessage(), e);
        }
        var spec = ModelFileReader.read(modelJson, modelFile);
        int epochs = Integer.parseInt(options.getOrDefault("--epochs", Integer.toString(spec.epochs())));
        if (options.containsKey("--batch-size")) {
            modelJson = withBatchSize(modelJson, Integer.parseInt(options.get("--batch-size")));
        }
        String mode = options.getOrDefault("--mode", "sync");
        if (!mode.equals("sync") && !mode.equals("averaging")) {
            throw new IllegalArgumentException("--mode: expected sync or averaging; got '" + mode + "'.");
        }
        DataSet train = read(require(options, "--data"));
        DataSet test = options.containsKey("--test-data") ? read(options.get("--test-data")) : null;
        SparkConf conf = new SparkConf().setAppName("nnj");
        if (options.containsKey("--master")) {
            conf.setMaster(options.get("--master")).set("spark.ui.enabled", "false");
        }
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            SparkTrainer trainer = new SparkTrainer(spark, modelJson);
            int classes = trainer.model().model().outputShape().size();
            int partitions = Integer.parseInt(options.getOrDefault("--partitions",
                    Integer.toString(spark.defaultParallelism())));
            var rdd = spark.parallelize(examples(train, classes), partitions);
            List<EpochStats> stats = mode.equals("sync") ? trainer.train(rdd, epochs)
                    : trainer.trainAveraging(rdd, epochs, Integer.parseInt(options.getOrDefault("--local-steps", "8")));
            for (EpochStats s : stats) {
                out.println(s.describe());
            }
            Evaluation result = null;
            if (test != null) {
                result = new Evaluator(trainer.model().model(), trainer.model().loss(), 256).evaluate(test);
                out.printf(Locale.ROOT, "test loss %.4f, test accuracy %.4f on %,d examples%n", result.loss(),
                        result.accuracy(), result.examples());
            }
            if (options.containsKey("--save")) {
                ModelArchive.save(Path.of(options.get("--save")), ModelFileReader.read(modelJson, modelFile),
                        trainer.model().model());
                out.println("saved " + options.get("--save"));
            }
            return result;
        }
    }

    private static String withBatchSize(String json, int batchSize) {
        var spec = ModelFileReader.read(json, "model").withBatchSize(batchSize);
        return new String(ModelArchive.modelJson(spec), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static DataSet read(String spec) {
        if (spec.startsWith("csv:")) {
            return CsvReader.read(Path.of(spec.substring(4)), true);
        }
        if (spec.startsWith("idx:")) {
            String[] files = spec.substring(4).split(",", -1);
            if (files.length == 2) {
                return IdxReader.read(Path.of(files[0]), Path.of(files[1]));
            }
        }
        throw new IllegalArgumentException("--data " + spec + ": expected idx:IMAGES,LABELS or csv:FILE.");
    }

    static List<Example> examples(DataSet data, int classes) {
        List<Example> out = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            double[] target = new double[classes];
            target[data.label(i)] = 1;
            out.add(new Example(data.features().row(i), target));
        }
        return out;
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
