package io.runbook.lab.tetrate;

import static io.runbook.lab.tetrate.ManagementPlaneInstallTest.decode;
import static io.runbook.lab.tetrate.ManagementPlaneInstallTest.tokenUids;
import static io.runbook.lab.tetrate.TetrateTestLab.FQDN;
import static io.runbook.lab.tetrate.TetrateTestLab.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What happens to control-plane tokens when the new MP has another signing key or another root CA. */
class TokenRotationTest {

  @Test
  void withTheSigningKeyLostEdgesAreUnauthenticatedUntilTheTokensAreDeletedAndReissuedWithTheNewKid(
      @TempDir Path dir) throws Exception {
    try (TetrateTestLab t = new TetrateTestLab(dir, List.of("mgmt", "cp-1", "cp-2"),
        Scenario.MANAGEMENT_CLUSTER_LOST, Variants.of("lost", "same"))) {
      assertFalse(Files.exists(t.backupDir.resolve("iam-signing-key.yaml")), "the key backup is lost");
      assertTrue(Files.exists(t.backupDir.resolve("mp-values.yaml")));
      t.installManagementPlane();
      eventually("ManagementPlane INSTALLED", TetrateTestLab.PATIENCE,
          () -> "INSTALLED".equals(t.managementPlanePhase()));
      Secret key = t.mgmt().client().secrets().inNamespace("tsb").withName("iam-signing-key").get();
      String newKid = decode(key.getData().get("kid"));
      assertTrue(newKid.startsWith("kid-") && !newKid.equals("kid-2025-old"), newKid);
      assertTrue(t.managementPlaneOperatorLog().stream().anyMatch(l -> l.contains("generating a new signing key "
          + newKid)));

      t.dns.point(FQDN, t.tetrate.envoyAddress());
      for (String cp : List.of("cp-1", "cp-2")) {
        eventually(cp + " edge logs Unauthenticated", TetrateTestLab.PATIENCE, () -> t.lastEdgeLine(cp)
            .contains("rpc error: code = Unauthenticated desc = token signed by unknown key kid-2025-old"));
        eventually(cp + " AUTH_FAILED", TetrateTestLab.PATIENCE, () -> "AUTH_FAILED".equals(t.xcpStatus(cp)));
      }

      KubernetesClient cp1 = t.cp("cp-1");
      Map<String, String> before = tokenUids(cp1);
      for (String token : ControlPlaneManifests.TOKENS) {
        cp1.secrets().inNamespace("istio-system").withName(token).delete();
      }
      eventually("the four tokens are re-issued", TetrateTestLab.PATIENCE,
          () -> !tokenUids(cp1).containsValue(null));
      Map<String, String> after = tokenUids(cp1);
      for (String token : ControlPlaneManifests.TOKENS) {
        assertNotEquals(before.get(token), after.get(token), token + " has a new uid");
        Secret secret = cp1.secrets().inNamespace("istio-system").withName(token).get();
        assertEquals(newKid, secret.getMetadata().getAnnotations().get("lab.runbook.io/kid"));
        assertNotNull(secret.getData().get(token.equals("xcp-edge-central-auth-token") ? "jwt" : "token"));
      }
      eventually("cp-1 edge logs a synced stream", TetrateTestLab.PATIENCE,
          () -> t.lastEdgeLine("cp-1").contains("configs synced"));
      eventually("cp-1 SYNCED", TetrateTestLab.PATIENCE, () -> "SYNCED".equals(t.xcpStatus("cp-1")));
      assertTrue(t.operatorLog("cp-1").stream().anyMatch(l -> l.contains("token rotated")
          && l.contains(newKid)), "the CP operator logs the rotation");
      assertEquals("AUTH_FAILED", t.xcpStatus("cp-2"), "cp-2 still holds tokens of the old key");
      assertTrue(t.lastEdgeLine("cp-2").contains("Unauthenticated"));

      KubernetesClient cp2 = t.cp("cp-2");
      cp2.secrets().inNamespace("istio-system").withName("cluster-service-account").delete();
      cp2.secrets().inNamespace("istio-system").withName("oap-token").delete();
      eventually("without its service account the operator cannot mint tokens", TetrateTestLab.PATIENCE,
          () -> t.operatorLog("cp-2").stream().anyMatch(l -> l.contains("token rotation failed, retrying in 15m0s: "
              + "secret istio-system/cluster-service-account not found")));
      assertEquals(null, tokenUids(cp2).get("oap-token"));
    }
  }

  @Test
  void aControlPlaneDiallingAnotherNameLogsTheRealCertificateNameMismatch(@TempDir Path dir) throws Exception {
    try (TetrateTestLab t = new TetrateTestLab(dir, List.of("mgmt", "cp-1"), Scenario.CENTRAL_CONTROL_PLANE_FAILED,
        Variants.defaults())) {
      t.dns.point("mp.dr.example.test", t.tetrate.envoyAddress());
      var controlPlanes = t.cp("cp-1").genericKubernetesResources(ControlPlaneOperator.CONTROL_PLANES)
          .inNamespace("istio-system");
      controlPlanes.withName("controlplane").edit(cr -> {
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) cr.getAdditionalProperties().get("spec");
        @SuppressWarnings("unchecked")
        Map<String, Object> mp = (Map<String, Object>) spec.get("managementPlane");
        mp.put("host", "mp.dr.example.test");
        return cr;
      });
      eventually("edge logs the name mismatch", TetrateTestLab.PATIENCE, () -> t.lastEdgeLine("cp-1").contains(
          "tls: failed to verify certificate: x509: certificate is valid for " + FQDN + ", not mp.dr.example.test"));
      eventually("TLS_FAILED", TetrateTestLab.PATIENCE, () -> "TLS_FAILED".equals(t.xcpStatus("cp-1")));
    }
  }

  @Test
  void withADifferentRootCaEdgesLogX509ErrorsAndDeletedTokensAreNotReissued(@TempDir Path dir) throws Exception {
    try (TetrateTestLab t = new TetrateTestLab(dir, List.of("mgmt", "cp-1"), Scenario.MANAGEMENT_CLUSTER_LOST,
        Variants.of("present", "different"))) {
      t.installManagementPlane();
      eventually("ManagementPlane INSTALLED", TetrateTestLab.PATIENCE,
          () -> "INSTALLED".equals(t.managementPlanePhase()));
      assertEquals(200, t.health("/v2/organizations/tetrate/status").status(),
          "the MP itself is healthy for a client pinning its (new) CA");

      t.dns.point(FQDN, t.tetrate.envoyAddress());
      eventually("edge logs x509 unknown authority", TetrateTestLab.PATIENCE, () -> t.lastEdgeLine("cp-1")
          .contains("authentication handshake failed: x509: certificate signed by unknown authority"));
      eventually("TLS_FAILED", TetrateTestLab.PATIENCE, () -> "TLS_FAILED".equals(t.xcpStatus("cp-1")));

      KubernetesClient cp1 = t.cp("cp-1");
      cp1.secrets().inNamespace("istio-system").withName("otel-token").delete();
      eventually("the operator logs a rotation failure", TetrateTestLab.PATIENCE, () -> t.operatorLog("cp-1").stream()
          .anyMatch(l -> l.contains("token rotation failed, retrying in")
              && l.contains("x509: certificate signed by unknown authority")));
      // three times the re-issue delay has passed and the operator has been round at least three times since
      long deleted = System.nanoTime();
      long ticks = t.tetrate.controlPlaneTicks();
      eventually("the operator has had its chances", TetrateTestLab.PATIENCE, () -> t.tetrate.controlPlaneTicks() >= ticks + 3
          && System.nanoTime() - deleted >= 3 * Timing.fast().tokenReissueDelay().toNanos());
      assertEquals(null, tokenUids(cp1).get("otel-token"), "no token without a trusted MP");
    }
  }
}
