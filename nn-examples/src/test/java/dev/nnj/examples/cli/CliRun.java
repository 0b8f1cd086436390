package dev.nnj.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.zip.ZipFile;
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

    /**
     * @param file a .nnj file
     * @param name one of its entries, e.g. {@code weights.safetensors}
     * @return the entry's bytes
     * @throws java.io.IOException if the file cannot be read
     * @throws IllegalArgumentException if it has no such entry
     */
    static byte[] entry(Path file, String name) throws java.io.IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry(name) == null) {
                throw new IllegalArgumentException(file + " has no " + name);
            }
            return zip.getInputStream(zip.getEntry(name)).readAllBytes();
        }
    }

    /** @return the last line that was printed */
    String lastLine() {
        String[] lines = out.strip().split("\\R");
        return lines[lines.length - 1];
    }
}
