package io.runbook.modules.helm;

import static io.runbook.modules.helm.HelmLab.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine runs a task on many hosts at once: one in-process Helm serves releases on several clusters in parallel. */
class ParallelReleasesTest {

    @Test
    void releasesOnSeveralClustersInstallAtOnceEachOnItsOwnCluster(@TempDir Path dir) throws Exception {
        String chart = HelmLab.chartCopy(dir).toString();
        List<String> clusters = new ArrayList<>(HelmLab.OTHERS);
        clusters.add(HelmLab.CLUSTER);
        ExecutorService forks = Executors.newFixedThreadPool(clusters.size());
        try {
            List<Future<Result[]>> runs = new ArrayList<>();
            for (String cluster : clusters) {
                runs.add(forks.submit(() -> {
                    try (DirectRun run = HelmLab.run(cluster, "istio-system")) {
                        Map<String, Object> a = args("name", "cp", "chart", chart, "create_namespace", true,
                                "values", Map.of("message", "control plane " + cluster));
                        return new Result[] {run.run(a), run.run(a)};
                    }
                }));
            }
            for (int i = 0; i < clusters.size(); i++) {
                Result[] r = runs.get(i).get();
                String cluster = clusters.get(i);
                assertTrue(r[0].isChanged() && !r[0].isFailed(), cluster + ": " + r[0]);
                assertFalse(r[1].isChanged(), cluster + ": " + r[1]);
                assertEquals("control plane " + cluster, HelmLab.lab().cluster(cluster).client().configMaps()
                        .inNamespace("istio-system").withName("cp-config").get().getData().get("message"));
            }
        } finally {
            forks.shutdownNow();
        }
    }
}
