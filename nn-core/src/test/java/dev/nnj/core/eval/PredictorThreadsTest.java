package dev.nnj.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Tensor;
import dev.nnj.core.build.AssembledModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Threads sharing one predictor of the digits MLP (64-256-10, fixed-seed weights) get the results of
 * a single-threaded run to the bit, for single rows and for batches (larger than a workspace, so
 * run in parts), and the pool holds no more workspaces than there are threads.
 */
class PredictorThreadsTest {
    private static final int ROWS = 600;
    private static final int ROUNDS = 3;
    /** Batch sizes of the batch calls: within a workspace, exactly one, and over two parts of 64 rows. */
    private static final int[] BATCHES = {1, 7, 64, 150};

    private final AssembledModel digits = PredictorModels.digits();
    private final double[][] rows = PredictorModels.rows(ROWS, 64, 11);

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 8})
    void singleRowsFromManyThreadsAreBitIdenticalToOneThread(int threads) throws Exception {
        Predictor alone = digits.predictor();
        List<Prediction> expected = new ArrayList<>();
        for (double[] row : rows) {
            expected.add(alone.predict(row));
        }
        Predictor shared = digits.predictor();
        List<List<Prediction>> got = runConcurrently(threads, t -> {
            // each thread walks every row from its own starting point, ROUNDS times
            Prediction[] mine = new Prediction[ROWS];
            for (int round = 0; round < ROUNDS; round++) {
                for (int k = 0; k < ROWS; k++) {
                    int i = (k + t * ROWS / threads) % ROWS;
                    Prediction p = shared.predict(rows[i]);
                    if (round > 0 && !p.equals(mine[i])) {
                        throw new AssertionError("thread " + t + ", row " + i + ": " + p + " then " + mine[i]);
                    }
                    mine[i] = p;
                }
            }
            return List.of(mine);
        });
        for (int t = 0; t < threads; t++) {
            assertSamePredictions(expected, got.get(t), "thread " + t);
        }
        assertTrue(shared.poolSize() <= threads, shared.poolSize() + " workspaces for " + threads + " threads");
        assertTrue(shared.poolSize() >= 1);
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 8})
    void batchesFromManyThreadsAreBitIdenticalToOneThread(int threads) throws Exception {
        Predictor alone = digits.predictor();
        List<List<Prediction>> expectedLists = new ArrayList<>();
        List<Tensor> expectedTensors = new ArrayList<>();
        for (int b : BATCHES) {
            expectedLists.add(alone.predict(batch(b)));
            expectedTensors.add(alone.predict(Tensor.of(batch(b))));
        }
        Predictor shared = digits.predictor();
        runConcurrently(threads, t -> {
            for (int round = 0; round < ROUNDS; round++) {
                for (int k = 0; k < BATCHES.length; k++) {
                    int j = (k + t + round) % BATCHES.length;
                    assertSamePredictions(expectedLists.get(j), shared.predict(batch(BATCHES[j])),
                            "thread " + t + ", batch of " + BATCHES[j]);
                    Tensor all = shared.predict(Tensor.of(batch(BATCHES[j])));
                    assertArrayEquals(expectedTensors.get(j).data(), all.data(),
                            "thread " + t + ", tensor batch of " + BATCHES[j]);
                    // a single row between batches takes whichever workspace is free
                    int i = (t * 37 + k) % ROWS;
                    assertEquals(alone.predict(rows[i]), shared.predict(rows[i]), "thread " + t + ", row " + i);
                }
            }
            return null;
        });
        assertTrue(shared.poolSize() <= threads, shared.poolSize() + " workspaces for " + threads + " threads");
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 8})
    void steadyStateMakesNoWorkspacesBeyondTheNumberOfThreads(int threads) throws Exception {
        Predictor shared = digits.predictor();
        runConcurrently(threads, t -> {
            for (int i = 0; i < 2_000; i++) {
                shared.predict(rows[(i + t) % ROWS]);
            }
            return null;
        });
        int afterWarmUp = shared.poolSize();
        assertTrue(afterWarmUp >= 1 && afterWarmUp <= threads, afterWarmUp + " workspaces for " + threads + " threads");
        runConcurrently(threads, t -> {
            for (int i = 0; i < 2_000; i++) {
                shared.predict(rows[(i + t) % ROWS]);
            }
            return null;
        });
        assertTrue(shared.poolSize() <= threads, shared.poolSize() + " workspaces for " + threads + " threads");
    }

    /** Bit for bit ({@link Prediction#equals}); names the first row that differs, not the whole list. */
    private static void assertSamePredictions(List<Prediction> expected, List<Prediction> actual, String where) {
        assertEquals(expected.size(), actual.size(), where);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), where + ", row " + i);
        }
    }

    private double[][] batch(int size) {
        double[][] b = new double[size][];
        System.arraycopy(rows, 0, b, 0, size);
        return b;
    }

    /** What one test thread does, given its index. */
    @FunctionalInterface
    private interface Work<T> {
        T run(int thread) throws Exception;
    }

    /** Runs {@code work} on {@code threads} threads that start together; rethrows the first failure. */
    private static <T> List<T> runConcurrently(int threads, Work<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<T> task = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return work.run(thread);
                };
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    results.add(f.get(120, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e;
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
