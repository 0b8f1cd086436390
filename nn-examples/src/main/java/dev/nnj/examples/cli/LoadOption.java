package dev.nnj.examples.cli;

import dev.nnj.core.json.LoadOptions;
import picocli.CommandLine.Option;

/**
 * {@code --allow-non-finite}: load weights (and optimizer state) that hold NaN or an infinity, which
 * nnj refuses by default, naming the tensor, so that a model that diverged can be inspected.
 */
final class LoadOption {
    @Option(names = "--allow-non-finite", description = "Load weights that hold NaN or an infinity (refused by "
            + "default: every prediction would be NaN), to inspect a model that diverged.")
    boolean allowNonFinite;

    /** @return how to read the saved model, checkpoint or weights */
    LoadOptions options() {
        return allowNonFinite ? LoadOptions.allowNonFinite() : LoadOptions.defaults();
    }
}
