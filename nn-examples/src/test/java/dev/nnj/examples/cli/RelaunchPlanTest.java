package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What the command line adds when it starts its JVM again, and when it does not start it again. */
class RelaunchPlanTest {
    private static final RelaunchPlan.Host PLAIN_JAVA_WITH_OPENBLAS =
            new RelaunchPlan.Host(false, true, true, Optional.empty());
    private static final RelaunchPlan.Host SET_UP = new RelaunchPlan.Host(true, true, true, Optional.empty());
    private static final Map<String, String> THREADS = Map.of("OPENBLAS_NUM_THREADS", "1", "OMP_NUM_THREADS", "1");
    private static final Supplier<List<String>> NO_OPTIONS = List::of;

    private static RelaunchPlan decide(Map<String, String> env, Map<String, String> properties, RelaunchPlan.Host host) {
        return RelaunchPlan.decide(env, properties::get, () -> host, NO_OPTIONS);
    }

    @Test
    void plainJavaJarGetsTheVectorModuleAndOpenBlasOnOneThread() {
        RelaunchPlan plan = decide(Map.of(), Map.of(), PLAIN_JAVA_WITH_OPENBLAS);
        assertTrue(plan.relaunch());
        assertEquals(List.of("--add-modules", "jdk.incubator.vector"), plan.jvmOptions());
        assertEquals(THREADS, plan.environment());
        assertEquals("adds --add-modules jdk.incubator.vector, OPENBLAS_NUM_THREADS=1, OMP_NUM_THREADS=1", plan.reason());
    }

    @Test
    void aVariableTheUserSetIsNeverOverridden() {
        RelaunchPlan plan = decide(Map.of("OPENBLAS_NUM_THREADS", "4", "OPENBLAS_CORETYPE", "Haswell"), Map.of(),
                new RelaunchPlan.Host(false, true, true, Optional.of("SkylakeX")));
        assertEquals(Map.of("OMP_NUM_THREADS", "1"), plan.environment());
        RelaunchPlan empty = decide(Map.of("OMP_NUM_THREADS", ""), Map.of(), PLAIN_JAVA_WITH_OPENBLAS);
        assertEquals(Map.of("OPENBLAS_NUM_THREADS", "1"), empty.environment(), "set, even if empty");
    }

    @Test
    void aCoreTypeIsAddedWhenTheCpuNeedsOne() {
        RelaunchPlan plan = decide(THREADS, Map.of(), new RelaunchPlan.Host(true, true, true, Optional.of("SkylakeX")));
        assertTrue(plan.relaunch());
        assertEquals(Map.of("OPENBLAS_CORETYPE", "SkylakeX"), plan.environment());
        assertEquals(List.of(), plan.jvmOptions());
    }

    @Test
    void withoutOpenBlasOnlyTheVectorModuleMatters() {
        RelaunchPlan plan = decide(Map.of(), Map.of(), new RelaunchPlan.Host(false, true, false, Optional.empty()));
        assertTrue(plan.relaunch());
        assertEquals(Map.of(), plan.environment());
        assertEquals(List.of("--add-modules", "jdk.incubator.vector"), plan.jvmOptions());
        assertFalse(decide(Map.of(), Map.of(), new RelaunchPlan.Host(true, true, false, Optional.empty())).relaunch());
    }

    @Test
    void aJvmThatHasEverythingRunsInProcessWithoutAskingForItsOptions() {
        RelaunchPlan plan = RelaunchPlan.decide(THREADS, Map.<String, String>of()::get, () -> SET_UP,
                () -> fail("the JVM's options are not needed"));
        assertFalse(plan.relaunch());
        assertEquals("nothing to add", plan.reason());
    }

    @Test
    void aRuntimeWithoutTheVectorModuleIsNotRelaunchedForIt() {
        RelaunchPlan plan = decide(THREADS, Map.of(), new RelaunchPlan.Host(false, false, true, Optional.empty()));
        assertFalse(plan.relaunch());
    }

    @Test
    void theEnvironmentVariableAndThePropertySwitchItOffBeforeAnythingIsLookedAt() {
        Supplier<RelaunchPlan.Host> unused = () -> fail("the host is not looked at");
        for (String off : List.of("0", "false", "FALSE")) {
            RelaunchPlan plan = RelaunchPlan.decide(Map.of("NNJ_RELAUNCH", off), Map.<String, String>of()::get, unused,
                    NO_OPTIONS);
            assertFalse(plan.relaunch(), off);
            assertEquals("switched off by NNJ_RELAUNCH=" + off, plan.reason());
        }
        RelaunchPlan property = RelaunchPlan.decide(Map.of(), Map.of("nnj.relaunch", "false")::get, unused, NO_OPTIONS);
        assertFalse(property.relaunch());
        assertEquals("switched off by -Dnnj.relaunch=false", property.reason());
        assertTrue(decide(Map.of("NNJ_RELAUNCH", "1"), Map.of("nnj.relaunch", "true"), PLAIN_JAVA_WITH_OPENBLAS)
                .relaunch());
    }

    @Test
    void theChildNeverRelaunches() {
        RelaunchPlan plan = RelaunchPlan.decide(Map.of(), Map.of("nnj.relaunched", "4242")::get,
                () -> fail("the host is not looked at"), NO_OPTIONS);
        assertFalse(plan.relaunch());
    }

    @Test
    void aJvmWithADebuggerOrAgentIsNotRelaunched() {
        for (String agent : List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-javaagent:x.jar",
                "-agentpath:/opt/async-profiler/libasyncProfiler.so", "-Xdebug")) {
            RelaunchPlan plan = RelaunchPlan.decide(Map.of(), Map.<String, String>of()::get,
                    () -> PLAIN_JAVA_WITH_OPENBLAS, () -> List.of("-Xmx2g", agent));
            assertFalse(plan.relaunch(), agent);
            assertEquals("an agent or debugger is attached to this JVM (" + agent + ")", plan.reason());
        }
    }

    @Test
    void optionsFromTheEnvironmentAreNotGivenTwice() {
        RelaunchPlan plan = decide(Map.of("JAVA_TOOL_OPTIONS", "-Xss2m", "JDK_JAVA_OPTIONS", "-Xmx1g"), Map.of(),
                PLAIN_JAVA_WITH_OPENBLAS);
        assertEquals(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS"), plan.removed());
        assertEquals(List.of(), decide(Map.of(), Map.of(), PLAIN_JAVA_WITH_OPENBLAS).removed());
    }
}
