package io.runbook.lab.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Objects the store tests write. */
final class StoreFixtures {
  private StoreFixtures() {
  }

  /** A plain Secret {@code namespace/name} whose {@code stringData.key} is {@code NAMESPACE-value}. */
  static ObjectNode secret(String name, String namespace) {
    ObjectNode secret = Json.object();
    secret.put("apiVersion", "v1").put("kind", "Secret");
    Json.meta(secret).put("name", name).put("namespace", namespace);
    Json.with(secret, "stringData").put("key", namespace + "-value");
    return secret;
  }
}
