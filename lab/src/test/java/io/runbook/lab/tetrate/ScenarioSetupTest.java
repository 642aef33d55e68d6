package io.runbook.lab.tetrate;

import static io.runbook.lab.tetrate.ManagementPlaneInstallTest.decode;
import static io.runbook.lab.tetrate.TetrateTestLab.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The initial (failed) state of each of the six scenarios. */
class ScenarioSetupTest {
  private static final Duration WAIT = TetrateTestLab.PATIENCE;

  @Test
  void managementClusterLostLeavesAnEmptyMgmtClusterAndControlPlanesPointingAtTheDeadMp(@TempDir Path dir)
      throws Exception {
    try (TetrateTestLab t = new TetrateTestLab(dir, List.of("mgmt", "cp-1"), Scenario.MANAGEMENT_CLUSTER_LOST,
        Variants.defaults())) {
      assertNull(t.mgmt().client().namespaces().withName("tsb").get());
      assertEquals("127.0.1.200", t.dns.resolve(TetrateTestLab.FQDN).orElseThrow());
      for (String file : List.of("iam-signing-key.yaml", "mp-values.yaml", "credentials.yaml")) {
        assertTrue(Files.exists(t.backupDir.resolve(file)), file);
      }
      assertTrue(Files.readString(t.backupDir.resolve("iam-signing-key.yaml")).contains(
          java.util.Base64.getEncoder().encodeToString("kid-2025-old".getBytes())));
      KubernetesClient cp = t.cp("cp-1");
      for (String token : ControlPlaneManifests.TOKENS) {
        assertEquals("kid-2025-old", cp.secrets().inNamespace("istio-system").withName(token).get().getMetadata()
            .getAnnotations().get("lab.runbook.io/kid"), token);
      }
      String bundle = decode(cp.secrets().inNamespace("istio-system").withName("xcp-central-ca-bundle").get()
          .getData().get("ca.crt"));
      assertEquals(Files.readString(t.tetrate.rootCaFile()), bundle, "same root CA");
      assertEquals("organizations/tetrate/clusters/cp-1", decode(cp.secrets().inNamespace("istio-system")
          .withName("cluster-service-account").get().getData().get("clusterFqn")));
      for (String deployment : ControlPlaneManifests.DEPLOYMENTS) {
        assertTrue(cp.apps().deployments().inNamespace("istio-system").withName(deployment).get() != null);
      }
      eventually("edge logs connection refused", WAIT, () -> t.lastEdgeLine("cp-1")
          .contains("dial tcp 127.0.1.200:9443: connect: connection refused"));
      assertEquals("DISCONNECTED", t.xcpStatus("cp-1"));

      t.dns.remove(TetrateTestLab.FQDN);
      eventually("edge logs the failed lookup", WAIT, () -> t.lastEdgeLine("cp-1")
          .contains("dial tcp: lookup tsb.dr.example.test on 10.96.0.10:53: no such host"));
    }
  }

  @Test
  void managementPlaneFailedCrashLoopsTheComponentsBehindTheAddressDnsStillHolds(@TempDir Path dir)
      throws Exception {
    try (TetrateTestLab t = new TetrateTestLab(dir, List.of("mgmt", "cp-1"), Scenario.MANAGEMENT_PLANE_FAILED,
        Variants.defaults())) {
      assertEquals(t.tetrate.envoyAddress(), t.setup.dnsAddress());
      assertEquals(t.tetrate.envoyAddress(), t.dns.resolve(TetrateTestLab.FQDN).orElseThrow());
      eventually("envoy pods crash-loop", WAIT, () -> waiting(t.mgmt().client(), "tsb", "envoy")
          .equals("CrashLoopBackOff"));
      assertEquals(503, t.health("/v2/organizations/tetrate/status").status());
      assertNotEquals("INSTALLED", t.managementPlanePhase());
      assertEquals("kid-2025-old", decode(t.mgmt().client().secrets().inNamespace("tsb").withName("iam-signing-key")
          .get().getData().get("kid")));
      eventually("edges cannot stream", WAIT, () -> t.lastEdgeLine("cp-1").contains("no healthy upstream"));
      assertEquals("DISCONNECTED", t.xcpStatus("cp-1"));
      List<Release> releases = Helm.list().all().withNamespace("tsb").withKubeConfigContents(t.mgmt().kubeconfigYaml())
          .call();
      assertEquals(1, releases.size());
      assertEquals("mp", releases.get(0).getName());
      assertEquals("failed", releases.get(0).getStatus());
      assertEquals("2", releases.get(0).getRevision());
      assertTrue(releases.get(0).getChart().startsWith("managementplane-1.12.0-lab"), releases.get(0).getChart());

      // the way out the playbook takes on the same cluster: upgrade the release with the saved values
      Release upgraded = new Helm(TetrateTestLab.chart()).upgrade().withName("mp").withNamespace("tsb")
          .withKubeConfigContents(t.mgmt().kubeconfigYaml()).withValuesFile(t.backupDir.resolve("mp-values.yaml"))
          .call();
      assertEquals("deployed", upgraded.getStatus());
      eventually("the MP recovers", TetrateTestLab.PATIENCE, () -> status(t) == 200);
      assertEquals("INSTALLED", t.managementPlanePhase());
    }
  }

  @Test
  void centralControlPlaneFailedKeepsTheMpHealthyButEdgesUnavailable(@TempDir Path dir) throws Exception {
    try (TetrateTestLab t = new TetrateTestLab(dir, List.of("mgmt", "cp-1"),
        Scenario.CENTRAL_CONTROL_PLANE_FAILED, Variants.defaults())) {
      eventually("the MP answers its health checks", WAIT, () -> status(t) == 200);
      eventually("central crash-loops", WAIT, () -> waiting(t.mgmt().client(), "tsb", "central")
          .equals("CrashLoopBackOff"));
      assertEquals("INSTALLED", t.managementPlanePhase());
      eventually("edges log Unavailable", WAIT, () -> t.lastEdgeLine("cp-1")
          .contains("rpc error: code = Unavailable desc = no healthy upstream"));
      assertEquals("DISCONNECTED", t.xcpStatus("cp-1"));
    }
  }

  @Test
  void connectivityLostTimesOutControlPlanesWhileTheMpIsHealthy(@TempDir Path dir) throws Exception {
    try (TetrateTestLab t = new TetrateTestLab(dir, List.of("mgmt", "cp-1"), Scenario.CONNECTIVITY_LOST,
        Variants.defaults())) {
      eventually("the MP answers its health checks", WAIT, () -> status(t) == 200);
      String address = t.tetrate.envoyAddress();
      eventually("edges time out", WAIT, () -> t.lastEdgeLine("cp-1").contains("dial tcp " + address
          + ":9443: i/o timeout"));
      t.cp("cp-1").secrets().inNamespace("istio-system").withName("oap-token").delete();
      eventually("token rotation fails", WAIT, () -> t.operatorLog("cp-1").stream()
          .anyMatch(l -> l.contains("token rotation failed") && l.contains(address + ":8443: i/o timeout")));
      t.tetrate.firewall(false);
      eventually("synced once connectivity is back", WAIT, () -> "SYNCED".equals(t.xcpStatus("cp-1")));
    }
  }

  @Test
  void edgeControlPlaneFailedCrashLoopsEdgeOnCp2Only(@TempDir Path dir) throws Exception {
    try (TetrateTestLab t = new TetrateTestLab(dir, List.of("mgmt", "cp-1", "cp-2"),
        Scenario.EDGE_CONTROL_PLANE_FAILED, Variants.defaults())) {
      eventually("cp-2 edge crash-loops", WAIT, () -> waiting(t.cp("cp-2"), "istio-system", "edge")
          .equals("CrashLoopBackOff"));
      eventually("cp-1 synced", WAIT, () -> "SYNCED".equals(t.xcpStatus("cp-1")));
      assertTrue(t.lastEdgeLine("cp-1").contains("configs synced"));
      assertEquals("DISCONNECTED", t.xcpStatus("cp-2"));
    }
  }

  @Test
  void workloadClusterLostAnswers503OnCp3WhileTheOthersSync(@TempDir Path dir) throws Exception {
    try (TetrateTestLab t = new TetrateTestLab(dir, List.of("mgmt", "cp-1", "cp-2", "cp-3"),
        Scenario.WORKLOAD_CLUSTER_LOST, Variants.defaults())) {
      try (OperatorClients clients = new OperatorClients()) {
        KubernetesClient cp3 = clients.forCluster(t.lab.cluster("cp-3"));
        KubernetesClientException error = assertThrows(KubernetesClientException.class,
            () -> cp3.namespaces().list());
        assertEquals(503, error.getCode());
      }
      eventually("cp-1 synced", WAIT, () -> "SYNCED".equals(t.xcpStatus("cp-1")));
      eventually("cp-2 synced", WAIT, () -> "SYNCED".equals(t.xcpStatus("cp-2")));
    }
  }

  private static int status(TetrateTestLab t) {
    try {
      return t.health("/v2/organizations/tetrate/status").status();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The waiting reason of the first pod labelled app=name, or "" when it is not waiting. */
  private static String waiting(KubernetesClient client, String namespace, String app) {
    List<Pod> pods = client.pods().inNamespace(namespace).withLabel("app", app).list().getItems();
    if (pods.isEmpty() || pods.get(0).getStatus().getContainerStatuses() == null
        || pods.get(0).getStatus().getContainerStatuses().isEmpty()) {
      return "";
    }
    var waiting = pods.get(0).getStatus().getContainerStatuses().get(0).getState().getWaiting();
    return waiting == null ? "" : String.valueOf(waiting.getReason());
  }
}
