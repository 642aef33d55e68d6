package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubernetes.core.helm tasks written as for Ansible, run as a user runs them: the registered keys kubernetes.core
 * 2.4.0 documents (status.revision, status.status, command, stdout), changed on install, unchanged on the same
 * chart and values, an upgrade on other values, check mode changing nothing, and uninstall. No helm binary and no
 * Ansible run is possible for helm here, so the playbook's asserts are kubernetes.core's documented results.
 */
class KubernetesCoreHelmTest {
    private static final String DIR = HelmcompatLab.DIR;
    private static HelmcompatLab lab;

    @BeforeAll
    static void startLab(@TempDir Path tmp) throws Exception {
        lab = new HelmcompatLab(tmp, "c1", "c2");
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @Test
    void installUnchangedUpgradeCheckModeAndUninstallRegisterWhatKubernetesCoreRegisters() {
        RunResult r = lab.run("kubernetes-core-helm.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("localhost                  : ok=12   changed=4    unreachable=0    failed=0"), r.out());
        assertNotNull(lab.lab().cluster("c2").client().namespaces().withName("greetings").get(), "installed on the task's context c2");
        assertNull(lab.lab().cluster("c1").client().namespaces().withName("greetings").get(), "not on the kubeconfig's current context");
        assertTrue(lab.lab().cluster("c2").client().secrets().inNamespace("greetings").list().getItems().isEmpty(),
                "uninstalled with its history (purge defaults to true)");
    }

    @Test
    void helmInfoWrittenForKubernetesCoreRegistersItsStatusAndTheEngineFormKeepsItsOwn() {
        RunResult r = lab.run("kubernetes-core-helm-info.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("localhost                  : ok=16   changed=2    unreachable=0    failed=0"), r.out());
    }

    @Test
    void aPostRendererIsRefusedBeforeAnythingRuns() {
        HostileInputTest.refusedRun(lab.run("refused.yml"), EngineRun.FIXTURES.resolve(DIR + "refused.yml") + ":13:24",
                "post_renderer is not supported: the engine runs Helm in process (helm-java), which has no post-renderer;"
                        + " patch the chart's output with kustomize beforehand, or use helm_release");
    }
}
