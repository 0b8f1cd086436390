package dev.nnj.api;

/** A tensor's shape is not what a layer, loss or data set expects. */
public class ShapeMismatchException extends NnException {
    private static final long serialVersionUID = 1L;

    /**
     * Reports a tensor or example of the wrong shape.
     *
     * @param message both shapes, as {@code [a, b]}: the expected and the actual one
     */
    public ShapeMismatchException(String message) {
        super(message);
    }

    /**
     * Reports a tensor or example of the wrong shape, keeping the failure that revealed it.
     *
     * @param message both shapes, as {@code [a, b]}: the expected and the actual one
     * @param cause the underlying failure (an I/O error, a parse error, a lower-level exception),
     *     returned by {@link #getCause()}
     */
    public ShapeMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
