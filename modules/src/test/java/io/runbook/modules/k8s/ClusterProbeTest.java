package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Result;
import io.runbook.lab.PodProgram;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** cluster_probe runs its checks in a Job of the cluster; wait_pods says why pods fail from their logs. */
class ClusterProbeTest {
    /** What the probe pods of each test namespace print: container → run; the Secret the pod's env names, seen. */
    private static final Map<String, Map<String, PodProgram.Run>> OUTCOMES = new ConcurrentHashMap<>();
    private static final Map<String, String> PASSWORDS_SEEN = new ConcurrentHashMap<>();

    static {
        LabHost.cluster().runPods(pod -> {
            Map<String, PodProgram.Run> runs = OUTCOMES.get(pod.getMetadata().getNamespace());
            if (runs != null) {
                pod.getSpec().getContainers().stream().flatMap(c -> c.getEnv().stream())
                        .filter(e -> "PGPASSWORD".equals(e.getName())).findFirst().ifPresent(e -> {
                            var secret = LabHost.client().secrets().inNamespace(pod.getMetadata().getNamespace())
                                    .withName(e.getValueFrom().getSecretKeyRef().getName()).get();
                            PASSWORDS_SEEN.put(pod.getMetadata().getNamespace(), new String(java.util.Base64.getDecoder()
                                    .decode(secret.getData().get(e.getValueFrom().getSecretKeyRef().getKey()))));
                        });
            }
            return runs;
        });
    }

    @Test
    void eachCheckSaysWhatItsToolPrintedWithTheRemedyAndNothingIsLeftBehind() throws Exception {
        String ns = LabHost.namespace("probe");
        OUTCOMES.put(ns, Map.of(
                "db", new PodProgram.Run(2, List.of("psql: error: connection to server at \"10.0.0.5\", port 5432 failed: "
                        + "FATAL:  password authentication failed for user \"tsb\"")),
                "es", new PodProgram.Run(28, List.of("curl: (28) Failed to connect to 10.0.0.6 port 9200 after 10002 ms: "
                        + "Timeout was reached")),
                "mp", new PodProgram.Run(0, List.of())));
        try (DirectRun run = LabHost.run(new ClusterProbe(), ns)) {
            Result r = run.run(Map.of("namespace", ns, "checks", List.of(
                    Map.of("name", "db", "kind", "postgres", "host", "10.0.0.5", "username", "tsb", "password",
                            "s3cret-postgres-pw", "what", "the Postgres database"),
                    Map.of("name", "es", "kind", "http", "url", "https://10.0.0.6:9200/", "username", "elastic",
                            "password", "s3cret-elastic-pw", "what", "Elasticsearch"),
                    Map.of("name", "mp", "kind", "tcp", "host", "tsb.example.com", "port", 9443))));
            assertTrue(r.isFailed(), r.msg());
            assertFalse(r.isChanged());
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> checks = (Map<String, Map<String, Object>>) r.data().get("checks");
            assertEquals("auth_failed", checks.get("db").get("outcome"));
            assertEquals("timeout", checks.get("es").get("outcome"));
            assertEquals(true, checks.get("mp").get("ok"));
            assertTrue(r.msg().contains("db (10.0.0.5:5432): auth_failed: psql: error: connection to server at \"10.0.0.5\", "
                    + "port 5432 failed: FATAL:  password authentication failed for user \"tsb\" — remedy: the Postgres "
                    + "database refuses the credentials: check the credentials passed through Helm or mp-values.yaml"), r.msg());
            assertTrue(r.msg().contains("es (https://10.0.0.6:9200/): timeout: curl: (28) Failed to connect to 10.0.0.6 port "
                    + "9200 after 10002 ms: Timeout was reached — remedy: connections to https://10.0.0.6:9200/ time out: "
                    + "check the firewall rules toward Elasticsearch (from this cluster)"), r.msg());
            assertEquals("s3cret-postgres-pw", PASSWORDS_SEEN.get(ns), "the password reaches psql through the Secret");
            assertTrue(run.secrets().contains("s3cret-postgres-pw") && run.secrets().contains("s3cret-elastic-pw"));
        }
        LabHost.eventually(java.time.Duration.ofMinutes(2), () -> LabHost.client().batch().v1().jobs().inNamespace(ns)
                .list().getItems().isEmpty() && LabHost.client().secrets().inNamespace(ns).list().getItems().isEmpty());
    }

    @Test
    void checkModeCreatesNothing() throws Exception {
        String ns = LabHost.namespace("probe-check");
        try (DirectRun run = LabHost.run(new ClusterProbe(), ns).check(true)) {
            Result r = run.run(Map.of("namespace", ns, "checks", List.of(Map.of("name", "mp", "kind", "tcp", "host", "a",
                    "port", 1))));
            assertFalse(r.isFailed());
            assertTrue(r.msg().startsWith("check mode: would check mp (a:1)"), r.msg());
        }
        assertTrue(LabHost.client().batch().v1().jobs().inNamespace(ns).list().getItems().isEmpty());
    }

    @Test
    void waitPodsStopsAtOnceWhenThePodsLogsShowTheirDatabaseRefusesThem() throws Exception {
        String ns = LabHost.namespace("db-auth");
        LabHost.cluster().failPods(ns, Map.of("app", "api"), "CrashLoopBackOff", "back-off 5m0s restarting failed container");
        LabHost.client().apps().deployments().inNamespace(ns).resource(new DeploymentBuilder().withNewMetadata()
                .withName("api").endMetadata().withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "api")
                .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "api").endMetadata().withNewSpec()
                .addNewContainer().withName("api").withImage("api:1").endContainer().endSpec().endTemplate().endSpec().build())
                .create();
        LabHost.eventually(java.time.Duration.ofMinutes(2), () -> LabHost.cluster().appendPodLogs(ns, Map.of("app", "api"),
                "api", "error\tpersistence\tunable to open the database connection: pq: password authentication failed "
                        + "for user \"tsb\"") > 0);
        try (DirectRun run = LabHost.run(new WaitPods(), ns)) {
            Result r = run.run(Map.of("deployments", List.of("api"), "timeout", "10m",
                    "stop_on_log_errors", List.of("database_auth", "database_unreachable")));
            assertTrue(r.isFailed());
            assertTrue(r.msg().startsWith("stopped waiting (the logs show database_auth) for workloads in " + ns), r.msg());
            assertTrue(r.msg().contains("check the credentials passed through Helm or mp-values.yaml"), r.msg());
            assertTrue(((Map<?, ?>) r.data().get("log_categories")).containsKey("database_auth"));
        }
    }
}
