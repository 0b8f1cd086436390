package dev.nnj.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the nnj command line in-process and captures what it prints. */
record CliRun(int exitCode, String out, String err) {
    static final Path MODELS = Path.of("..", "models");

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    static String model(String name) {
        return MODELS.resolve(name).toString();
    }

    /** @return the last line that was printed */
    String lastLine() {
        String[] lines = out.strip().split("\\R");
        return lines[lines.length - 1];
    }
}
