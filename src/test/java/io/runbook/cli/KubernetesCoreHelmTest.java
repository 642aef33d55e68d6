package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import java.nio.file.Path;
import java.util.List;
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
    private static final String DIR = "helmcompat/";
    private static Lab lab;
    private static Path kubeconfig;

    @BeforeAll
    static void startLab(@TempDir Path tmp) throws Exception {
        lab = Lab.start(LabOptions.builder().clusters(List.of("c1", "c2")).build());
        kubeconfig = tmp.resolve("lab.kubeconfig");
        lab.writeKubeconfig(kubeconfig);
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    private static RunResult run(String playbook, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(EngineRun.fixture(DIR + playbook), "-i", "localhost,", "-c", "local",
                "-e", "lab_kubeconfig=" + kubeconfig.toAbsolutePath()));
        args.addAll(List.of(more));
        return EngineRun.cli(args.toArray(String[]::new));
    }

    @Test
    void installUnchangedUpgradeCheckModeAndUninstallRegisterWhatKubernetesCoreRegisters() {
        RunResult r = run("kubernetes-core-helm.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("localhost                  : ok=12   changed=4    unreachable=0    failed=0"), r.out());
        assertNotNull(lab.cluster("c2").client().namespaces().withName("greetings").get(), "installed on the task's context c2");
        assertNull(lab.cluster("c1").client().namespaces().withName("greetings").get(), "not on the kubeconfig's current context");
        assertTrue(lab.cluster("c2").client().secrets().inNamespace("greetings").list().getItems().isEmpty(),
                "uninstalled with its history (purge defaults to true)");
    }

    @Test
    void helmInfoWrittenForKubernetesCoreRegistersItsStatusAndTheEngineFormKeepsItsOwn() {
        RunResult r = run("kubernetes-core-helm-info.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("localhost                  : ok=16   changed=2    unreachable=0    failed=0"), r.out());
    }

    @Test
    void aPostRendererIsRefusedBeforeAnythingRuns() {
        HostileInputTest.refusedRun(run("refused.yml"), EngineRun.FIXTURES.resolve(DIR + "refused.yml") + ":13:24",
                "post_renderer is not supported: the engine runs Helm in process (helm-java), which has no post-renderer;"
                        + " patch the chart's output with kustomize beforehand, or use helm_release");
    }
}
