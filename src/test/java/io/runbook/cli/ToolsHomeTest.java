package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code ~} for the tools kubernetes.core drives is the module's {@code HOME} (a task's {@code environment} may set
 * it), not the account's home: the default kubeconfig and helm's repositories.yaml are found under a HOME that the
 * playbook points at its own folder (homedir/tools_home.yml asserts what each task found).
 */
class ToolsHomeTest {
    @Test
    void theDefaultKubeconfigAndHelmRepositoriesComeFromTheTasksHome() {
        RunResult run = EngineRun.playbook("homedir/tools_home.yml");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("All assertions passed"), run.toString());
        assertTrue(run.out().contains("ok=4    changed=1    unreachable=0    failed=0    skipped=0    rescued=0    ignored=1"),
                run.toString());
    }
}
