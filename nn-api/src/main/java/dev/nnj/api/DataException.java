package dev.nnj.api;

/** A data file is missing, truncated or malformed, or its contents do not fit the model. */
public class DataException extends NnException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
