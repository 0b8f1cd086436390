package dev.nnj.api;

/** Training cannot go on, e.g. the loss became non-finite. */
public class TrainingException extends NnException {
    private static final long serialVersionUID = 1L;

    /**
     * Reports why training cannot go on.
     *
     * @param message what happened (e.g. a non-finite loss), when, and what to try
     */
    public TrainingException(String message) {
        super(message);
    }

    /**
     * Reports why training cannot go on, keeping the failure that revealed it.
     *
     * @param message what happened (e.g. a non-finite loss), when, and what to try
     * @param cause the underlying failure (an I/O error, a parse error, a lower-level exception),
     *     returned by {@link #getCause()}
     */
    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
