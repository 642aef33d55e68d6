package io.runbook.lab.tetrate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The management-plane components the operator brings up (facts §8.1, embedded databases left out) and the
 * ManagementPlane status key each one reports under (facts §8.1, component → deployment map).
 */
final class MpComponents {
  static final String OPERATOR = "tsb-operator-management-plane";
  /** Created ~1 min (scaled: {@link Timing#componentDelay()}) after the operator is ready. */
  static final List<String> FIRST_WAVE = List.of("envoy", "iam", "tsb", "mpc", "oap", "otel-collector", "web",
      "xcp-operator-central");
  /** Created last (~3 min after the operator in a real install). */
  static final String CENTRAL = "central";
  /** What the health endpoints go through (front envoy + iam + API server + oap, facts §2.3). */
  static final List<String> FRONT = List.of("envoy", "iam", "tsb", "oap");

  private MpComponents() {}

  static int replicas(String component) {
    return component.equals("envoy") ? 2 : 1;
  }

  /** Status key → deployment, in the order of the status the operator writes. */
  static Map<String, String> statusKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("apiServer", "tsb");
    keys.put("collector", "otel-collector");
    keys.put("frontEnvoy", "envoy");
    keys.put("iamServer", "iam");
    keys.put("mpc", "mpc");
    keys.put("oap", "oap");
    keys.put("webUi", "web");
    keys.put("xcp.central", CENTRAL);
    keys.put("xcp.operator", "xcp-operator-central");
    return keys;
  }
}
