package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.runbook.engine.exec.ExitCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A module's result that comes later ({@code Result.later}, the test module {@code later}) is handled as one that came
 * at once: register, changed_when and failed_when, notify, a loop's items, until's attempts and throttle.
 */
class LaterResultTest {
    private static final List<String> HOSTS = List.of("web1", "web2", "web3");

    @Test
    void aLaterResultIsRegisteredOverriddenLoopedRetriedAndThrottledAsAnyOther() {
        RunResult run = EngineRun.playbook("forks/later.yml", "-l", "web", "-f", "1");
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        for (String host : HOSTS) {
            assertEquals("changed", run.status("Plain", host), run.toString());
            assertEquals("ok", run.status("Overridden", host), run.toString());
            assertEquals("changed", run.status("Until", host), run.toString());
            assertEquals("changed", run.status("Throttled", host), run.toString());
            assertEquals("plain " + host + "|a,b|1", run.msg("Show", host), run.toString());
            assertEquals("told", run.msg("told", host), run.toString());
            run.assertRecap(host, 7, 4, 0, 0, 0, 0, 0);
        }
    }
}
