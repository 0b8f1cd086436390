package dev.nnj.api;

/** An extension could not be discovered or loaded: broken service entry, duplicate or malformed ids. */
public class ExtensionException extends NnException {
    private static final long serialVersionUID = 1L;

    public ExtensionException(String message) {
        super(message);
    }

    public ExtensionException(String message, Throwable cause) {
        super(message, cause);
    }
}
