package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * module_defaults of the action groups that hold the engine's kubernetes.core modules (group/k8s, ansible-core's, which
 * reaches kubernetes.core's; group/kubernetes.core.helm), as ansible-core 2.14 gives them (the parity playbook
 * module_defaults_groups.yml compares the rules themselves with ansible-playbook on ping and its test group), and of a
 * collection's own groups (its meta/runtime.yml; collection-groups.yml ends as ansible-playbook 2.14 ends it).
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

    @Test
    void aCollectionsOwnGroupReachesItsActionsByTheNamesTheyResolveTo() {
        RunResult r = EngineRun.cli(EngineRun.fixture("module-defaults/collection-groups.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        // the collection's module and the built-in one it lists; a redirected name through a group that only extends;
        // groups that extend each other; a short name under the collections keyword; malformed metadata holds nothing;
        // a module named by a template is the listed collection's but takes no module_defaults (as in ansible-core 2.14)
        assertEquals(java.util.List.of("from pingers", "from pingers", "extended", "mutual", "listed", "pong", "none given"),
                r.msg("debug", "localhost"), r.toString());
        r.assertRecap("localhost", 8, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void aGroupsMalformedMetadataIsWarnedAboutInAnsiblesWords() {
        RunResult r = EngineRun.cli(EngineRun.fixture("module-defaults/collection-groups.yml"), "-i", "localhost,", "-c", "local");
        assertTrue(r.err().replace('\n', ' ').contains("[WARNING]: Invalid metadata was found for action_group "
                + "example.grouped.malformed while loading module_defaults. The metadata is not a dictionary. Got ['pingers']"),
                r.toString());
    }

    /**
     * ansible-core 2.14 resolves a group once per play, but its display shows the same warning once: two plays naming
     * the group warn once, before the first play's banner, as ansible-playbook does.
     */
    @Test
    void aGroupsMalformedMetadataIsWarnedAboutOncePerRunAsAnsiblesDisplayShowsIt() {
        RunResult r = EngineRun.cli(EngineRun.fixture("module-defaults/collection-groups-two-plays.yml"), "-i", "localhost,",
                "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(java.util.List.of("[WARNING]: Invalid metadata was found for action_group example.grouped.malformed "
                + "while loading module_defaults. The metadata is not a dictionary. Got ['pingers']"), Warnings.list(r.err())
                .stream().filter(w -> w.contains("Invalid metadata")).map(w -> w.replaceFirst(" journal: .*", "")).toList(),
                r.toString());
        r.assertRecap("localhost", 2, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void anUnknownGroupOfAnInstalledCollectionIsRefused() {
        RunResult r = EngineRun.cli(EngineRun.fixture("module-defaults/collection-unknown-group.yml"), "-i", "localhost,");
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.err().contains("could not resolve the module_defaults group example.grouped.nothing"), r.toString());
    }

    private static String msg(String task) {
        return String.valueOf(RUN.msg(task, "localhost"));
    }
}
