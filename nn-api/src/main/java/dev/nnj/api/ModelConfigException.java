package dev.nnj.api;

/** A model description (JSON file or programmatic config) is invalid. */
public class ModelConfigException extends NnException {
    private static final long serialVersionUID = 1L;

    /**
     * Reports an invalid model description.
     *
     * @param message the path of the offending value (e.g. {@code layers[0].units}), what was
     *     expected and what was found
     */
    public ModelConfigException(String message) {
        super(message);
    }

    /**
     * Reports an invalid model description, keeping the failure that revealed it.
     *
     * @param message the path of the offending value (e.g. {@code layers[0].units}), what was
     *     expected and what was found
     * @param cause the underlying failure (an I/O error, a parse error, a lower-level exception),
     *     returned by {@link #getCause()}
     */
    public ModelConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
