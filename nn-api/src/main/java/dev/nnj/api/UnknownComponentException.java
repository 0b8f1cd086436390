package dev.nnj.api;

/** A model names a type id that no discovered extension provides. */
public class UnknownComponentException extends ModelConfigException {
    private static final long serialVersionUID = 1L;

    /**
     * Reports a type id that no extension provides.
     *
     * @param message the unknown id and its kind, the closest known id if any, and the known ids
     */
    public UnknownComponentException(String message) {
        super(message);
    }

    /**
     * Reports a type id that no extension provides, keeping the failure that revealed it.
     *
     * @param message the unknown id and its kind, the closest known id if any, and the known ids
     * @param cause the underlying failure (an I/O error, a parse error, a lower-level exception),
     *     returned by {@link #getCause()}
     */
    public UnknownComponentException(String message, Throwable cause) {
        super(message, cause);
    }
}
