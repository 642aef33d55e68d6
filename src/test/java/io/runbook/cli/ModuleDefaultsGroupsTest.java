package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * module_defaults of the action groups that hold the engine's kubernetes.core modules (group/k8s, ansible-core's, which
 * reaches kubernetes.core's; group/kubernetes.core.helm), as ansible-core 2.14 gives them (the parity playbook
 * module_defaults_groups.yml compares the rules themselves with ansible-playbook on ping and its test group).
 */
class ModuleDefaultsGroupsTest {
    private static final RunResult RUN = EngineRun.cli(EngineRun.fixture("module-defaults/groups.yml"), "-i", "localhost,");

    @Test
    void aGroupsEntryReachesItsKubernetesCoreActions() {
        assertEquals(0, RUN.exitCode(), RUN.toString());
        assertEquals("failed", RUN.status("a kubernetes.core module takes the group's kubeconfig", "localhost"), RUN.toString());
        assertTrue(msg("a kubernetes.core module takes the group's kubeconfig").contains("/nonexistent/runbook-group-kubeconfig"),
                RUN.toString());
        assertTrue(msg("helm_info takes kubernetes.core.helm's").contains("/nonexistent/runbook-helm-kubeconfig"), RUN.toString());
    }

    @Test
    void theActionsOwnEntryWinsOverItsGroups() {
        assertTrue(msg("the action's own entry wins over the group's").contains("/nonexistent/runbook-own-kubeconfig"),
                RUN.toString());
    }

    private static String msg(String task) {
        return String.valueOf(RUN.msg(task, "localhost"));
    }
}
