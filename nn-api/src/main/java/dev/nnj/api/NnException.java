package dev.nnj.api;

/** The root of nnj's exceptions. Messages say what went wrong, where, what was expected and what to do. */
public class NnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Reports a failure of nnj.
     *
     * @param message what went wrong, where, what was expected against what was found, and what to
     *     do, in full sentences
     */
    public NnException(String message) {
        super(message);
    }

    /**
     * Reports a failure of nnj, keeping the failure that revealed it.
     *
     * @param message what went wrong, where, what was expected against what was found, and what to
     *     do, in full sentences
     * @param cause the underlying failure (an I/O error, a parse error, a lower-level exception),
     *     returned by {@link #getCause()}
     */
    public NnException(String message, Throwable cause) {
        super(message, cause);
    }
}
