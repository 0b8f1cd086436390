package dev.nnj.examples.cli;

import dev.nnj.core.NnRuntime;
import dev.nnj.core.registry.Plugins;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --plugins DIR} (default: {@code $NNJ_PLUGINS}): a directory of extension jars. */
final class PluginOption {
    @Option(names = "--plugins", paramLabel = "DIR", defaultValue = "${env:NNJ_PLUGINS}",
            description = "A directory of extension jars, each loaded through its own class loader "
                    + "(default: $NNJ_PLUGINS).")
    Path directory;

    /** @return the plugin jars' class loaders; none without a directory */
    List<ClassLoader> loaders() {
        return directory == null ? List.of() : Plugins.load(directory, Main.class.getClassLoader());
    }

    NnRuntime runtime(String backend, int threads) {
        return NnRuntime.discover(Main.class.getClassLoader(), loaders(), backend, threads);
    }
}
