package dev.nnj.core.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.ExtensionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
            Arrays.fill(expected, 1);
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
            Set<String> calls = ConcurrentHashMap.newKeySet();
            Partitioner.of(threads).runInBlocks(37, 16, (from, to) -> calls.add(from + "-" + to));
            assertEquals(Set.of("0-16", "16-32", "32-37"), calls, threads + " threads");
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
        CyclicBarrier both = new CyclicBarrier(2);
        Partitioner.RangeTask meet = (from, to) -> {
            try {
                both.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other caller never arrived: calls were serialised", e);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> Partitioner.of(1).run(5, meet));
            var b = pool.submit(() -> Partitioner.of(1).runInBlocks(5, 8, meet));
            a.get(20, TimeUnit.SECONDS);
            b.get(20, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Blocks are claimed one at a time: a worker held up in its first block leaves the rest to the caller. */
    @Test
    void aThreadThatIsHeldUpTakesFewerBlocks() {
        Thread caller = Thread.currentThread();
        AtomicInteger byCaller = new AtomicInteger();
        Set<String> calls = ConcurrentHashMap.newKeySet();
        Partitioner.of(2).runInBlocks(80, 10, (from, to) -> {
            calls.add(from + "-" + to);
            if (Thread.currentThread() == caller) {
                byCaller.incrementAndGet();
            } else {
                sleep(300);
            }
        });
        assertEquals(8, calls.size());
        // Split in fixed halves, the caller would make 4 calls and then wait for the worker's 4.
        assertTrue(byCaller.get() >= 6, "the caller made " + byCaller.get() + " of the 8 calls");
    }

    /** An idle worker spins for a short while and then sleeps: it must not burn a core for ever. */
    @Test
    void anIdleWorkerParksAfterItsSpin() throws Exception {
        Partitioner p = Partitioner.of(4);
        p.run(3, (from, to) -> { });
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (Thread t : kernelThreads("nnj-kernel-4-")) {
            while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                sleep(10);
            }
            assertEquals(Thread.State.WAITING, t.getState(), t.getName() + " still spins 5 s after its task");
        }
    }

    @Test
    void spinTimeFromTheSystemPropertyOrAClearError() {
        assertEquals(Partitioner.DEFAULT_SPIN_MICROS, Partitioner.spinMicros(null));
        assertEquals(Partitioner.DEFAULT_SPIN_MICROS, Partitioner.spinMicros(" "));
        assertEquals(0, Partitioner.spinMicros("0"));
        assertEquals(1_000, Partitioner.spinMicros(" 1000 "));
        assertEquals(1_000_000, Partitioner.spinMicros("1000000"));
        ExtensionException fast = assertThrows(ExtensionException.class, () -> Partitioner.spinMicros("fast"));
        assertEquals("-Dnnj.spin.micros=fast: expected a whole number of microseconds from 0 to 1000000, how long idle "
                + "kernel threads spin before they sleep (default 200).", fast.getMessage());
        for (String bad : new String[] {"-1", "2e3", "1000001", "99999999999999999999"}) {
            ExtensionException e = assertThrows(ExtensionException.class, () -> Partitioner.spinMicros(bad));
            assertTrue(e.getMessage().startsWith("-Dnnj.spin.micros=" + bad + ": expected"), e.getMessage());
        }
    }

    private static List<Thread> kernelThreads(String prefix) {
        List<Thread> found = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                found.add(t);
            }
        }
        assertEquals(3, found.size(), "worker threads named " + prefix + "*");
        return found;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
