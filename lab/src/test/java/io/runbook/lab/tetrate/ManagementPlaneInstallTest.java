package io.runbook.lab.tetrate;

import static io.runbook.lab.tetrate.TetrateTestLab.FQDN;
import static io.runbook.lab.tetrate.TetrateTestLab.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery of a lost management cluster with the signing-key backup, driven the way the playbooks drive it. */
class ManagementPlaneInstallTest {

  @Test
  void chartInstallBringsUpTheManagementPlaneAndControlPlanesSyncWithTheirOldTokens(@TempDir Path dir)
      throws Exception {
    try (TetrateTestLab t = new TetrateTestLab(dir, List.of("mgmt", "cp-1"), Scenario.MANAGEMENT_CLUSTER_LOST,
        Variants.defaults())) {
      assertEquals(TetrateLab.OLD_MP_ADDRESS, t.setup.dnsAddress());
      assertEquals(503, t.health("/v2/organizations/tetrate/status").status(), "nothing installed yet");
      eventually("edge logs connection refused to the old MP address", TetrateTestLab.PATIENCE,
          () -> t.lastEdgeLine("cp-1").contains("dial tcp 127.0.1.200:9443: connect: connection refused"));
      assertEquals("DISCONNECTED", t.xcpStatus("cp-1"));
      Map<String, String> uidsBefore = tokenUids(t.cp("cp-1"));

      Release release = t.installManagementPlane();
      assertEquals("deployed", release.getStatus());
      KubernetesClient mgmt = t.mgmt().client();
      assertEquals(1, mgmt.apps().deployments().inNamespace("tsb").withName("tsb-operator-management-plane").get()
          .getStatus().getReadyReplicas());
      eventually("ManagementPlane INSTALLED", TetrateTestLab.PATIENCE,
          () -> "INSTALLED".equals(t.managementPlanePhase()));

      List<String> components = List.of("envoy", "iam", "tsb", "mpc", "oap", "otel-collector", "web",
          "xcp-operator-central", "central");
      for (String component : components) {
        Deployment d = mgmt.apps().deployments().inNamespace("tsb").withName(component).get();
        assertEquals(d.getSpec().getReplicas(), d.getStatus().getReadyReplicas(), component + " ready");
      }
      assertEquals(2, mgmt.apps().deployments().inNamespace("tsb").withName("envoy").get().getSpec().getReplicas());
      assertEquals(2, mgmt.pods().inNamespace("tsb").withLabel("app", "envoy").list().getItems().size());

      String address = mgmt.services().inNamespace("tsb").withName("envoy").get().getStatus().getLoadBalancer()
          .getIngress().get(0).getIp();
      assertEquals(t.tetrate.envoyAddress(), address);
      assertTrue(address.startsWith("127.0.1."), address);
      Secret key = mgmt.secrets().inNamespace("tsb").withName("iam-signing-key").get();
      assertEquals("kid-2025-old", decode(key.getData().get("kid")), "the restored key is kept");
      List<String> operatorLog = t.managementPlaneOperatorLog();
      assertTrue(operatorLog.stream().anyMatch(l -> l.contains("using existing signing key") && l.contains(
          "kid-2025-old")), String.join("\n", operatorLog));
      assertTrue(operatorLog.stream().anyMatch(l -> l.contains("created deployment tsb/central")));
      // the order the operator created them in (resource versions also move with later status updates)
      assertTrue(lineOf(operatorLog, "created deployment tsb/central") > lineOf(operatorLog, "created deployment tsb/envoy"),
          "central comes last: " + String.join("\n", operatorLog));

      var status = t.health("/v2/organizations/tetrate/status");
      assertEquals(200, status.status());
      assertEquals("{\"status\":\"OK\"}", status.body());
      assertEquals(200, t.health("/promql/api/v1/labels").status());
      assertTrue(Files.readString(t.tetrate.rootCaFile()).startsWith("-----BEGIN CERTIFICATE-----"));
      var trust = MpCertificates.trusting(Files.readString(t.tetrate.rootCaFile()));
      assertThrows(SSLException.class, () -> new PinnedHttpsClient(trust, Duration.ofMinutes(2))
          .get("other.dr.example.test", address, 8443, "/promql/api/v1/labels"), "the certificate names only " + FQDN);

      t.dns.point(FQDN, address);
      eventually("edge logs a synced stream", TetrateTestLab.PATIENCE,
          () -> t.lastEdgeLine("cp-1").contains("connected to management plane " + FQDN + ":9443, configs synced"));
      eventually("ControlPlane SYNCED", TetrateTestLab.PATIENCE, () -> "SYNCED".equals(t.xcpStatus("cp-1")));
      assertEquals(uidsBefore, tokenUids(t.cp("cp-1")), "no token was re-issued");
    }
  }

  static Map<String, String> tokenUids(KubernetesClient client) {
    Map<String, String> uids = new java.util.TreeMap<>();
    for (String name : ControlPlaneManifests.TOKENS) {
      Secret secret = client.secrets().inNamespace("istio-system").withName(name).get();
      uids.put(name, secret == null ? null : secret.getMetadata().getUid());
    }
    return uids;
  }

  private static int lineOf(List<String> log, String text) {
    for (int i = 0; i < log.size(); i++) {
      if (log.get(i).contains(text)) {
        return i;
      }
    }
    throw new AssertionError("no line with '" + text + "' in:\n" + String.join("\n", log));
  }

  static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
