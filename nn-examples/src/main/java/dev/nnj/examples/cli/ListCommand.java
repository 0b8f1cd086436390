package dev.nnj.examples.cli;

import dev.nnj.core.math.Backend;
import dev.nnj.core.math.Backends;
import dev.nnj.core.registry.ComponentRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nnj list}: every registered component id, its kind, class and jar. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List every registered component: kind, id, class and the jar it came from.")
final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private PluginOption plugins = new PluginOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ComponentRegistry registry = plugins.runtime(null, 1).registry();
        String format = "%-12s %-24s %-48s %s%n";
        out.printf(format, "KIND", "ID", "CLASS", "SOURCE");
        for (ComponentRegistry.Entry e : registry.entries()) {
            String source = e.source();
            Path file = source.startsWith("/") ? Path.of(source).getFileName() : null;
            out.printf(format, e.kind().label(), e.type(), e.implementation().getName(),
                    file == null ? source : file.toString());
        }
        out.println();
        String backendFormat = "%-12s %-6s %-10s %s%n";
        out.printf(backendFormat, "BACKEND", "RANK", "STATUS", "DETAILS");
        for (Backend b : Backends.all(Main.class.getClassLoader())) {
            String details = b.unavailableReason().orElseGet(() -> b.create(1).description());
            out.printf(backendFormat, b.name(), b.rank(), b.unavailableReason().isPresent() ? "unavailable" : "available",
                    details);
        }
        out.flush();
        return 0;
    }
}
