package io.runbook.lab;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Writes the kubeconfig of a lab: one cluster, user and context per lab cluster, all named after it. */
final class Kubeconfig {
  private Kubeconfig() {
  }

  static String yaml(List<LabCluster> clusters, String caPem) {
    StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: Config\npreferences: {}\n");
    sb.append("current-context: ").append(quote(clusters.get(0).name())).append('\n');
    sb.append("clusters:\n");
    for (LabCluster c : clusters) {
      sb.append("- name: ").append(quote(c.name())).append('\n');
      sb.append("  cluster:\n");
      sb.append("    server: ").append(quote(c.apiUrl())).append('\n');
      if (caPem != null) {
        sb.append("    certificate-authority-data: ")
            .append(Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8))).append('\n');
      }
    }
    sb.append("users:\n");
    for (LabCluster c : clusters) {
      sb.append("- name: ").append(quote(c.name())).append('\n');
      sb.append("  user:\n");
      sb.append("    token: ").append(quote("lab-token-" + c.name())).append('\n');
    }
    sb.append("contexts:\n");
    for (LabCluster c : clusters) {
      sb.append("- name: ").append(quote(c.name())).append('\n');
      sb.append("  context:\n");
      sb.append("    cluster: ").append(quote(c.name())).append('\n');
      sb.append("    user: ").append(quote(c.name())).append('\n');
      sb.append("    namespace: default\n");
    }
    return sb.toString();
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
