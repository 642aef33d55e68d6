package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.exec.ExitCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What the tests that show a wait holds no fork share: a run with every host waiting at once, and its Ctrl-C. */
final class AllWaiting {
    private AllWaiting() {
    }

    /**
     * Starts the engine in this JVM with {@code args} and waits until every one of {@code hosts} shows {@code progress}
     * in {@code task}: with fewer forks than hosts, only a wait that holds no fork gets there. The running engine.
     */
    static EngineThread start(List<String> hosts, String task, String progress, Duration limit, String... args) throws Exception {
        EngineThread engine = EngineThread.start(args);
        for (String host : hosts) {
            engine.awaitOutput("TASK [" + task + "]", "  [" + host + "] " + progress, limit);
        }
        return engine;
    }

    /**
     * Starts the engine with {@code args} (one fork), waits until every one of {@code hosts} shows {@code progress}
     * (they all wait at once), then Ctrl-C: each host ends with its result in {@code task}, failed as interrupted,
     * before the recap, which counts it failed. Returns the output.
     */
    static String interrupt(List<String> hosts, String task, String progress, Duration limit, String... args) throws Exception {
        try (EngineProcess engine = EngineProcess.start(Path.of("").toAbsolutePath(), args)) {
            for (String host : hosts) {
                engine.awaitOutput("  [" + host + "] " + progress, limit);
            }
            engine.signal("INT");
            assertEquals(ExitCode.INTERRUPTED, engine.exitCode(limit), engine.output());
            String out = engine.output();
            String results = out.substring(out.indexOf("TASK [" + task + "]"), out.indexOf("PLAY RECAP"));
            for (String host : hosts) {
                assertTrue(results.lines().anyMatch(l -> l.startsWith("fatal: [" + host + "]: FAILED! => ")
                        && l.contains("\"msg\": \"interrupted\"")), out);
                assertTrue(out.substring(out.indexOf("PLAY RECAP")).lines()
                        .anyMatch(l -> l.startsWith(host + " ") && l.contains("failed=1")), out);
            }
            return out;
        }
    }
}
