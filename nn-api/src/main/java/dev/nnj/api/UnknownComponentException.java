package dev.nnj.api;

/** A model names a type id that no discovered extension provides. */
public class UnknownComponentException extends ModelConfigException {
    private static final long serialVersionUID = 1L;

    public UnknownComponentException(String message) {
        super(message);
    }

    public UnknownComponentException(String message, Throwable cause) {
        super(message, cause);
    }
}
