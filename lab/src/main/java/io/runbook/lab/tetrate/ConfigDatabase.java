package io.runbook.lab.tetrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Tetrate configuration the lab's external Postgres holds (what survives the management cluster): the
 * organization, its tenants and their workspaces, and the onboarded clusters. The restored management plane serves
 * it through its API; {@code backup.yml} records its fingerprint.
 *
 * @param organization the organization
 * @param workspaces tenant → its workspaces, in order
 * @param clusters the onboarded control-plane clusters
 */
record ConfigDatabase(String organization, Map<String, List<String>> workspaces, List<String> clusters) {

  ConfigDatabase {
    workspaces = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(workspaces));
    clusters = List.copyOf(clusters);
  }

  /** The lab's configuration: two tenants with two workspaces each, and every control-plane cluster. */
  static ConfigDatabase lab(String organization, List<String> clusters) {
    Map<String, List<String>> workspaces = new LinkedHashMap<>();
    workspaces.put("payments", List.of("checkout", "ledger"));
    workspaces.put("platform", List.of("gateways", "observability"));
    return new ConfigDatabase(organization, workspaces, clusters);
  }

  List<String> tenants() {
    return List.copyOf(workspaces.keySet());
  }

  /** {@code tenant/workspace} for every workspace. */
  List<String> workspacePaths() {
    List<String> out = new ArrayList<>();
    workspaces.forEach((tenant, list) -> list.forEach(w -> out.add(tenant + "/" + w)));
    return out;
  }

  /**
   * The fingerprint {@code backup.yml} writes to {@code configuration.yaml} (same layout: the playbook's
   * {@code to_nice_yaml}), with whether Elasticsearch held metrics history.
   */
  String fingerprintYaml(boolean metricsHistory) {
    StringBuilder out = new StringBuilder();
    out.append("clusters:\n");
    clusters.forEach(c -> out.append("- ").append(c).append('\n'));
    out.append("metrics_history: ").append(metricsHistory ? "present" : "empty").append('\n');
    out.append("organizations:\n- ").append(organization).append('\n');
    out.append("tenants:\n");
    tenants().forEach(t -> out.append("- ").append(t).append('\n'));
    out.append("workspaces:\n");
    workspacePaths().forEach(w -> out.append("- ").append(w).append('\n'));
    return out.toString();
  }
}
