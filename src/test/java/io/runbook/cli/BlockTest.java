package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlockTest {
    @Test
    void rescueClearsTheFailureAndCountsRescued() {
        RunResult r = EngineRun.playbook("blocks/rescue.yml");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("web1", 3, 0, 0, 0, 0, 1, 0);
        r.assertRecap("web2", 3, 0, 0, 0, 1, 0, 0);
        assertEquals(List.of("step that fails on web1", "report what failed", "clean up", "after the block"),
                r.tasksRunOn("web1"));
        assertEquals(List.of("step that fails on web1", "step after the failure", "clean up", "after the block"),
                r.tasksRunOn("web2"));
    }

    @Test
    void rescueSeesTheFailedTaskAndItsResult() {
        RunResult r = EngineRun.playbook("blocks/rescue.yml");
        assertEquals("step that fails on web1 said disk full", r.msg("report what failed", "web1"), r.toString());
    }

    @Test
    void aFailingRescueFailsTheHostButAlwaysStillRuns() {
        RunResult r = EngineRun.playbook("blocks/rescue_fails.yml");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(List.of("first failure", "rescue fails", "cleanup still runs"), r.tasksRunOn("web1"));
        r.assertRecap("web1", 1, 0, 0, 1, 0, 1, 0);
        assertFalse(r.out().contains("never reached"), r.toString());
    }

    @Test
    void blockKeywordsAreInheritedByItsTasks() {
        RunResult r = EngineRun.playbook("blocks/inherit.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("vars from the block", r.msg("inherits vars", "web1"));
        assertEquals("failed in the block", r.registered("inherits ignore_errors", "web1").get("msg"));
        assertEquals(Boolean.TRUE, r.result("inherits ignore_errors", "web1").get("ignored"));
        assertEquals("skipped", r.status("skipped with its block", "web1"));
        r.assertRecap("web1", 2, 0, 0, 0, 1, 0, 1);
        assertTrue(r.out().contains("...ignoring"), r.toString());
    }
}
