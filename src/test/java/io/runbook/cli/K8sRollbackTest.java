package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubernetes.core.k8s_rollback tasks kubernetes.core 2.4.0 cannot carry out (its PATCH uses the task's name, namespace
 * and api_version: a selection, a Deployment named without its namespace, its own default api_version fail with a
 * 404), run by the engine against the lab (k8srollback/beyond.yml): each selected Deployment goes back to its first
 * template, a DaemonSet named in the host's namespace too, and a second rollback goes forward again, as
 * {@code kubectl rollout undo} does. What kubernetes.core does carry out is compared with it in
 * {@link K8sCompatParityTest#rollbacksRunAsWithAnsible}.
 */
class K8sRollbackTest {
    private static final Path DIR = Path.of("test/resources/k8srollback").toAbsolutePath();

    @Test
    void selectedAndNamespaceLessObjectsRollBackAndASecondRollbackGoesForward(@TempDir Path tmp) throws Exception {
        try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("engine")).build())) {
            Path kubeconfig = tmp.resolve("lab.kubeconfig");
            lab.writeKubeconfig(kubeconfig);
            RunResult run = EngineRun.cli(DIR.resolve("beyond.yml").toString(), "-i", DIR.resolve("inventory.yml").toString(),
                    "-e", "kubeconfig_path=" + kubeconfig, "-e", "cluster=engine");
            run.assertRecap("localhost", 10, 7, 0, 0, 0, 0, 0);
            assertEquals(Map.of("edge", "front,side registry.example.com/web:1.0", "agent", "registry.example.com/agent:1.0",
                    "again", "registry.example.com/web:2.0,registry.example.com/agent:2.0"), run.msg("what the rollbacks did", "localhost"),
                    run.toString());
        }
    }
}
