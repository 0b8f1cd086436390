package dev.nnj.core.eval;

import dev.nnj.api.Tensor;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.model.Workspace;
import java.util.Arrays;

/**
 * The workspaces of a {@link Predictor}, each with its input and probability buffers, made on
 * demand and reused: a stack of free ones (the most recently returned, cache-warm one first) behind
 * one lock held only to push or pop. A call that finds the stack empty makes a new workspace
 * (outside the lock), so the pool grows to the largest number of calls that ever ran at once and
 * no further; in steady state taking and returning allocate nothing.
 *
 * <p>Not a {@code ConcurrentLinkedQueue} (it allocates a node on every return) nor an
 * {@code ArrayBlockingQueue} (its capacity must be known before the first call); not a
 * {@code ThreadLocal}, see {@link Predictor}.
 */
final class WorkspacePool {
    /** One workspace and the buffers around it; used by one call at a time. */
    static final class Lease {
        final Workspace workspace;
        /** [maxBatch, inputs] where a call copies its rows. */
        final Tensor input;
        /** [maxBatch, outputs] where a call computes probabilities (or copies values). */
        final Tensor probabilities;

        private Lease(Sequential model, int maxBatch) {
            // a named stream, so that serving does not advance the model's workspace count, which
            // names the dropout streams of the workspaces training makes later
            this.workspace = model.newWorkspace(maxBatch, "predictor");
            this.input = Tensor.zeros(maxBatch, model.inputShape().size());
            this.probabilities = Tensor.zeros(maxBatch, model.outputShape().size());
        }
    }

    private final Sequential model;
    private final int maxBatch;
    private Lease[] free = new Lease[4];
    private int freeCount;
    private int created;

    WorkspacePool(Sequential model, int maxBatch) {
        this.model = model;
        this.maxBatch = maxBatch;
    }

    /**
     * A free lease, or a new one when none is free.
     *
     * @return a lease for the caller alone until it {@link #give gives} it back
     */
    Lease take() {
        synchronized (this) {
            if (freeCount > 0) {
                Lease lease = free[--freeCount];
                free[freeCount] = null;
                return lease;
            }
            created++;
        }
        try {
            return new Lease(model, maxBatch);
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                created--;
            }
            throw e;
        }
    }

    /**
     * Returns a lease to the pool; the caller must not use it afterwards.
     *
     * @param lease a lease from {@link #take()}
     */
    void give(Lease lease) {
        synchronized (this) {
            if (freeCount == free.length) {
                free = Arrays.copyOf(free, 2 * free.length);
            }
            free[freeCount++] = lease;
        }
    }

    /**
     * @return the number of leases made so far: the most calls that ran at once
     */
    synchronized int size() {
        return created;
    }
}
