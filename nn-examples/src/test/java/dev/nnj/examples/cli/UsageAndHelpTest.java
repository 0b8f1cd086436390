package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Usage goes to standard error with exit code 2 when no command is given; help renders cleanly. */
class UsageAndHelpTest {

    @Test
    void noCommandPrintsTheUsageToStandardErrorWithExitCode2() {
        CliRun run = CliRun.run();
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("No command given; choose one of the commands below.\nUsage: nnj "),
                run.err());
        assertTrue(run.err().contains("\n  train "), run.err());
    }

    @Test
    void helpGoesToStandardOutputWithExitCode0() {
        CliRun run = CliRun.run("--help");
        assertEquals(0, run.exitCode());
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("Usage: nnj "), run.out());
    }

    /** Picocli formats descriptions with String.format: a lone '%' makes it warn through System.err. */
    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        List<String[]> calls = new ArrayList<>();
        calls.add(new String[] {"--help"});
        calls.add(new String[] {"--version"});
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            calls.add(new String[] {name, "--help"});
            calls.add(new String[] {"help", name});
        }
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringBuilder printed = new StringBuilder();
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            for (String[] args : calls) {
                CliRun run = CliRun.run(args);
                assertEquals(0, run.exitCode(), String.join(" ", args) + ": " + run.err());
                printed.append(run.out()).append(run.err());
            }
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
        String all = printed + captured.toString(StandardCharsets.UTF_8);
        assertFalse(all.contains("[picocli WARN]"), all);
        assertTrue(CliRun.run("evaluate", "--help").out().contains("--test-part scores only the rows 'nnj train --data DATA' held out"));
    }
}
