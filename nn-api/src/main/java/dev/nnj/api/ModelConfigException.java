package dev.nnj.api;

/** A model description (JSON file or programmatic config) is invalid. */
public class ModelConfigException extends NnException {
    private static final long serialVersionUID = 1L;

    public ModelConfigException(String message) {
        super(message);
    }

    public ModelConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
