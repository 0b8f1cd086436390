package dev.nnj.bench;

import dev.nnj.api.Tensor;
import dev.nnj.core.math.Backends;
import dev.nnj.core.math.Kernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The three products of a dense layer at the MLP's shapes: forward Y = X·W, backward dW += Xᵀ·dY
 * and dX = dY·Wᵀ. Divide 2·batch·in·out by the time for FLOP/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBenchmark {
    @Param({"ejml", "blas"})
    public String backend;

    @Param({"1", "32", "128"})
    public int batch;

    @Param({"784x256", "256x128", "128x10"})
    public String layer;

    @Param({"1"})
    public int threads;

    private Kernels kernels;
    private Tensor x;
    private Tensor w;
    private Tensor y;
    private Tensor dy;
    private Tensor dw;
    private Tensor dx;

    @Setup
    public void setUp() {
        kernels = Backends.choose(backend, getClass().getClassLoader()).create(threads);
        String[] dims = layer.split("x");
        int in = Integer.parseInt(dims[0]);
        int out = Integer.parseInt(dims[1]);
        SplittableRandom random = new SplittableRandom(1);
        x = random(batch, in, random);
        w = random(in, out, random);
        y = Tensor.zeros(batch, out);
        dy = random(batch, out, random);
        dw = Tensor.zeros(in, out);
        dx = Tensor.zeros(batch, in);
    }

    private static Tensor random(int rows, int cols, SplittableRandom random) {
        Tensor t = Tensor.zeros(rows, cols);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = random.nextDouble(-1, 1);
        }
        return t;
    }

    @Benchmark
    public Tensor forward() {
        kernels.mult(x, w, y);
        return y;
    }

    @Benchmark
    public Tensor backwardWeights() {
        kernels.multAddTransA(x, dy, dw);
        return dw;
    }

    @Benchmark
    public Tensor backwardInput() {
        kernels.multTransB(dy, w, dx);
        return dx;
    }
}
