package dev.nnj.api;

/** Training cannot go on, e.g. the loss became non-finite. */
public class TrainingException extends NnException {
    private static final long serialVersionUID = 1L;

    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
