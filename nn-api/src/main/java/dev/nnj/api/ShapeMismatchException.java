package dev.nnj.api;

/** A tensor's shape is not what a layer, loss or data set expects. */
public class ShapeMismatchException extends NnException {
    private static final long serialVersionUID = 1L;

    public ShapeMismatchException(String message) {
        super(message);
    }

    public ShapeMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
