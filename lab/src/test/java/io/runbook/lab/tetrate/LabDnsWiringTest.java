package io.runbook.lab.tetrate;

import static io.runbook.lab.tetrate.TetrateTestLab.FQDN;
import static io.runbook.lab.tetrate.TetrateTestLab.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.runbook.lab.Lab;
import io.runbook.lab.LabCluster;
import io.runbook.lab.LabOptions;
import io.runbook.lab.dns.LabDns;
import io.runbook.lab.dns.LabDnsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Control planes resolve the MP through the lab DNS server and see a change only once the secondary has it. */
class LabDnsWiringTest {

  @Test
  void controlPlanesFollowTheSecondaryAfterItsDelay(@TempDir Path dir) throws Exception {
    try (LabDns dns = LabDns.start(LabDnsOptions.defaults().withSecondaryDelay(Duration.ofMillis(1500)));
         Lab lab = Lab.start(LabOptions.builder().clusters(List.of("mgmt", "cp-1"))
             .podReadyDelay(Duration.ofMillis(100)).build());
         TetrateLab tetrate = TetrateLab.start(lab, TetrateLabOptions.builder().stateDir(dir.resolve("state"))
             .resolver(new LabDnsResolver(dns)).timing(Timing.fast()).build())) {
      tetrate.apply(Scenario.MANAGEMENT_CLUSTER_LOST, Variants.defaults(), dir.resolve("backup"));
      LabCluster cp = lab.cluster("cp-1");
      eventually("the scenario's record reaches the secondary", TetrateTestLab.PATIENCE,
          () -> dns.resolve(FQDN).equals(List.of("127.0.1.200")));
      eventually("edge dials the old address", TetrateTestLab.PATIENCE,
          () -> lastEdgeLine(cp).contains("dial tcp 127.0.1.200:9443: connect: connection refused"));

      long changed = System.nanoTime();  // before the change: the lag measured can only be longer than the real one
      dns.set("tsb", "A", List.of("127.0.1.201"), 30);
      eventually("edge dials the new address", TetrateTestLab.PATIENCE,
          () -> lastEdgeLine(cp).contains("dial tcp 127.0.1.201:9443"));
      long millis = (System.nanoTime() - changed) / 1_000_000;
      assertTrue(millis >= 1500, "seen after the secondary's delay, not at once (" + millis + " ms)");
      assertEquals(List.of("127.0.1.201"), dns.resolve(FQDN));
    }
  }

  private static String lastEdgeLine(LabCluster cluster) {
    List<Pod> pods = cluster.client().pods().inNamespace("istio-system").withLabel("app", "edge").list().getItems();
    if (pods.isEmpty()) {
      return "";
    }
    List<String> lines = cluster.podLog("istio-system", pods.get(0).getMetadata().getName(), "edge");
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }
}
