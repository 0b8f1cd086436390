package dev.nnj.spark;

import dev.nnj.api.NnException;
import dev.nnj.api.TrainingException;
import java.util.function.Supplier;

/**
 * Spark reports an executor's failure as a {@code SparkException} whose cause is the executor's
 * exception: this finds nnj's own message (bad data, an unknown component) so that the user reads it
 * instead of a Spark stack trace.
 */
final class Failures {
    private Failures() {
    }

    /** Runs {@code body}; an exception with an {@link NnException} among its causes becomes that exception. */
    static <T> T unwrapping(Supplier<T> body) {
        try {
            return body.get();
        } catch (Exception e) {
            throw unwrap(e);
        }
    }

    static RuntimeException unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NnException nn) {
                return nn;
            }
        }
        return e instanceof RuntimeException r ? r : new TrainingException("Spark failed: " + e.getMessage(), e);
    }
}
