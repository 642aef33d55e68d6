package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A failed_when that cannot be evaluated fails the task and keeps the module's own result, as in Ansible. */
class FailedWhenTest {
    @Test
    void theModulesResultStaysBesideTheReason() {
        RunResult r = EngineRun.cli(EngineRun.fixture("conditions/failed_when_undefined.yml"), "-i", "localhost,",
                "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 2, 1, 0, 0, 0, 0, 1);
    }
}
