package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * include_role and include_tasks of what is not there, counted as ansible-playbook 2.14 counts them (each fixture's
 * figures checked with it), while the engine still names the host, the include's file:line:col and where it looked.
 */
class MissingIncludeTest {
    private static RunResult run(String playbook) {
        return EngineRun.cli(EngineRun.fixture("includes/" + playbook), "-i", "web1,web2", "-c", "local");
    }

    @Test
    void aMissingRoleCountsNothingAMissingFileCountsAFailureAndARescueCountsNoRescue() {
        RunResult r = run("missing_role_rescue.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("missing_role_rescue.yml:10:11: role 'missing_role' not found; looked in "), r.toString());
        assertTrue(r.out().contains("role 'other_missing_role' not found"), r.toString());
        assertEquals(List.of("include each role", "rescue of the roles", "include each file", "rescue of the files",
                "always of the files"), r.tasksRunOn("web1"), r.toString());
        assertEquals(2, r.results("include each file", "web1").size(), r.toString());
        r.assertRecap("web1", 3, 0, 0, 2, 0, 0, 0);
    }

    @Test
    void everyRoleOfTheLoopIsLookedForFirstAndTheHostFailsWhateverIgnoreErrorsSays() {
        RunResult r = run("missing_role_ignored.yml");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.out().contains("missing_role_ignored.yml:8:7: role 'missing_role' not found"), r.toString());
        assertEquals(List.of("include each role"), r.tasksRunOn("web1"), r.toString());
        assertFalse(r.out().contains("good role ran"), r.toString());
        assertFalse(r.out().contains("web1                       :"), "nothing counted, as ansible-playbook:\n" + r);
    }

    @Test
    void underAnyErrorsFatalTheHostWhoseRoleIsMissingIsNotInTheRecapAndThePlayStops() {
        RunResult r = run("missing_role_fatal.yml");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.out().contains("fatal: [web2]: FAILED!"), r.toString());
        assertTrue(r.out().contains("missing_role_fatal.yml:8:7: role 'missing_role' not found"), r.toString());
        assertFalse(r.out().contains("never reached"), r.toString());
        r.assertRecap("web1", 0, 0, 0, 0, 1, 0, 0);
        assertFalse(r.out().contains("web2                       :"), r.toString());
    }
}
