package dev.nnj.examples.cli;

import dev.nnj.api.NnException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nnj} command line. Picocli treats descriptions as format strings: write {@code %%} for
 * a percent sign ({@code UsageAndHelpTest} renders every help).
 */
@Command(name = "nnj", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train and evaluate neural networks described in JSON model files.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ExportCommand.class,
            ImportCommand.class, ListCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * The {@code nnj} command itself, whose subcommands do the work; {@link #run(String...)} creates
     * it, and picocli fills in its spec.
     */
    public Main() {
    }

    /**
     * Runs the command line and exits the JVM with its exit code. When this JVM lacks settings that
     * make nnj faster (the Vector API module; OpenBLAS on one thread, on the right kernels) and the
     * user did not set them, it first starts the same command in a JVM that has them and exits with
     * that one's exit code; {@code NNJ_RELAUNCH=0} or {@code -Dnnj.relaunch=false} runs it here as it is.
     *
     * @param args the command and its options, e.g. {@code train --model m.json --data digits}
     */
    public static void main(String[] args) {
        Relaunch.ifUseful(args);
        // Warnings (such as nn-blas's about OpenBLAS threads) as one line, not java.util.logging's two.
        if (System.getProperty(LOG_FORMAT) == null) {
            System.setProperty(LOG_FORMAT, "nnj: %4$s: %5$s%n");
        }
        System.exit(run(args));
    }

    private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

    /**
     * Runs the command line without exiting, e.g. in tests. An {@link NnException} is printed as
     * one line {@code nnj: message} on standard error, and so is an {@link OutOfMemoryError}: what
     * ran out and how to raise the limit.
     *
     * @param args the command and its options
     * @return the exit code: 0 success, 1 failure, 2 bad usage
     */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (OutOfMemoryError e) {
                cli.getErr().println("nnj: " + outOfMemory(parseResult.originalArgs(), e,
                        Runtime.getRuntime().maxMemory()));
                return 1;
            }
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof NnException) {
                commandLine.getErr().println("nnj: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cli;
    }

    /**
     * Says that a command ran out of memory, which command (with the files it was given), and how to
     * give Java more: twice the heap it had, in whole GiB.
     */
    static String outOfMemory(List<String> args, OutOfMemoryError e, long maxHeap) {
        String command = String.join(" ", args);
        long suggested = Math.max(1, (2 * maxHeap + (1L << 30) - 1) >> 30);
        return "out of memory (" + e.getMessage() + ") in 'nnj " + command + "': the model, its data or a file it "
                + "reads needs more than the " + (maxHeap >> 20) + " MiB this JVM may use. Give it more with -Xmx: java "
                + "-Xmx" + suggested + "g -jar nnj.jar " + command + " (bin/nnj: NNJ_JAVA_OPTS=-Xmx" + suggested + "g).";
    }

    /** Without a command: bad usage, so the message and the usage go to standard error (exit code 2). */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "No command given; choose one of the commands below.");
    }
}
