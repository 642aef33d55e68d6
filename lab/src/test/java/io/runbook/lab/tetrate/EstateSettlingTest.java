package io.runbook.lab.tetrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.runbook.lab.LabCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run sees the moment the estate is open is the scenario's settled state, on a fresh start as after a
 * restart: no pod still starting, every running edge has logged the scenario's line and nothing else (no line
 * of a half-started management plane), and each ControlPlane's status says the same. Checked at once after
 * open, without waiting: a slow machine only makes open take longer.
 */
class EstateSettlingTest {
  private static final List<String> CLUSTERS = List.of("mgmt", "cp-1", "cp-2", "cp-3");

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void theEstateIsSettledInItsScenarioWhenOpenReturns(Scenario scenario, @TempDir Path dir) throws Exception {
    TetrateEstate.Settings settings = new TetrateEstate.Settings(CLUSTERS, "mgmt", "tsb", "tsb.dr.example.test",
        "dr.example.test", "tetrate", 0, scenario, Variants.defaults(), dir.resolve("state"), Timing.fast());
    try (TetrateEstate estate = TetrateEstate.open(settings)) {
      assertSettled(estate, scenario);
    }
    try (TetrateEstate again = TetrateEstate.open(settings)) {
      assertTrue(again.resumed());
      assertSettled(again, scenario);
    }
  }

  private static void assertSettled(TetrateEstate estate, Scenario scenario) {
    for (String cp : List.of("cp-1", "cp-2", "cp-3")) {
      if (scenario == Scenario.WORKLOAD_CLUSTER_LOST && cp.equals("cp-3")) {
        continue;
      }
      LabCluster cluster = estate.lab().cluster(cp);
      List<Pod> pods = cluster.client().pods().inNamespace("istio-system").list().getItems();
      assertFalse(pods.isEmpty(), cp);
      for (Pod pod : pods) {
        assertTrue(ready(pod) || waitingReason(pod).equals("CrashLoopBackOff"),
            scenario + ": " + cp + " pod " + pod.getMetadata().getName() + " is still starting: " + waitingReason(pod));
      }
      boolean edgeDown = scenario == Scenario.EDGE_CONTROL_PLANE_FAILED && cp.equals("cp-2");
      String expected = expectedLine(scenario, cp);
      List<String> lines = new ArrayList<>();
      for (Pod edge : pods.stream().filter(p -> "edge".equals(p.getMetadata().getLabels().get("app"))).toList()) {
        if (ready(edge)) {
          lines.addAll(cluster.podLog("istio-system", edge.getMetadata().getName(), "edge"));
        }
      }
      if (edgeDown) {
        assertEquals(List.of(), lines, "a crash-looping edge logs nothing");
      } else {
        assertFalse(lines.isEmpty(), scenario + ": " + cp + "'s edge has logged its state");
        assertTrue(lines.stream().allMatch(l -> l.contains(expected)),
            scenario + ": every line of " + cp + "'s edge says '" + expected + "':\n" + String.join("\n", lines));
      }
      String xcp = expected.startsWith("connected") && !edgeDown ? "SYNCED" : "DISCONNECTED";
      assertEquals(xcp, xcpStatus(cluster), scenario + ": " + cp);
    }
  }

  private static String expectedLine(Scenario scenario, String cp) {
    return switch (scenario) {
      case MANAGEMENT_CLUSTER_LOST -> "connect: connection refused";
      case MANAGEMENT_PLANE_FAILED, CENTRAL_CONTROL_PLANE_FAILED -> "no healthy upstream";
      case CONNECTIVITY_LOST -> "i/o timeout";
      case EDGE_CONTROL_PLANE_FAILED, WORKLOAD_CLUSTER_LOST -> "connected to management plane";
    };
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String waitingReason(Pod pod) {
    return pod.getStatus() == null ? "no status" : pod.getStatus().getContainerStatuses().stream()
        .filter(c -> c.getState() != null && c.getState().getWaiting() != null)
        .map(c -> c.getState().getWaiting().getReason()).findFirst().orElse("none");
  }

  private static String xcpStatus(LabCluster cluster) {
    var cr = cluster.client().genericKubernetesResources(ControlPlaneOperator.CONTROL_PLANES)
        .inNamespace("istio-system").withName("controlplane").get();
    return cr.getAdditionalProperties().get("status") instanceof Map<?, ?> st ? String.valueOf(st.get("xcp")) : "none";
  }
}
