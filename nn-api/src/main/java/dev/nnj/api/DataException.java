package dev.nnj.api;

/** A data file is missing, truncated or malformed, or its contents do not fit the model. */
public class DataException extends NnException {
    private static final long serialVersionUID = 1L;

    /**
     * Reports a data file that cannot be used.
     *
     * @param message the file, what is wrong with it (expected against actual) and what to do
     */
    public DataException(String message) {
        super(message);
    }

    /**
     * Reports a data file that cannot be used, keeping the failure that revealed it.
     *
     * @param message the file, what is wrong with it (expected against actual) and what to do
     * @param cause the underlying failure (an I/O error, a parse error, a lower-level exception),
     *     returned by {@link #getCause()}
     */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
