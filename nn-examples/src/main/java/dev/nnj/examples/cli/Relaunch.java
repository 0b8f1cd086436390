package dev.nnj.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the command line's JVM again when that makes it faster, so that plain
 * {@code java -jar nnj.jar} runs as well as the user could have set it up: what is added is
 * {@link RelaunchPlan}'s decision (the Vector API module; OpenBLAS's thread and core variables,
 * which a JVM cannot set in its own environment). The child is the same {@code java} with this
 * JVM's options, class path and arguments, plus {@code -Dnnj.relaunched=PID}; it shares standard
 * input and output, its standard error passes through {@link IncubatorWarningFilter}, and this JVM
 * exits with its exit code. A SIGTERM (or Ctrl-C) to this JVM is passed on to the child and waited
 * for; a SIGKILL cannot be, so the child ends itself within a few seconds when its parent is gone.
 *
 * <p>Off with {@code NNJ_RELAUNCH=0} or {@code -Dnnj.relaunch=false}; {@code -Dnnj.relaunch.verbose=true}
 * says on standard error what was decided and, in the child, what it runs with. When the child
 * cannot be started, the command runs in this JVM, as before.
 */
final class Relaunch {
    private static final Logger LOG = Logger.getLogger(Relaunch.class.getName());
    private static final String VERBOSE = "nnj.relaunch.verbose";

    private Relaunch() {
    }

    /**
     * Runs the command in a new JVM and exits with its exit code, if that adds something; returns
     * otherwise (the command then runs in this JVM).
     *
     * @param args the command line's arguments
     */
    static void ifUseful(String[] args) {
        if (System.getProperty(RelaunchPlan.MARKER) != null) {
            asChild();
            return;
        }
        RelaunchPlan plan = RelaunchPlan.decide(System.getenv(), System::getProperty, Relaunch::host,
                () -> ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (!plan.relaunch()) {
            note("in this JVM: " + plan.reason());
            return;
        }
        try {
            List<String> command = command(plan, args);
            note(plan.reason() + ": " + String.join(" ", command));
            System.exit(run(plan, command));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "nnj could not start its JVM again; running in this one", e);
            note("could not start the JVM again (" + e + "); running in this JVM");
        }
    }

    /** @return what this JVM and machine have that the plan depends on */
    static RelaunchPlan.Host host() {
        boolean loaded = ModuleLayer.boot().findModule(RelaunchPlan.VECTOR_MODULE).isPresent();
        boolean installed = loaded || ModuleFinder.ofSystem().find(RelaunchPlan.VECTOR_MODULE).isPresent();
        Optional<OpenBlasLibrary> openBlas = OpenBlasLibrary.find(System::getProperty, System.getenv());
        Optional<String> core = openBlas.isEmpty() || System.getenv().containsKey(RelaunchPlan.CORETYPE)
                ? Optional.empty() : OpenBlasCore.choose(firstProcessor(), openBlas.get().version());
        return new RelaunchPlan.Host(loaded, installed, openBlas.isPresent(), core);
    }

    /** @return the first processor's lines of {@code /proc/cpuinfo} (a machine with many has a long file) */
    private static String firstProcessor() {
        StringBuilder text = new StringBuilder();
        try (BufferedReader in = Files.newBufferedReader(Path.of("/proc/cpuinfo"), StandardCharsets.ISO_8859_1)) {
            for (String line; (line = in.readLine()) != null && !(line.isBlank() && text.length() > 0); ) {
                text.append(line).append('\n');
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot read /proc/cpuinfo", e);
        }
        return text.toString();
    }

    /** @return the child's command: this JVM's java, options and class path, the plan's options, the arguments */
    private static List<String> command(RelaunchPlan plan, String[] args) throws IOException {
        if (System.getProperty("jdk.module.main") != null) {
            throw new IOException("started as a module (-m), which is not reconstructed");
        }
        String classPath = System.getProperty("java.class.path");
        if (classPath == null || classPath.isEmpty()) {
            throw new IOException("no class path");
        }
        // java.home's launcher first: the same runtime, found without ProcessHandle.Info's start-up cost
        Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
        String java = Files.isExecutable(launcher) ? launcher.toString()
                : ProcessHandle.current().info().command().orElseThrow(() -> new IOException("no java executable found"));
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(plan.jvmOptions());
        command.add("-D" + RelaunchPlan.MARKER + "=" + ProcessHandle.current().pid());
        command.addAll(List.of("-cp", classPath, Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts the child, passes its standard error on, waits for it; SIGTERM to this JVM goes on to it. */
    private static int run(RelaunchPlan plan, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = builder.environment();
        env.putAll(plan.environment());
        plan.removed().forEach(env::remove);
        Process child = builder.start();
        Thread pump = new Thread(() -> {
            try {
                IncubatorWarningFilter.pump(child.getErrorStream(), System.err);
            } catch (IOException e) {
                LOG.log(Level.FINE, "standard error of the child", e);
            }
        }, "nnj-stderr");
        pump.setDaemon(true);
        pump.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            child.destroy(); // SIGTERM: the child runs its own shutdown hooks
            awaitQuietly(child, pump);
        }, "nnj-forward-termination"));
        awaitQuietly(child, pump);
        return child.exitValue();
    }

    /** Waits for the child to end and for its standard error to be passed on. */
    private static void awaitQuietly(Process child, Thread pump) {
        boolean interrupted = false;
        while (true) {
            try {
                child.waitFor();
                pump.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** In the child: ends when the parent that started it is gone (it was killed with SIGKILL). */
    private static void asChild() {
        String parent = System.getProperty(RelaunchPlan.MARKER);
        Optional<ProcessHandle> handle = ProcessHandle.current().parent()
                .filter(p -> String.valueOf(p.pid()).equals(parent));
        handle.ifPresent(p -> p.onExit().thenRun(() -> System.exit(1)));
        if (Boolean.getBoolean(VERBOSE)) {
            Map<String, String> env = System.getenv();
            StringBuilder seen = new StringBuilder("relaunched by ").append(parent).append(handle.isPresent()
                    ? "" : " (not this JVM's parent: not watched)").append("; ").append(RelaunchPlan.VECTOR_MODULE)
                    .append(ModuleLayer.boot().findModule(RelaunchPlan.VECTOR_MODULE).isPresent() ? " loaded" : " absent");
            for (String variable : List.of("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", RelaunchPlan.CORETYPE)) {
                seen.append(", ").append(variable).append(env.containsKey(variable) ? "=" + env.get(variable) : " unset");
            }
            note(seen.toString());
        }
    }

    /** Logs at FINE, and with {@code -Dnnj.relaunch.verbose=true} prints {@code nnj: relaunch: message}. */
    private static void note(String message) {
        LOG.fine(message);
        if (Boolean.getBoolean(VERBOSE)) {
            System.err.println("nnj: relaunch: " + message);
        }
    }
}
