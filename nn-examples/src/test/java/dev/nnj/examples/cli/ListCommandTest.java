package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.spi.ComponentKind;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.registry.ComponentRegistry;
import org.junit.jupiter.api.Test;

class ListCommandTest {

    @Test
    void listsEveryComponentWithKindClassAndJar() {
        CliRun run = CliRun.run("list");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("KIND"), run.out());
        assertTrue(run.out().matches("(?s).*\\nlayer +dense +dev\\.nnj\\.core\\.layer\\.DenseProvider +nn-core.*"), run.out());
        assertTrue(run.out().matches("(?s).*\\noptimizer +momentum +dev\\.nnj\\.optim\\.SgdProvider +nn-optim.*"), run.out());
        String components = run.out().split("\\R\\R")[0];
        assertEquals(1 + NnRuntime.discover().registry().entries().size(), components.split("\\R").length);
    }

    /** An anonymous provider (AdaptiveProviders$1) once stood for adam, adamw, rmsprop, adagrad and every schedule. */
    @Test
    void namesNoAnonymousOrSyntheticClass() {
        CliRun run = CliRun.run("list");
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.out().matches("(?s).*\\$\\d.*"), run.out());
        assertTrue(run.out().matches("(?s).*\\noptimizer +adam +dev\\.nnj\\.optim\\.AdaptiveProviders +nn-optim.*"),
                run.out());
        assertTrue(run.out().matches("(?s).*\\nschedule +cosine +dev\\.nnj\\.optim\\.ScheduleProviders +nn-optim.*"),
                run.out());
    }

    @Test
    void listsTheComputeBackendsWithRankAndStatus() {
        CliRun run = CliRun.run("list");
        String backends = run.out().split("\\R\\R")[1];
        assertTrue(backends.startsWith("BACKEND"), backends);
        assertTrue(backends.matches("(?s).*\\nejml +100 +available +EJML 0\\.46\\.1 CommonOps_DDRM.*"), backends);
        assertTrue(backends.matches("(?s).*\\nblas +(200|50) +available +netlib .*"), backends);
    }

    @Test
    void optimizersComeFromNnOptimThroughServiceLoaderOnly() {
        // nn-examples has nn-optim at runtime scope only: no class here can name its types, so the
        // optimizers must have come through ServiceLoader.
        ComponentRegistry registry = NnRuntime.discover().registry();
        for (String id : new String[] {"sgd", "momentum"}) {
            ComponentRegistry.Entry e = registry.entry(ComponentKind.OPTIMIZER, id);
            assertEquals("dev.nnj.optim.OptimExtension", e.extension().getName());
            assertTrue(e.source().contains("nn-optim"), e.source());
        }
    }
}
