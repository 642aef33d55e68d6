package io.runbook.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Collectors;

/** The {@code autoscaling/v1 Scale} view of a workload, and applying one back to it. */
final class Scale {
  private Scale() {
  }

  static ObjectNode of(ObjectNode workload) {
    ObjectNode scale = Json.object();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode meta = scale.putObject("metadata");
    for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
      JsonNode value = workload.path("metadata").get(field);
      if (value != null) {
        meta.set(field, value);
      }
    }
    scale.putObject("spec").put("replicas", workload.path("spec").path("replicas").asInt(1));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", workload.path("status").path("replicas").asInt(0));
    status.put("selector", Selectors.labelsOf(Json.object().set("metadata",
        Json.object().set("labels", workload.path("spec").path("selector").path("matchLabels"))))
        .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(",")));
    return scale;
  }

  static ObjectNode apply(ObjectNode workload, JsonNode scale) {
    ObjectNode next = workload.deepCopy();
    JsonNode replicas = scale.path("spec").path("replicas");
    if (replicas.isNumber()) {
      Json.with(next, "spec").put("replicas", replicas.asInt());
    }
    return next;
  }
}
