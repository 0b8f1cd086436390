package dev.nnj.bench;

import dev.nnj.api.Mode;
import dev.nnj.api.Tensor;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.model.Workspace;
import dev.nnj.core.train.Trainer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full training step of the Fashion-MNIST MLP (zero gradients, forward, loss, backward,
 * momentum update), and one inference pass, per backend, batch size and thread count.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainingStepBenchmark {
    @Param({"ejml", "blas"})
    public String backend;

    @Param({"1", "32", "128"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    private Trainer trainer;
    private Workspace inference;
    private Tensor x;
    private Tensor y;

    @Setup
    public void setUp() {
        AssembledModel m = Mlp.build(backend, threads, batch);
        trainer = m.trainer();
        inference = m.model().newWorkspace(batch);
        SplittableRandom random = new SplittableRandom(1);
        x = Tensor.zeros(batch, 784);
        y = Tensor.zeros(batch, 10);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = random.nextDouble();
        }
        for (int i = 0; i < batch; i++) {
            y.set(i, random.nextInt(10), 1);
        }
    }

    @Benchmark
    public double trainingStep() {
        return trainer.step(x, y);
    }

    @Benchmark
    public Tensor inference() {
        return inference.forward(x, Mode.INFERENCE);
    }
}
