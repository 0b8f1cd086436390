package dev.nnj.spark;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.Buffer;
import dev.nnj.api.DataException;
import dev.nnj.api.Parameter;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.data.Shuffle;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.random.Seeds;
import dev.nnj.core.train.TrainingOptions;
import dev.nnj.core.train.TrainingStep;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Synchronous data-parallel SGD on Spark. Every step the driver broadcasts the parameters and the
 * global indices of the step's mini-batch; each partition computes, with nnj's own backprop, the
 * gradient of the batch's examples it holds (scaled by its share k/B of the batch), the gradients are
 * summed with {@code treeAggregate}, and the driver clips the sum as the model file says
 * ({@code gradientClipNorm}, {@code gradientClipValue}) and applies the optimizer: the two halves
 * of one {@link TrainingStep}. The batches are those of single-machine training with the same seed
 * (each epoch's order comes from the seed and the epoch number; with {@code dropLast} the short
 * last batch is skipped alike), so the result equals {@link dev.nnj.core.train.Trainer}'s up to the
 * order of floating-point summation. A frozen layer ({@code "trainable": false}) is frozen on
 * Spark too: the driver's optimizer is attached to the trainable parameters only, so the summed
 * gradients of frozen ones are never applied.
 */
public final class SparkTrainer {
    private final JavaSparkContext spark;
    private final String modelJson;
    private final ModelSpec spec;
    private final AssembledModel model;
    /** The driver's half of a synchronous step: clipping and the optimizer step. */
    private final TrainingStep step;

    /** Called on the driver after every epoch, with the model as trained so far ({@link #model()}). */
    @FunctionalInterface
    public interface EpochListener {
        /**
         * Hears that an epoch has ended.
         *
         * @param stats the epoch's loss, time and throughput
         */
        void onEpoch(EpochStats stats);
    }

    /**
     * Builds the model on the driver, with the extensions on the driver's class path, and attaches
     * its optimizer (through the model's {@link AssembledModel#trainingStep()}).
     *
     * @param spark the context that runs the jobs
     * @param modelJson the model file's text; the model is built (and kept) on the driver
     * @throws NullPointerException if an argument is null
     * @throws dev.nnj.api.NnException if the model file is invalid, or asks for float32
     */
    public SparkTrainer(JavaSparkContext spark, String modelJson) {
        this.spark = requireNonNull(spark, "spark is null");
        this.modelJson = requireNonNull(modelJson, "modelJson is null");
        this.spec = ModelFileReader.read(modelJson, "model");
        if (spec.dtype() != dev.nnj.api.DType.F64) {
            throw new dev.nnj.api.ModelConfigException("model: \"dtype\": \"float32\" is not yet trained by nn-spark, "
                    + "which exchanges parameters as float64; train it with \"dtype\": \"float64\" (or leave dtype "
                    + "out), or on one machine with nnj train.");
        }
        this.model = NnRuntime.discover().assemble(spec);
        this.step = model.trainingStep();
    }

    /**
     * The model being trained, e.g. to evaluate or save it after an epoch.
     *
     * @return the model on the driver, trained by {@link #train}
     */
    public AssembledModel model() {
        return model;
    }

    /**
     * Trains epochs 1 to {@code epochs} on {@code data}.
     *
     * @param data the training examples, on the executors; sharded and cached for the run
     * @param epochs the number of epochs, from 1
     * @return one figure per epoch
     * @throws dev.nnj.api.NnException an executor's (bad data, say), not Spark's wrapper around it
     */
    public List<EpochStats> train(JavaRDD<Example> data, int epochs) {
        return train(data, epochs, stats -> { });
    }

    /**
     * As {@link #train(JavaRDD, int)}, telling {@code listener} after every epoch.
     *
     * @param data the training examples, on the executors; sharded and cached for the run
     * @param epochs the number of epochs, from 1
     * @param listener called on the driver after every epoch
     * @return one figure per epoch
     * @throws DataException if the model's {@code dropLast} is on and the data make no full batch
     * @throws dev.nnj.api.NnException an executor's (bad data, say), not Spark's wrapper around it
     */
    public List<EpochStats> train(JavaRDD<Example> data, int epochs, EpochListener listener) {
        return Failures.unwrapping(() -> trainSync(data, epochs, listener));
    }

    private List<EpochStats> trainSync(JavaRDD<Example> data, int epochs, EpochListener listener) {
        Shards sharded = Shards.of(data);
        JavaRDD<Shard> shards = sharded.rdd();
        long count = sharded.examples();
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("more than 2^31 examples: not supported yet");
        }
        int n = (int) count;
        TrainingOptions options = model.training();
        int batchSize = options.batchSize();
        int batches = options.batches(n);
        long trained = options.trainedExamples(n);
        List<Parameter> params = model.model().parameters();
        List<Buffer> buffers = model.model().buffers();
        int total = Flat.size(params);
        int head = total + Flat.bufferSize(buffers);
        adapt(data, batchSize);
        int[] order = new int[n];
        List<EpochStats> stats = new ArrayList<>();
        int slots = slots(shards);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Shuffle.shuffle(order, Seeds.stream(spec.seed(), "shuffle:epoch:" + epoch));
            EpochClock clock = new EpochClock(slots);
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * batchSize;
                long[] batch = new long[Math.min(batchSize, n - from)];
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = order[from + i];
                }
                long sparkStart = clock.sparkStart();
                Broadcast<double[]> values = spark.broadcast(withBuffers(params, buffers, total, head));
                double[] sum = step(shards, modelJson, values, batch, head);
                values.destroy();
                clock.sparkDone(sparkStart, sum[head + 2], sum[head + 3]);
                Flat.readGradients(sum, params);
                if (Double.isFinite(sum[head])) {
                    // As on one machine: no update when the loss is not finite. The buffers become the
                    // shards' buffers weighted by their share of the batch.
                    Flat.readBuffers(sum, total, buffers);
                    step.update();
                }
                lossSum += sum[head] * batch.length;
            }
            stats.add(clock.stats(epoch, lossSum / trained, trained));
            listener.onEpoch(stats.get(stats.size() - 1));
        }
        shards.unpersist();
        return stats;
    }

    /**
     * Parameter averaging, as DL4J's {@code ParameterAveragingTrainingMaster}: each round the driver
     * broadcasts parameters and optimizer state, every partition runs {@code localSteps} mini-batch
     * steps on its own examples, and the driver averages the partitions' parameters and optimizer
     * states (a frozen layer's parameters, which no partition changes, are kept, not averaged, so
     * they stay bit-identical; they have no optimizer state). An epoch is as many rounds as the
     * largest partition needs to see all its examples once. One exchange per {@code localSteps} steps instead of one per step: cheaper on a network, but
     * not equal to single-machine training. Each local step clips as the model file says; with
     * {@code dropLast}, each partition skips its short last batch.
     *
     * @param data the training examples, on the executors; sharded and cached for the run
     * @param epochs the number of epochs, from 1
     * @param localSteps the mini-batch steps each partition takes between two averagings, &gt;= 1
     * @return one figure per epoch
     * @throws IllegalArgumentException if {@code localSteps} is below 1
     * @throws dev.nnj.api.NnException an executor's (bad data, say), not Spark's wrapper around it
     */
    public List<EpochStats> trainAveraging(JavaRDD<Example> data, int epochs, int localSteps) {
        if (localSteps < 1) {
            throw new IllegalArgumentException("localSteps must be >= 1; got " + localSteps + ".");
        }
        return trainAveraging(data, epochs, localSteps, stats -> { });
    }

    /**
     * As {@link #trainAveraging(JavaRDD, int, int)}, telling {@code listener} after every epoch.
     *
     * @param data the training examples, on the executors; sharded and cached for the run
     * @param epochs the number of epochs, from 1
     * @param localSteps the mini-batch steps each partition takes between two averagings, &gt;= 1
     * @param listener called on the driver after every epoch
     * @return one figure per epoch
     * @throws IllegalArgumentException if {@code localSteps} is below 1
     * @throws DataException if the model's {@code dropLast} is on and no partition holds a full batch
     * @throws dev.nnj.api.NnException an executor's (bad data, say), not Spark's wrapper around it
     */
    public List<EpochStats> trainAveraging(JavaRDD<Example> data, int epochs, int localSteps, EpochListener listener) {
        if (localSteps < 1) {
            throw new IllegalArgumentException("localSteps must be >= 1; got " + localSteps + ".");
        }
        return Failures.unwrapping(() -> average(data, epochs, localSteps, listener));
    }

    private List<EpochStats> average(JavaRDD<Example> data, int epochs, int localSteps, EpochListener listener) {
        Shards sharded = Shards.of(data);
        JavaRDD<Shard> shards = sharded.rdd();
        int largest = sharded.largest();
        long n = sharded.examples();
        int batchSize = spec.batchSize();
        long seed = spec.seed();
        int fullOrShort = spec.dropLast() ? largest / batchSize : (largest + batchSize - 1) / batchSize;
        if (spec.dropLast() && fullOrShort == 0 && n > 0) {
            throw new DataException("dropLast is on and no partition holds a full batch of " + batchSize + " (the "
                    + "largest holds " + largest + " examples): an epoch would train nothing. Use fewer partitions, "
                    + "lower batchSize or turn dropLast off.");
        }
        int rounds = (fullOrShort + localSteps - 1) / localSteps;
        List<Parameter> params = model.model().parameters();
        List<Buffer> buffers = model.model().buffers();
        int p = Flat.size(params) + Flat.bufferSize(buffers);
        int stateSize = OptimizerState.size(model.optimizer());
        adapt(data, batchSize);
        String json = modelJson;
        List<EpochStats> stats = new ArrayList<>();
        int slots = slots(shards);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            EpochClock clock = new EpochClock(slots);
            double lossSum = 0;
            long used = 0;
            for (int round = 0; round < rounds; round++) {
                long sparkStart = clock.sparkStart();
                double[] current = new double[p + stateSize];
                System.arraycopy(withBuffers(params, buffers, Flat.size(params), p), 0, current, 0, p);
                OptimizerState.write(model.optimizer(), current, p);
                Broadcast<double[]> values = spark.broadcast(current);
                int e = epoch;
                int r = round;
                List<double[]> results = shards.map(shard -> shard.localSteps(json, values.value(), batchSize, seed, e,
                        r, localSteps)).collect();
                values.destroy();
                double[] mean = new double[p + stateSize];
                int contributing = 0;
                double computeSum = 0;
                double computeMax = 0;
                for (double[] result : results) {
                    computeSum += result[p + stateSize + 2];
                    computeMax = Math.max(computeMax, result[p + stateSize + 2]);
                    if (result[p + stateSize + 1] > 0) {
                        add(mean, result, mean.length);
                        lossSum += result[p + stateSize];
                        used += (long) result[p + stateSize + 1];
                        contributing++;
                    }
                }
                clock.sparkDone(sparkStart, computeSum, computeMax);
                for (int i = 0; i < mean.length; i++) {
                    mean[i] /= contributing;
                }
                Flat.readTrainable(mean, params);
                Flat.readBuffers(mean, Flat.size(params), buffers);
                OptimizerState.read(mean, p, model.optimizer());
            }
            stats.add(clock.stats(epoch, lossSum / used, used));
            listener.onEpoch(stats.get(stats.size() - 1));
        }
        shards.unpersist();
        return stats;
    }

    /** The parameters' values, then the buffers'. */
    private static double[] withBuffers(List<Parameter> params, List<Buffer> buffers, int total, int head) {
        double[] values = new double[head];
        System.arraycopy(Flat.values(params), 0, values, 0, total);
        Flat.writeBuffers(buffers, values, total, 1.0);
        return values;
    }

    /**
     * Lets the layers that learn from data (normalization) see every training example once, on the
     * driver, streamed from the executors a partition at a time, before the first epoch.
     */
    private void adapt(JavaRDD<Example> data, int batchSize) {
        if (model.model().adapts()) {
            model.model().adapt(new RddBatches(data, model.model().inputShape().size(), Math.max(batchSize, 1_024)));
        }
    }

    private static double[] step(JavaRDD<Shard> shards, String json, Broadcast<double[]> values, long[] batch,
            int total) {
        // An empty zero value: Spark serializes the zero value into every task.
        double[] sum = shards.treeAggregate(new double[0],
                (acc, shard) -> combine(acc, shard.gradient(json, values.value(), batch, batch.length)),
                SparkTrainer::combine, 2);
        return sum.length == 0 ? new double[total + 4] : sum;
    }

    /** Sums two {@link Shard#gradient} results (either may be empty): all values but the last, which is a maximum. */
    private static double[] combine(double[] acc, double[] more) {
        if (acc.length == 0 || more.length == 0) {
            return acc.length == 0 ? more : acc;
        }
        int last = acc.length - 1;
        add(acc, more, last);
        acc[last] = Math.max(acc[last], more[last]);
        return acc;
    }

    private static void add(double[] acc, double[] more, int length) {
        for (int i = 0; i < length; i++) {
            acc[i] += more[i];
        }
    }

    /**
     * The data as one cached {@link Shard} per partition, its lineage cut (a task of an RDD made by
     * {@code parallelize} would otherwise carry its partition's examples, every step), with the
     * number of examples and the largest shard's size, from the one job that fills the cache.
     */
    private record Shards(JavaRDD<Shard> rdd, long examples, int largest) {
        static Shards of(JavaRDD<Example> data) {
            JavaRDD<Shard> shards = data.zipWithIndex().mapPartitions(SparkTrainer::shard)
                    .persist(StorageLevel.MEMORY_ONLY());
            shards.rdd().localCheckpoint();
            long[] sizes = shards.map(s -> new long[] {s.size(), s.size()})
                    .reduce((a, b) -> new long[] {a[0] + b[0], Math.max(a[1], b[1])});
            return new Shards(shards, sizes[0], (int) sizes[1]);
        }
    }

    /** @return how many of the shards' partitions can run at once */
    private int slots(JavaRDD<Shard> shards) {
        return Math.min(shards.getNumPartitions(), spark.defaultParallelism());
    }

    private static Iterator<Shard> shard(Iterator<Tuple2<Example, Long>> rows) {
        List<Long> indices = new ArrayList<>();
        List<Example> examples = new ArrayList<>();
        rows.forEachRemaining(t -> {
            indices.add(t._2());
            examples.add(t._1());
        });
        long[] idx = new long[indices.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = indices.get(i);
        }
        return List.of(new Shard(idx, examples.toArray(new Example[0]))).iterator();
    }
}
