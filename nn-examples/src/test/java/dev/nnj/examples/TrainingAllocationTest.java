package dev.nnj.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Tensor;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.train.Trainer;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A training step of the Fashion-MNIST MLP through {@code Trainer.step}, as the CLI runs it (momentum
 * SGD updating in parts during the backward pass), allocates nothing after warm-up: on the calling
 * thread and on nnj's kernel threads, which now run the optimizer's updates too. Counted with
 * {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}. (EJML with more than one thread
 * allocates in EJML's own pool, so it is checked on one.)
 */
class TrainingAllocationTest {
    private static final int STEPS = 300;
    /** Bytes per step allowed for JIT and measurement noise; one stray array would be hundreds. */
    private static final double MAX_BYTES_PER_STEP = 16;
    private static final String MODEL = """
            {"input": [784],
             "layers": [{"type": "dense", "units": 256, "activation": "relu"},
                        {"type": "dense", "units": 128, "activation": "relu"},
                        {"type": "dense", "units": 10}],
             "loss": "softmax-cross-entropy", "optimizer": {"type": "momentum", "learningRate": 0.05, "momentum": 0.9},
             "batchSize": %d, "seed": 1}
            """;

    @ParameterizedTest(name = "{0}, {1} threads, batch {2}, {3}")
    @CsvSource({"blas, 2, 32, float64", "blas, 2, 128, float64", "ejml, 1, 32, float64", "java, 2, 32, float64",
        "java, 2, 128, float64", "vector, 2, 32, float64", "vector, 2, 128, float64", "blas, 2, 32, float32",
        "blas, 2, 128, float32", "ejml, 1, 32, float32", "java, 2, 128, float32", "vector, 2, 128, float32"})
    void aTrainingStepAllocatesNothingOnAnyThread(String backend, int threads, int batch, String dtype) {
        NnRuntime runtime = NnRuntime.discover(getClass().getClassLoader(), backend, threads);
        AssembledModel m = runtime.assemble(ModelFileReader.read(MODEL.formatted(batch), "fashion-mlp")
                .withDtype(ModelFileReader.parseDtype(dtype)));
        assertTrue(m.optimizer().updatesInParts());
        Trainer trainer = m.trainer();
        Tensor x = Tensor.zeros(batch, 784);
        Tensor y = Tensor.zeros(batch, 10);
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = random.nextDouble();
        }
        for (int i = 0; i < batch; i++) {
            y.set(i, random.nextInt(10), 1);
        }
        for (int i = 0; i < STEPS; i++) {
            trainer.step(x, y);
        }
        long[] ids = threadsToCount(threads);
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = sum(bean.getThreadAllocatedBytes(ids));
        for (int i = 0; i < STEPS; i++) {
            trainer.step(x, y);
        }
        double perStep = (sum(bean.getThreadAllocatedBytes(ids)) - before) / (double) STEPS;
        assertTrue(perStep <= MAX_BYTES_PER_STEP, perStep + " bytes allocated per step on " + ids.length
                + " threads after warm-up; expected at most " + MAX_BYTES_PER_STEP);
    }

    /** @return this thread and nnj's kernel threads for {@code threads} threads */
    private static long[] threadsToCount(int threads) {
        long[] ids = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t == Thread.currentThread() || t.getName().startsWith("nnj-kernel-" + threads + "-"))
                .mapToLong(Thread::getId).toArray();
        assertFalse(threads > 1 && ids.length < threads, "expected the kernel threads of " + threads + " threads");
        return ids;
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
