package dev.nnj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Buffer;
import dev.nnj.api.Parameter;
import dev.nnj.api.Tensor;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.data.Shuffle;
import dev.nnj.core.data.TensorBatches;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.random.Seeds;
import dev.nnj.core.train.TrainingStep;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Buffers on Spark, synchronous mode, with a model of normalization and batch-norm on the digits.
 * The semantics (docs/distributed.md): before the first epoch the driver adapts the normalization on
 * every example, streamed from the executors; every step it broadcasts parameters and buffers; each
 * partition normalises its part of the batch with that part's own statistics (PyTorch's DDP
 * without SyncBatchNorm) and returns, besides its gradient, its buffers after the forward pass, both
 * weighted by its share k/B of the batch; the driver's buffers become their sum. So the running mean
 * moves toward the whole batch's mean, as on one machine, and the counter counts steps.
 *
 * <p>Stated tolerance: 1e-9 absolute on every parameter and buffer after one epoch (45 steps), both
 * against one machine with one partition and against a one-machine replay of these semantics with
 * two (the difference is only the order of floating-point sums).
 */
class SparkBatchNormTest {
    static final String MODEL = "{\"input\": [64], \"layers\": [{\"type\": \"normalization\"}, {\"type\": \"dense\", "
            + "\"units\": 32}, {\"type\": \"batch-norm\", \"activation\": \"relu\"}, {\"type\": \"dense\", \"units\": 10}], "
            + "\"loss\": \"softmax-cross-entropy\", \"optimizer\": {\"type\": \"momentum\", \"learningRate\": 0.05}, "
            + "\"batchSize\": 32, \"epochs\": 1, \"seed\": 42}";
    private static final double TOLERANCE = 1e-9;

    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("nnj-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void onOnePartitionEqualsOneMachineParametersAndBuffersAlike() {
        DataSet train = SparkTrainerTest.digits();
        SparkTrainer distributed = new SparkTrainer(spark, MODEL);
        distributed.train(spark.parallelize(SparkTrainerTest.examples(train, 10), 1), 1);
        AssembledModel single = NnRuntime.discover().assemble(ModelFileReader.read(MODEL, "m"));
        single.trainer().fit(train, null);
        double worst = worst(distributed.model(), single);
        System.out.println("one partition against one machine, largest difference: " + worst);
        assertTrue(worst <= TOLERANCE, "largest difference " + worst);
        assertEquals(45.0, buffer(distributed.model(), "layers.2.num_batches_tracked")[0]);
    }

    @Test
    void onTwoPartitionsEachNormalisesItsPartAndTheBuffersAreWeightedByShare() {
        DataSet train = SparkTrainerTest.digits();
        SparkTrainer distributed = new SparkTrainer(spark, MODEL);
        distributed.train(spark.parallelize(SparkTrainerTest.examples(train, 10), 2), 1);
        AssembledModel replay = replay(train, 2);
        double worst = worst(distributed.model(), replay);
        System.out.println("two partitions against their one-machine replay, largest difference: " + worst);
        assertTrue(worst <= TOLERANCE, "largest difference " + worst);
        assertEquals(45.0, buffer(distributed.model(), "layers.2.num_batches_tracked")[0]);

        AssembledModel single = NnRuntime.discover().assemble(ModelFileReader.read(MODEL, "m"));
        single.trainer().fit(train, null);
        double differs = worst(distributed.model(), single);
        System.out.println("two partitions against one machine (not promised equal): " + differs);
        assertTrue(differs > 1e-6, "local batch statistics should differ from the whole batch's: " + differs);
    }

    /**
     * The promised semantics, on one machine: the driver's model; per step, a worker copy given the
     * driver's parameters and buffers computes each partition's part of the batch (partitions hold
     * contiguous ranges of the list, as {@code parallelize} slices it).
     */
    private static AssembledModel replay(DataSet train, int partitions) {
        AssembledModel driver = NnRuntime.discover().assemble(ModelFileReader.read(MODEL, "m"));
        TrainingStep update = driver.trainingStep();
        AssembledModel worker = NnRuntime.discover().assemble(ModelFileReader.read(MODEL, "m"));
        TrainingStep part = worker.trainingStep();
        driver.model().adapt(new TensorBatches(train.features(), 1_024));
        int n = train.size();
        int[] order = Shuffle.permutation(n, Seeds.stream(42, "shuffle:epoch:1"));
        List<Parameter> dp = driver.model().parameters();
        List<Buffer> db = driver.model().buffers();
        List<Parameter> wp = worker.model().parameters();
        List<Buffer> wb = worker.model().buffers();
        for (int from = 0; from < n; from += 32) {
            int size = Math.min(32, n - from);
            double[][] gradients = new double[dp.size()][];
            double[][] buffers = new double[db.size()][];
            for (int i = 0; i < dp.size(); i++) {
                gradients[i] = new double[dp.get(i).value().size()];
            }
            for (int i = 0; i < db.size(); i++) {
                buffers[i] = new double[db.get(i).value().size()];
            }
            for (int p = 0; p < partitions; p++) {
                long lo = (long) p * n / partitions;
                long hi = (long) (p + 1) * n / partitions;
                List<Integer> mine = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    if (order[from + i] >= lo && order[from + i] < hi) {
                        mine.add(order[from + i]);
                    }
                }
                if (mine.isEmpty()) {
                    continue;
                }
                for (int i = 0; i < dp.size(); i++) {
                    System.arraycopy(dp.get(i).value().data(), 0, wp.get(i).value().data(), 0, gradients[i].length);
                }
                for (int i = 0; i < db.size(); i++) {
                    System.arraycopy(db.get(i).value().data(), 0, wb.get(i).value().data(), 0, buffers[i].length);
                }
                Tensor x = Tensor.zeros(mine.size(), 64);
                Tensor y = Tensor.zeros(mine.size(), 10);
                train.gather(mine.stream().mapToInt(Integer::intValue).toArray(), 0, mine.size(), x, y);
                part.gradients(x, y);
                double share = (double) mine.size() / size;
                for (int i = 0; i < dp.size(); i++) {
                    add(gradients[i], wp.get(i).gradient().data(), share);
                }
                for (int i = 0; i < db.size(); i++) {
                    add(buffers[i], wb.get(i).value().data(), share);
                }
            }
            for (int i = 0; i < dp.size(); i++) {
                System.arraycopy(gradients[i], 0, dp.get(i).gradient().data(), 0, gradients[i].length);
            }
            for (int i = 0; i < db.size(); i++) {
                double[] target = db.get(i).value().data();
                for (int j = 0; j < target.length; j++) {
                    target[j] = db.get(i).dtype() == dev.nnj.api.DType.I64 ? Math.rint(buffers[i][j]) : buffers[i][j];
                }
            }
            update.update();
        }
        return driver;
    }

    private static void add(double[] sum, double[] values, double share) {
        for (int j = 0; j < sum.length; j++) {
            sum[j] += values[j] * share;
        }
    }

    private static double[] buffer(AssembledModel m, String path) {
        return m.model().buffers().stream().filter(b -> b.path().equals(path)).findFirst().orElseThrow()
                .value().data();
    }

    private static double worst(AssembledModel first, AssembledModel second) {
        double worst = 0;
        for (int i = 0; i < first.model().parameters().size(); i++) {
            worst = Math.max(worst, difference(first.model().parameters().get(i).value().data(),
                    second.model().parameters().get(i).value().data()));
        }
        for (int i = 0; i < first.model().buffers().size(); i++) {
            worst = Math.max(worst, difference(first.model().buffers().get(i).value().data(),
                    second.model().buffers().get(i).value().data()));
        }
        return worst;
    }

    private static double difference(double[] a, double[] b) {
        double worst = 0;
        for (int j = 0; j < a.length; j++) {
            worst = Math.max(worst, Math.abs(a[j] - b[j]));
        }
        return worst;
    }
}
