package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubernetes.core.helm_repository tasks written as for Ansible, run as a user runs them, against a chart repository
 * served on loopback with basic auth (index.yaml and the greeting chart packaged by the test): check mode predicts and
 * writes nothing, the addition registers kubernetes.core's command/stdout/stderr, the same repository again is
 * unchanged, kubernetes.core.helm installs {@code repo/chart} from it on the lab and kubernetes.core.helm_template renders
 * it (its manifest, with the warning that hooks and CRDs of a chart from a repository are left out), another URL is refused unless
 * force_update, removal, and the repository's password never printed. No helm binary and no Ansible run is possible
 * for helm here, so the playbook's asserts are kubernetes.core 2.4.0's coded results (helm_repository.py).
 */
class KubernetesCoreHelmRepositoryTest {
    private static final String DIR = "helmcompat/";
    private static final String PASSWORD = "repo-pa55-never-shown";

    @Test
    void addUnchangedInstallFromItUrlChangeAndRemoveRegisterWhatKubernetesCoreRegisters(@TempDir Path tmp) throws Exception {
        Path site = Files.createDirectories(tmp.resolve("site"));
        Path chart = EngineRun.FIXTURES.resolve(DIR + "charts/greeting").toAbsolutePath();
        Files.writeString(site.resolve("index.yaml"), ChartRepositoryServer.index("greeting",
                List.of(ChartRepositoryServer.packageChart(chart, "0.1.0", site))));
        ChartRepositoryServer server = new ChartRepositoryServer(site, "reader", PASSWORD, "/charts/", "/mirror/");
        String repo = "runbook-test-" + UUID.randomUUID().toString().substring(0, 8);
        List<Path> cached = ChartRepositoryServer.newCacheFiles(repo, "greeting-0.1.0.tgz");
        try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("c1", "c2")).build())) {
            Path kubeconfig = tmp.resolve("lab.kubeconfig");
            lab.writeKubeconfig(kubeconfig);
            Path repositories = tmp.resolve("helm/repositories.yaml");
            RunResult r = EngineRun.cli(EngineRun.fixture(DIR + "kubernetes-core-helm-repository.yml"), "-i", "localhost,", "-c", "local",
                    "-e", "lab_kubeconfig=" + kubeconfig.toAbsolutePath(), "-e", "helm_repositories=" + repositories,
                    "-e", "repo=" + repo, "-e", "repo_url=" + server.url("/charts/"),
                    "-e", "repo_password=" + PASSWORD);
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains("localhost                  : ok=23   changed=8    unreachable=0    failed=0    skipped=0"
                    + "    rescued=0    ignored=1"), r.out());
            assertTrue(r.out().contains("helm repo add " + repo), "the registered result is shown by debug: " + r.out());
            assertFalse(r.toString().contains(PASSWORD), "the repository's password was printed:\n" + r);
            assertFalse(Files.readString(repositories).contains("name: " + repo), "removed from the repositories file");
            assertNotNull(lab.cluster("c2").client().namespaces().withName("greetings-repo").get(), "installed on the task's context c2");
            assertTrue(lab.cluster("c2").client().secrets().inNamespace("greetings-repo").list().getItems().isEmpty(), "uninstalled");
        } finally {
            server.close();
            for (Path p : cached) {
                Files.deleteIfExists(p); // Helm caches repository indexes and charts where the helm CLI does
            }
        }
    }

    @Test
    void aUsernameWithoutItsPasswordIsRefusedBeforeAnythingRuns() {
        RunResult r = EngineRun.cli(EngineRun.fixture(DIR + "refused-repository.yml"), "-i", "localhost,", "-c", "local");
        HostileInputTest.refusedRun(r, EngineRun.FIXTURES.resolve(DIR + "refused-repository.yml") + ":8:7",
                "parameters are required together: repo_username, repo_password");
    }
}
