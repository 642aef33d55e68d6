package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** playbooks/triage.yml names the right scenario for each of the six failure scenarios, and changes nothing. */
class TriagePlaybookTest {

    @ParameterizedTest
    @ValueSource(strings = {"management-cluster-lost", "management-plane-failed", "central-control-plane-failed",
            "connectivity-lost", "edge-control-plane-failed", "workload-cluster-lost"})
    void triageNamesTheScenarioWithItsImpactAndWhatToRun(String scenario, @TempDir Path dir) {
        LabEstateRun.Result run = new LabEstateRun(dir.resolve("state")).play("triage.yml", "lab_scenario=" + scenario);
        assertTrue(run.out().contains("\"scenario: " + scenario + " — "), run.out());
        assertTrue(run.out().contains("\"run: "), "says what to run:\n" + run.out());
        assertTrue(run.out().contains("\"workloads: ") && run.out().contains("\"management operations: "), run.out());
        assertEquals(0, run.totalChanged(), "triage changes nothing:\n" + run.out());
        assertEquals(0, run.code(), "triage succeeds: probing an unreachable cluster is part of it\n" + run.out());
        if (scenario.equals("workload-cluster-lost")) {
            assertTrue(run.out().contains("fatal: [cp-3]: UNREACHABLE!"), "the lost cluster is reported unreachable\n" + run.out());
            assertTrue(run.recap("cp-3", "ignored") > 0, "and counted as an ignored (expected) finding, as Ansible does\n" + run.out());
        }
    }
}
