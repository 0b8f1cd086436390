package dev.nnj.examples.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Whether the command line starts its JVM again, and with what: the decision of {@link Relaunch},
 * without its side effects. It relaunches only to add something this JVM lacks and the user did not
 * set: {@code --add-modules jdk.incubator.vector} (the Vector API, for the Java kernels), and, when
 * OpenBLAS is installed, {@code OPENBLAS_NUM_THREADS=1} (its pthreads build) and
 * {@code OMP_NUM_THREADS=1} (its OpenMP build), both read once, when the library loads, and
 * {@code OPENBLAS_CORETYPE} for CPUs OpenBLAS does not recognise ({@link OpenBlasCore}). A variable
 * the user set, to any value, is left as it is.
 *
 * @param relaunch whether to start the JVM again
 * @param reason why, or why not, in a few words (for {@code -Dnnj.relaunch.verbose=true})
 * @param environment the variables to add to the child's environment
 * @param removed the variables to take out of it: {@code JAVA_TOOL_OPTIONS} and {@code JDK_JAVA_OPTIONS},
 *     whose options this JVM's arguments already hold (else the child would have them twice, and
 *     print "Picked up ..." again)
 * @param jvmOptions the options to add to this JVM's own, e.g. {@code --add-modules jdk.incubator.vector}
 */
record RelaunchPlan(boolean relaunch, String reason, Map<String, String> environment, List<String> removed,
        List<String> jvmOptions) {
    /** Environment variable: {@code 0} (or {@code false}) runs in this JVM. */
    static final String ENV_OPT_OUT = "NNJ_RELAUNCH";
    /** System property: {@code false} runs in this JVM. */
    static final String OPT_OUT = "nnj.relaunch";
    /** System property set on the child (to the parent's pid), so that it never relaunches again. */
    static final String MARKER = "nnj.relaunched";
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    static final List<String> THREAD_VARIABLES = List.of("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS");
    static final String CORETYPE = "OPENBLAS_CORETYPE";
    private static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    private static final List<String> AGENTS = List.of("-agentlib:", "-agentpath:", "-javaagent:", "-Xrun", "-Xdebug");

    /**
     * What this JVM has that matters.
     *
     * @param vectorLoaded whether the boot layer holds {@code jdk.incubator.vector}
     * @param vectorInstalled whether the JDK has it (a jlinked runtime may not: then it cannot be added)
     * @param openBlas whether native BLAS would load OpenBLAS
     * @param coreType the {@code OPENBLAS_CORETYPE} this CPU needs, if any
     */
    record Host(boolean vectorLoaded, boolean vectorInstalled, boolean openBlas, Optional<String> coreType) {
    }

    /**
     * @param env the environment
     * @param properties the system properties ({@code System::getProperty})
     * @param host what the JVM has; asked only when relaunching is not switched off
     * @param jvmArguments this JVM's own options; asked only when there is something to add
     * @return the plan
     */
    static RelaunchPlan decide(Map<String, String> env, UnaryOperator<String> properties, Supplier<Host> host,
            Supplier<List<String>> jvmArguments) {
        if (properties.apply(MARKER) != null) {
            return inProcess("this JVM was relaunched already (-D" + MARKER + ")");
        }
        String optOut = env.get(ENV_OPT_OUT);
        if (optOut != null && (optOut.equals("0") || optOut.toLowerCase(Locale.ROOT).equals("false"))) {
            return inProcess("switched off by " + ENV_OPT_OUT + "=" + optOut);
        }
        if ("false".equalsIgnoreCase(properties.apply(OPT_OUT))) {
            return inProcess("switched off by -D" + OPT_OUT + "=false");
        }
        Host h = host.get();
        Map<String, String> added = new LinkedHashMap<>();
        if (h.openBlas()) {
            for (String variable : THREAD_VARIABLES) {
                added.put(variable, "1");
            }
            h.coreType().ifPresent(core -> added.put(CORETYPE, core));
            added.keySet().removeIf(env::containsKey);
        }
        List<String> options = new ArrayList<>();
        if (!h.vectorLoaded() && h.vectorInstalled()) {
            options.addAll(List.of("--add-modules", VECTOR_MODULE));
        }
        if (added.isEmpty() && options.isEmpty()) {
            return inProcess("nothing to add");
        }
        for (String argument : jvmArguments.get()) {
            if (AGENTS.stream().anyMatch(argument::startsWith)) {
                return inProcess("an agent or debugger is attached to this JVM (" + argument + ")");
            }
        }
        List<String> removed = OPTION_VARIABLES.stream().filter(env::containsKey).toList();
        String what = String.join(" ", options) + (options.isEmpty() || added.isEmpty() ? "" : ", ")
                + String.join(", ", added.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        return new RelaunchPlan(true, "adds " + what, Collections.unmodifiableMap(added), removed, List.copyOf(options));
    }

    private static RelaunchPlan inProcess(String reason) {
        return new RelaunchPlan(false, reason, Map.of(), List.of(), List.of());
    }
}
