package dev.nnj.api.testkit;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * Measures what a step allocates on the calling thread after warm-up, with
 * {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}. On a JVM that cannot count,
 * the calling test is skipped (and says why), never passed.
 */
public final class Allocations {
    private Allocations() {
    }

    /**
     * Runs {@code step} {@code steps} times to warm up, then {@code steps} times measured.
     *
     * @return the bytes allocated per measured step
     */
    public static double bytesPerStep(Runnable step, int steps) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported(),
                "this JVM cannot count allocated bytes");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        for (int i = 0; i < steps; i++) {
            step.run();
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < steps; i++) {
            step.run();
        }
        return (threads.getThreadAllocatedBytes(id) - before) / (double) steps;
    }

    /** @throws AssertionError if a step allocates more than {@code maxBytesPerStep} after warm-up */
    public static void assertAllocatesAtMost(double maxBytesPerStep, int steps, Runnable step) {
        double perStep = bytesPerStep(step, steps);
        if (!(perStep <= maxBytesPerStep)) {
            throw new AssertionError(perStep + " bytes allocated per step after warm-up; expected at most "
                    + maxBytesPerStep);
        }
    }
}
