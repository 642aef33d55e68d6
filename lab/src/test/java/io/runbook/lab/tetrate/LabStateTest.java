package io.runbook.lab.tetrate;

import static io.runbook.lab.tetrate.TetrateTestLab.FQDN;
import static io.runbook.lab.tetrate.TetrateTestLab.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recovered estate survives a lab restart from snapshots (a second engine run sees it recovered). */
class LabStateTest {

  @Test
  void aRecoveredEstateRestoredFromSnapshotsIsHealthyAndSyncedWithTheSameRootCa(@TempDir Path dir)
      throws Exception {
    Map<String, String> snapshots = new java.util.LinkedHashMap<>();
    String caBefore;
    Map<String, String> tokensBefore;
    try (TetrateTestLab t = new TetrateTestLab(dir, List.of("mgmt", "cp-1"), Scenario.MANAGEMENT_CLUSTER_LOST,
        Variants.defaults())) {
      t.installManagementPlane();
      eventually("ManagementPlane INSTALLED", TetrateTestLab.PATIENCE,
          () -> "INSTALLED".equals(t.managementPlanePhase()));
      t.dns.point(FQDN, t.tetrate.envoyAddress());
      eventually("cp-1 SYNCED", TetrateTestLab.PATIENCE, () -> "SYNCED".equals(t.xcpStatus("cp-1")));
      caBefore = Files.readString(t.tetrate.rootCaFile());
      tokensBefore = ManagementPlaneInstallTest.tokenUids(t.cp("cp-1"));
      for (String cluster : List.of("mgmt", "cp-1")) {
        snapshots.put(cluster, t.lab.cluster(cluster).snapshotYaml());
      }
    }

    FixedNameResolver dns = new FixedNameResolver();
    try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("mgmt", "cp-1"))
        .podReadyDelay(Duration.ofMillis(100)).build())) {
      snapshots.forEach((cluster, yaml) -> lab.cluster(cluster).seed(yaml));
      try (TetrateLab tetrate = TetrateLab.start(lab, TetrateLabOptions.builder().stateDir(dir.resolve("state"))
          .resolver(dns).timing(Timing.fast()).build())) {
        tetrate.resume(Scenario.MANAGEMENT_CLUSTER_LOST);
        dns.point(FQDN, tetrate.envoyAddress());
        assertEquals(caBefore, Files.readString(tetrate.rootCaFile()), "the same root CA is served again");
        var https = new PinnedHttpsClient(MpCertificates.trusting(caBefore), Duration.ofMinutes(2));
        eventually("the MP answers its health check", TetrateTestLab.PATIENCE, () -> {
          try {
            return https.get(FQDN, tetrate.envoyAddress(), 8443, "/v2/organizations/tetrate/status").status() == 200;
          } catch (java.io.IOException e) {
            return false;
          }
        });
        eventually("cp-1 synced", TetrateTestLab.PATIENCE, () -> {
          var cr = lab.cluster("cp-1").client().genericKubernetesResources(ControlPlaneOperator.CONTROL_PLANES)
              .inNamespace("istio-system").withName("controlplane").get();
          return cr.getAdditionalProperties().get("status") instanceof Map<?, ?> status
              && "SYNCED".equals(status.get("xcp"));
        });
        assertEquals(tokensBefore.keySet(), ManagementPlaneInstallTest.tokenUids(lab.cluster("cp-1").client())
            .keySet());
        // the operator writes the address it serves on into the restored Service (which named the old run's)
        eventually("the envoy Service names the address served now", TetrateTestLab.PATIENCE,
            () -> tetrate.envoyAddress().equals(lab.cluster("mgmt").client().services().inNamespace("tsb")
                .withName("envoy").get().getStatus().getLoadBalancer().getIngress().get(0).getIp()));
      }
    }
  }
}
