package dev.nnj.bench;

import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.eval.Prediction;
import dev.nnj.core.eval.Predictor;
import dev.nnj.core.json.ModelFileReader;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@link Predictor} shared by 1, 2 and 8 threads, each calling {@code predict(double[])} on one
 * row at a time (batch 1), on the digits MLP ({@code models/digits-mlp.json}, 64-256-10) and the
 * Fashion-MNIST MLP ({@code models/fashion-mlp.json}, 784-256-128-10), weights from the files' seeds
 * (speed does not depend on training), rows uniform in [0, 1); run it from the repository's root.
 * {@code latencyN}: the average time of one call as each of N threads sees it ({@code avgt},
 * µs/op); {@code throughputN}: the calls per second of all N threads together ({@code thrpt},
 * ops/s). JMH cannot vary {@code @Threads} by parameter, hence a method per mode and thread count
 * ({@code -t N} runs every method on N threads instead). Kernels run on the calling thread (one
 * kernel thread), so the only threads are the callers. Tear-down fails if the predictor made more
 * workspaces than there were threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PredictorBenchmark {
    /** Distinct rows each thread cycles through. */
    private static final int ROWS = 256;

    /** A model file, relative to the directory the benchmark runs in (the repository's root). */
    @Param({"models/digits-mlp.json", "models/fashion-mlp.json"})
    public String model;

    @Param({"ejml", "blas"})
    public String backend;

    private Predictor predictor;
    private double[][] rows;
    private final AtomicInteger threads = new AtomicInteger();

    @Setup
    public void setUp() {
        NnRuntime runtime = NnRuntime.discover(getClass().getClassLoader(), backend, 1);
        AssembledModel m = runtime.assemble(ModelFileReader.read(Path.of(model)));
        predictor = m.predictor();
        int inputs = m.model().inputShape().size();
        SplittableRandom random = new SplittableRandom(1);
        rows = new double[ROWS][inputs];
        for (double[] row : rows) {
            for (int j = 0; j < inputs; j++) {
                row[j] = random.nextDouble();
            }
        }
    }

    @TearDown
    public void tearDown() {
        // a pool larger than the thread count would mean workspaces made in steady state
        if (predictor.poolSize() > threads.get()) {
            throw new IllegalStateException(predictor.poolSize() + " workspaces for " + threads.get() + " threads");
        }
    }

    /** One calling thread's position in the rows, each thread starting elsewhere. */
    @State(Scope.Thread)
    public static class Caller {
        private int next;

        @Setup
        public void setUp(PredictorBenchmark b) {
            next = b.threads.getAndIncrement() * 31 % ROWS;
        }

        double[] row(PredictorBenchmark b) {
            double[] row = b.rows[next];
            next = next + 1 == ROWS ? 0 : next + 1;
            return row;
        }
    }

    /** @return the prediction, for JMH's blackhole */
    private Prediction call(Caller caller) {
        return predictor.predict(caller.row(this));
    }

    @Benchmark
    @Threads(1)
    public Prediction latency1(Caller caller) {
        return call(caller);
    }

    @Benchmark
    @Threads(2)
    public Prediction latency2(Caller caller) {
        return call(caller);
    }

    @Benchmark
    @Threads(8)
    public Prediction latency8(Caller caller) {
        return call(caller);
    }

    @Benchmark
    @Threads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Prediction throughput1(Caller caller) {
        return call(caller);
    }

    @Benchmark
    @Threads(2)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Prediction throughput2(Caller caller) {
        return call(caller);
    }

    @Benchmark
    @Threads(8)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Prediction throughput8(Caller caller) {
        return call(caller);
    }
}
