package dev.nnj.core.json;

/**
 * How nnj reads saved models, checkpoints and weights files ({@link ModelArchive#read(java.nio.file.Path,
 * LoadOptions)}, {@link Weights#read(java.nio.file.Path, LoadOptions)},
 * {@link Safetensors#read(byte[], String, LoadOptions)}). By default a weight, buffer or optimizer
 * state that is NaN or infinite is refused, naming the file, the tensor and the first such value:
 * loaded, it would make every prediction NaN without a word. {@link #allowNonFinite()} loads such a
 * file as it is, to inspect a model that diverged; {@code nnj} gives it as {@code --allow-non-finite}.
 * Immutable; later options arrive as further methods.
 */
public final class LoadOptions {
    private static final LoadOptions DEFAULTS = new LoadOptions(false);
    private static final LoadOptions ALLOW_NON_FINITE = new LoadOptions(true);

    private final boolean allowNonFinite;

    private LoadOptions(boolean allowNonFinite) {
        this.allowNonFinite = allowNonFinite;
    }

    /**
     * @return the options every reader uses unless told otherwise: NaN and infinities refused
     */
    public static LoadOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @return options that load NaN and infinite values as they are, e.g. to inspect a model that
     *     diverged; everything else is checked as by {@link #defaults()}
     */
    public static LoadOptions allowNonFinite() {
        return ALLOW_NON_FINITE;
    }

    /**
     * @return whether NaN and infinite values are loaded rather than refused
     */
    public boolean allowsNonFinite() {
        return allowNonFinite;
    }

    @Override
    public String toString() {
        return "LoadOptions[allowNonFinite=" + allowNonFinite + "]";
    }
}
