package io.runbook.lab.tetrate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The six failure scenarios of the contract (facts §7), by their {@code lab_scenario} names. */
public enum Scenario {
  MANAGEMENT_CLUSTER_LOST,
  MANAGEMENT_PLANE_FAILED,
  CENTRAL_CONTROL_PLANE_FAILED,
  CONNECTIVITY_LOST,
  EDGE_CONTROL_PLANE_FAILED,
  WORKLOAD_CLUSTER_LOST;

  /** The name used in inventories and on the command line, e.g. {@code management-cluster-lost}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The scenario of that id; IllegalArgumentException listing the valid ids otherwise. */
  public static Scenario fromId(String id) {
    for (Scenario scenario : values()) {
      if (scenario.id().equals(id)) {
        return scenario;
      }
    }
    throw new IllegalArgumentException("unknown lab scenario '" + id + "' (choose one of "
        + Arrays.stream(values()).map(Scenario::id).collect(Collectors.joining(", ")) + ")");
  }

  /** True where the management plane on the lab's mgmt cluster survived (all but a lost management cluster). */
  boolean managementPlaneAlive() {
    return this != MANAGEMENT_CLUSTER_LOST;
  }
}
