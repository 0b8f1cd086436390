package dev.nnj.core.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class PartitionerTest {

    @Test
    void coversEveryRowOnceInFixedContiguousParts() {
        Partitioner p = Partitioner.of(3);
        for (int rows : new int[] {0, 1, 2, 3, 10, 1000}) {
            AtomicIntegerArray hits = new AtomicIntegerArray(rows);
            int[] parts = new int[1];
            p.run(rows, (from, to) -> {
                synchronized (parts) {
                    parts[0]++;
                }
                for (int i = from; i < to; i++) {
                    hits.incrementAndGet(i);
                }
            });
            int[] expected = new int[rows];
            java.util.Arrays.fill(expected, 1);
            int[] actual = new int[rows];
            for (int i = 0; i < rows; i++) {
                actual[i] = hits.get(i);
            }
            assertArrayEquals(expected, actual, "rows " + rows);
            assertEquals(Math.max(1, Math.min(3, rows)), Math.max(parts[0], 1), "parts for " + rows + " rows");
        }
    }

    @Test
    void makesTheSameBlockCallsWhateverTheThreadCount() {
        for (int threads = 1; threads <= 3; threads++) {
            java.util.Set<String> calls = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Partitioner.of(threads).runInBlocks(37, 16, (from, to) -> calls.add(from + "-" + to));
            assertEquals(java.util.Set.of("0-16", "16-32", "32-37"), calls, threads + " threads");
        }
    }

    @Test
    void passesAWorkersFailureToTheCaller() {
        Partitioner p = Partitioner.of(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.run(10, (from, to) -> {
            if (from == 0) {
                throw new IllegalStateException("boom");
            }
        }));
        assertEquals("boom", e.getMessage());
        p.run(4, (from, to) -> { });
    }

    /** Spark runs several tasks in one executor JVM, each with a one-thread model: they must not queue. */
    @Test
    void oneThreadCallersFromDifferentThreadsRunAtTheSameTime() throws Exception {
        java.util.concurrent.CyclicBarrier both = new java.util.concurrent.CyclicBarrier(2);
        Partitioner.RangeTask meet = (from, to) -> {
            try {
                both.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other caller never arrived: calls were serialised", e);
            }
        };
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> Partitioner.of(1).run(5, meet));
            var b = pool.submit(() -> Partitioner.of(1).runInBlocks(5, 8, meet));
            a.get(20, java.util.concurrent.TimeUnit.SECONDS);
            b.get(20, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }
}
