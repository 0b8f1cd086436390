package dev.nnj.api;

/** The root of nnj's exceptions. Messages say what went wrong, where, what was expected and what to do. */
public class NnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NnException(String message) {
        super(message);
    }

    public NnException(String message, Throwable cause) {
        super(message, cause);
    }
}
