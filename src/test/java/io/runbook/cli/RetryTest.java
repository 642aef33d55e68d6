package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetryTest {
    @Test
    void untilRetriesAndPrintsFailedRetryingWithRetriesLeft() {
        RunResult r = EngineRun.playbook("failures/retries.yml");
        List<String> retrying = r.lines().stream().filter(l -> l.startsWith("FAILED - RETRYING")).toList();
        assertEquals(List.of(
                "FAILED - RETRYING: [web1]: flaky call (4 retries left).",
                "FAILED - RETRYING: [web1]: flaky call (3 retries left).",
                "FAILED - RETRYING: [web1]: hopeless call (2 retries left).",
                "FAILED - RETRYING: [web1]: hopeless call (1 retries left).",
                "FAILED - RETRYING: [web1]: retries without until (3 retries left).",
                "FAILED - RETRYING: [web1]: until with default retries (3 retries left).",
                "FAILED - RETRYING: [web1]: until with default retries (2 retries left).",
                "FAILED - RETRYING: [web1]: until with default retries (1 retries left)."), retrying, r.toString());
    }

    @Test
    void registeredResultCountsAttempts() {
        RunResult r = EngineRun.playbook("failures/retries.yml");
        assertEquals(3, r.registered("show attempts", "web1").get("flaky.attempts"), r.toString());
        assertEquals("ok", r.status("flaky call", "web1"));
        assertEquals(2, r.registered("show plain attempts", "web1").get("plain.attempts"), r.toString());
    }

    @Test
    void exhaustedRetriesFailTheTask() {
        RunResult r = EngineRun.playbook("failures/retries.yml");
        assertEquals("failed", r.status("hopeless call", "web1"));
        // three runs; as ansible-core 2.14, a task that ran out of retries registers its retries as attempts
        assertEquals(2, r.registered("hopeless call", "web1").get("attempts"));
        assertEquals(0, r.exitCode(), "the failure is ignored: " + r);
        r.assertRecap("web1", 6, 0, 0, 0, 0, 0, 2);
        assertEquals(8, r.events("retrying").size(), r.toString());
    }

    @Test
    void untilWithoutRetriesTriesFourTimes() {
        RunResult r = EngineRun.playbook("failures/retries.yml");
        assertEquals(3, r.events("retrying").stream().filter(e -> "until with default retries".equals(e.get("task"))).count(), r.toString());
        // the fourth run fails too: 3 (the default retries) registered, as ansible-core 2.14
        assertEquals(3, r.registered("until with default retries", "web1").get("attempts"), r.toString());
    }

    @Test
    void attemptResultIsShownFromTripleVerboseOnly() {
        RunResult vvv = EngineRun.playbook("failures/retries.yml", "-vvv");
        List<String> shown = vvv.lines().stream().filter(l -> l.startsWith("FAILED - RETRYING: [web1]: flaky call")).toList();
        assertEquals(2, shown.size(), vvv.toString());
        assertTrue(shown.get(0).startsWith("FAILED - RETRYING: [web1]: flaky call (4 retries left).Result was: {"), vvv.toString());
        assertTrue(vvv.out().contains("\"attempts\": 1,") && vvv.out().contains("\"retries\": 5"), vvv.toString());

        RunResult vv = EngineRun.playbook("failures/retries.yml", "-vv");
        List<String> plain = vv.lines().stream().filter(l -> l.startsWith("FAILED - RETRYING: [web1]: flaky call")).toList();
        assertEquals(List.of("FAILED - RETRYING: [web1]: flaky call (4 retries left).",
                "FAILED - RETRYING: [web1]: flaky call (3 retries left)."), plain, vv.toString());
    }
}
