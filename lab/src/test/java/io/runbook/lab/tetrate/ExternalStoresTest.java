package io.runbook.lab.tetrate;

import static io.runbook.lab.tetrate.TetrateTestLab.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external Postgres and Elasticsearch: what the MP's components and pods checking from inside a cluster get. */
class ExternalStoresTest {
  private static final List<String> CLUSTERS = List.of("mgmt", "cp-1");

  @Test
  void healthyStoresServeTheConfigurationAndTheMetricsHistory(@TempDir Path dir) throws Exception {
    try (TetrateTestLab t = new TetrateTestLab(dir, CLUSTERS, Scenario.MANAGEMENT_CLUSTER_LOST, Variants.defaults())) {
      String values = Files.readString(t.backupDir.resolve("mp-values.yaml"));
      assertTrue(values.contains("host: 172.20.5.10") && values.contains("host: 172.20.5.20"), values);
      assertEquals("clusters:\n- cp-1\nmetrics_history: present\norganizations:\n- tetrate\ntenants:\n- payments\n"
          + "- platform\nworkspaces:\n- payments/checkout\n- payments/ledger\n- platform/gateways\n"
          + "- platform/observability\n", Files.readString(t.backupDir.resolve("configuration.yaml")));
      t.installManagementPlane();
      eventually("ManagementPlane INSTALLED", TetrateTestLab.PATIENCE, () -> "INSTALLED".equals(t.managementPlanePhase()));
      eventually("the API answers", TetrateTestLab.PATIENCE, () -> status(t, "/v2/organizations/tetrate/status") == 200);
      var tenants = t.health("/v2/organizations/tetrate/tenants");
      assertEquals(200, tenants.status());
      assertTrue(tenants.body().contains("\"fqn\":\"organizations/tetrate/tenants/payments\""), tenants.body());
      assertTrue(t.health("/v2/organizations/tetrate/tenants/platform/workspaces").body().contains("observability"));
      assertTrue(t.health("/v2/organizations/tetrate/clusters").body().contains("\"name\":\"cp-1\""));
      assertEquals(404, t.health("/v2/organizations/tetrate/tenants/nope/workspaces").status());
      assertTrue(t.health("/promql/api/v1/series").body().contains("service_cpm"));
    }
  }

  @Test
  void aPasswordChangedSinceTheBackupMakesTheApiServerAndIamCrashLoopLoggingTheAuthenticationFailure(
      @TempDir Path dir) throws Exception {
    try (TetrateTestLab t = new TetrateTestLab(dir, CLUSTERS, Scenario.MANAGEMENT_CLUSTER_LOST,
        Variants.of("present", "same", "bad-credentials", "ok"))) {
      t.installManagementPlane();
      for (String component : List.of("tsb", "iam")) {
        eventually(component + " crash-loops logging the refused password", TetrateTestLab.PATIENCE,
            () -> crashLoopsLogging(t, component, "pq: password authentication failed for user \"tsb\""));
      }
      assertEquals(503, t.health("/v2/organizations/tetrate/status").status(), "no healthy upstream");
      eventually("oap has its Elasticsearch: ready", TetrateTestLab.PATIENCE, () -> t.mgmt().client().pods()
          .inNamespace("tsb").withLabel("app", "oap").list().getItems().stream().allMatch(p -> p.getStatus() != null
              && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType())
              && "True".equals(c.getStatus()))));
    }
  }

  @Test
  void aFirewalledPostgresTimesOutAndAFirewalledElasticsearchToo(@TempDir Path dir) throws Exception {
    try (TetrateTestLab t = new TetrateTestLab(dir, CLUSTERS, Scenario.MANAGEMENT_CLUSTER_LOST,
        Variants.of("present", "same", "unreachable", "unreachable"))) {
      t.installManagementPlane();
      eventually("tsb logs the timeout", TetrateTestLab.PATIENCE,
          () -> crashLoopsLogging(t, "tsb", "dial tcp 172.20.5.10:5432: i/o timeout"));
      eventually("oap logs the timeout", TetrateTestLab.PATIENCE,
          () -> crashLoopsLogging(t, "oap", "java.net.ConnectException: Timeout connecting to [/172.20.5.20:9200]"));
    }
  }

  @Test
  void anEmptyElasticsearchIsTolerated(@TempDir Path dir) throws Exception {
    try (TetrateTestLab t = new TetrateTestLab(dir, CLUSTERS, Scenario.MANAGEMENT_CLUSTER_LOST,
        Variants.of("present", "same", "ok", "empty"))) {
      t.installManagementPlane();
      eventually("ManagementPlane INSTALLED", TetrateTestLab.PATIENCE, () -> "INSTALLED".equals(t.managementPlanePhase()));
      eventually("the API answers", TetrateTestLab.PATIENCE, () -> status(t, "/v2/organizations/tetrate/status") == 200);
      assertEquals("{\"status\":\"success\",\"data\":[]}", t.health("/promql/api/v1/series").body());
    }
  }

  @Test
  void podsCheckingFromInsideAClusterGetWhatTheNetworkRulesSay(@TempDir Path dir) throws Exception {
    try (TetrateTestLab t = new TetrateTestLab(dir, CLUSTERS, Scenario.MANAGEMENT_CLUSTER_LOST,
        Variants.of("present", "same", "bad-credentials", "unreachable"))) {
      KubernetesClient mgmt = t.mgmt().client();
      mgmt.load(new java.io.ByteArrayInputStream(("""
          apiVersion: v1
          kind: Secret
          metadata: {name: probe, namespace: default}
          stringData: {postgres-password: tsb-postgres-password, elastic.curlrc: 'user = "elastic:elastic-lab-password"'}
          ---
          apiVersion: batch/v1
          kind: Job
          metadata: {name: probe, namespace: default}
          spec:
            backoffLimit: 0
            template:
              spec:
                restartPolicy: Never
                volumes: [{name: creds, secret: {secretName: probe}}]
                containers:
                - name: postgres
                  image: postgres:16-alpine
                  command: [psql, "host=172.20.5.10 port=5432 dbname=tsb user=tsb connect_timeout=10", -tAc, select 1]
                  env: [{name: PGPASSWORD, valueFrom: {secretKeyRef: {name: probe, key: postgres-password}}}]
                - name: elastic
                  image: curlimages/curl
                  command: [curl, -sS, -f, -k, -m, "10", -K, /creds/elastic.curlrc, "https://172.20.5.20:9200/"]
                  volumeMounts: [{name: creds, mountPath: /creds}]
          """).getBytes())).serverSideApply();
      eventually("the Job fails", TetrateTestLab.PATIENCE, () -> failed(mgmt.batch().v1().jobs().inNamespace("default")
          .withName("probe").get()));
      Pod pod = mgmt.pods().inNamespace("default").withLabel("job-name", "probe").list().getItems().get(0);
      assertEquals("Failed", pod.getStatus().getPhase());
      assertEquals(List.of("psql: error: connection to server at \"172.20.5.10\", port 5432 failed: FATAL:  password "
          + "authentication failed for user \"tsb\""), t.mgmt().podLog("default", pod.getMetadata().getName(), "postgres"));
      assertEquals(List.of("curl: (28) Failed to connect to 172.20.5.20 port 9200 after 10002 ms: Timeout was reached"),
          t.mgmt().podLog("default", pod.getMetadata().getName(), "elastic"));
      assertEquals(1, mgmt.pods().inNamespace("default").withLabel("job-name", "probe").list().getItems().size(),
          "backoffLimit 0: no second pod");
    }
  }

  private static boolean failed(Job job) {
    return job != null && job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus()
        .getConditions().stream().anyMatch(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static boolean crashLoopsLogging(TetrateTestLab t, String component, String text) {
    List<Pod> pods = t.mgmt().client().pods().inNamespace("tsb").withLabel("app", component).list().getItems();
    return !pods.isEmpty() && pods.stream().allMatch(p -> p.getStatus() != null && p.getStatus().getContainerStatuses()
        != null && p.getStatus().getContainerStatuses().stream().anyMatch(c -> c.getState().getWaiting() != null
        && "CrashLoopBackOff".equals(c.getState().getWaiting().getReason()))
        && t.mgmt().podLog("tsb", p.getMetadata().getName(), component).stream().anyMatch(l -> l.contains(text)));
  }

  private static int status(TetrateTestLab t, String path) {
    try {
      return t.health(path).status();
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
