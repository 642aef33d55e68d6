package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * An include_tasks' own run_once, no_log and ignore_errors apply to the include alone (includes/keywords/own.yml, which
 * ends the same with Debian's ansible-playbook 2.14): the first host alone includes the file, and its tasks are
 * neither hidden, nor ignored when they fail, nor run once for the others.
 */
class IncludeOwnKeywordsTest {
    @Test
    void anIncludesOwnKeywordsDoNotReachItsTasks() {
        RunResult r = EngineRun.cli(EngineRun.fixture("includes/keywords/own.yml"), "-i",
                EngineRun.fixture("includes/keywords/hosts"));
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("included: ") && l.endsWith("own_tasks.yml for h1 => (item=(censored due to no_log))")), r.toString());
        assertTrue(r.out().contains("\"msg\": \"shown, as no_log was the include's\""), r.toString());
        assertTrue(r.out().contains("fatal: [h1]: FAILED! => {\"changed\": false, \"msg\": \"not ignored, as ignore_errors was "
                + "the include's\"}"), r.toString());
        assertTrue(r.out().contains("ok: [h2] => {\n    \"msg\": \"after: untouched\"\n}"), r.toString());
        r.assertRecap("h1", 3, 0, 0, 1, 0, 0, 0);
        r.assertRecap("h2", 1, 0, 0, 0, 0, 0, 0);
    }
}
