package dev.nnj.api;

/** An extension could not be discovered or loaded: broken service entry, duplicate or malformed ids. */
public class ExtensionException extends NnException {
    private static final long serialVersionUID = 1L;

    /**
     * Reports an extension or backend that cannot be loaded.
     *
     * @param message what could not be loaded and from where (extension class, jar, plugin directory),
     *     what is wrong, and what to do
     */
    public ExtensionException(String message) {
        super(message);
    }

    /**
     * Reports an extension or backend that cannot be loaded, keeping the failure that revealed it.
     *
     * @param message what could not be loaded and from where (extension class, jar, plugin directory),
     *     what is wrong, and what to do
     * @param cause the underlying failure (an I/O error, a parse error, a lower-level exception),
     *     returned by {@link #getCause()}
     */
    public ExtensionException(String message, Throwable cause) {
        super(message, cause);
    }
}
