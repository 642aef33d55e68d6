package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubernetes.core.helm_pull tasks written as for Ansible, run as a user runs them, against a chart repository served
 * on loopback with basic auth (index.yaml and the greeting chart packaged by the test in four versions): check mode
 * writes nothing, the newest stable version, a range, chart_devel, untar_chart and its refusal the second time, a
 * version the repository lacks, no credentials, the archive's own URL with provenance, and repo/chart of a
 * repository added with helm_repository. No helm binary is on the test machine, so the playbook's asserts are
 * kubernetes.core 2.4.0's coded results (helm_pull.py) and Helm 3.21's words (action/pull.go, repo/chartrepo.go).
 */
class HelmPullTest {
    private static final String DIR = "helmcompat/";
    private static final String PASSWORD = "pull-pa55-never-shown";

    @Test
    void pullsTheVersionAskedForAsHelmDoesAndRegistersWhatKubernetesCoreRegisters(@TempDir Path tmp) throws Exception {
        Path site = Files.createDirectories(tmp.resolve("site"));
        Path chart = EngineRun.FIXTURES.resolve(DIR + "charts/greeting").toAbsolutePath();
        List<String> entries = new ArrayList<>();
        for (String version : List.of("0.1.0", "1.1.0-rc.1", "1.0.0", "0.2.0")) {
            entries.add(ChartRepositoryServer.packageChart(chart, version, site));
        }
        Files.writeString(site.resolve("index.yaml"), ChartRepositoryServer.index("greeting", entries));
        Path dest = Files.createDirectories(tmp.resolve("charts"));
        Path journal = tmp.resolve("journal");
        String repo = "runbook-pull-" + UUID.randomUUID().toString().substring(0, 8);
        List<Path> cached = ChartRepositoryServer.newCacheFiles(repo);
        try (ChartRepositoryServer server = new ChartRepositoryServer(site, "reader", PASSWORD, "/charts/")) {
            RunResult r = EngineRun.cli(EngineRun.fixture(DIR + "kubernetes-core-helm-pull.yml"), "-i", "localhost,", "-c", "local",
                    "--journal", journal.toString(), "-e", "repo_url=" + server.url("/charts/"), "-e", "repo_password=" + PASSWORD,
                    "-e", "dest=" + dest, "-e", "repo=" + repo, "-e", "helm_repositories=" + tmp.resolve("helm/repositories.yaml"));
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains("localhost                  : ok=28   changed=10   unreachable=0    failed=0    skipped=0"
                    + "    rescued=0    ignored=3"), r.out());
            assertTrue(r.out().contains("--password ********"), "the registered command is shown by debug, the password masked: " + r.out());
            assertFalse(r.toString().contains(PASSWORD), "the repository's password was printed:\n" + r);
            try (Stream<Path> files = Files.walk(journal)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(Files.readString(f).contains(PASSWORD), "the password is in the journal's " + f);
                }
            }
            assertEquals(List.of("by-url", "greeting-0.2.0.tgz", "greeting-1.0.0.tgz", "greeting-1.1.0-rc.1.tgz", "unpacked"),
                    names(dest), "check mode wrote nothing; each pull wrote its archive or folder");
            assertEquals(List.of("Chart.yaml", "templates", "values.yaml"), names(dest.resolve("unpacked/greeting")));
        } finally {
            for (Path p : cached) {
                Files.deleteIfExists(p); // Helm caches repository indexes where the helm CLI does
            }
        }
    }

    @Test
    void verifyChartIsRefusedBeforeAnythingRuns() {
        RunResult r = EngineRun.cli(EngineRun.fixture(DIR + "refused-pull.yml"), "-i", "localhost,", "-c", "local");
        HostileInputTest.refusedRun(r, EngineRun.FIXTURES.resolve(DIR + "refused-pull.yml") + ":13:23", "verify_chart is not"
                + " supported: the engine pulls charts in process (helm-java has no pull) and does not check provenance signatures;"
                + " use provenance: true to fetch the .prov file and verify it with gpg or helm verify");
    }

    private static List<String> names(Path folder) throws java.io.IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
