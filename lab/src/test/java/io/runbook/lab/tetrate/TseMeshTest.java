package io.runbook.lab.tetrate;

import static io.runbook.lab.tetrate.TetrateTestLab.FQDN;
import static io.runbook.lab.tetrate.TetrateTestLab.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TSE: the same recovery with every MP object in namespace {@code tse}. */
class TseMeshTest {

  @Test
  void theManagementPlaneLivesInTheTseNamespace(@TempDir Path dir) throws Exception {
    try (TetrateTestLab t = new TetrateTestLab(dir, List.of("mgmt", "cp-1"), Scenario.MANAGEMENT_CLUSTER_LOST,
        Variants.defaults(), "tse")) {
      assertTrue(Files.readString(t.backupDir.resolve("iam-signing-key.yaml")).contains("namespace: tse"));
      assertTrue(Files.readString(t.backupDir.resolve("credentials.yaml")).contains("namespace: tse"));
      t.installManagementPlane();
      eventually("ManagementPlane INSTALLED in tse", TetrateTestLab.PATIENCE,
          () -> "INSTALLED".equals(t.managementPlanePhase()));
      var mgmt = t.mgmt().client();
      assertEquals(t.tetrate.envoyAddress(), mgmt.services().inNamespace("tse").withName("envoy").get().getStatus()
          .getLoadBalancer().getIngress().get(0).getIp());
      assertNull(mgmt.namespaces().withName("tsb").get());
      assertEquals(200, t.health("/v2/organizations/tse/status").status(), "TSE's organization is tse");
      t.dns.point(FQDN, t.tetrate.envoyAddress());
      eventually("cp-1 SYNCED", TetrateTestLab.PATIENCE, () -> "SYNCED".equals(t.xcpStatus("cp-1")));
    }
  }
}
