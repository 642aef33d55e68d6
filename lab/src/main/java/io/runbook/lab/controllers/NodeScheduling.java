package io.runbook.lab.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbook.lab.server.Json;
import io.runbook.lab.server.ResourceCatalog;
import io.runbook.lab.server.ResourceType;

/**
 * The scheduler's part for the lab's one node: a pod not yet on it stays Pending (its {@code PodScheduled} condition
 * False, reason {@code Unschedulable}, as the scheduler words it) while the node is cordoned ({@code spec.unschedulable},
 * which DaemonSet pods tolerate) or has a {@code NoSchedule} or {@code NoExecute} taint the pod does not tolerate. A
 * pod already on the node stays there (the lab evicts nothing for a {@code NoExecute} taint).
 */
final class NodeScheduling {
  private static final ResourceType NODES = ResourceCatalog.builtIn("", "nodes");
  private final ControllerObjects objects;
  private final String nodeName;

  NodeScheduling(ControllerObjects objects, String nodeName) {
    this.objects = objects;
    this.nodeName = nodeName;
  }

  /** Why the pod cannot be placed on the node now (the scheduler's message), or null when it can (or is already there). */
  String refusal(JsonNode pod) {
    if (pod.path("spec").hasNonNull("nodeName")) {
      return null;
    }
    JsonNode node = objects.store().get(NODES, null, nodeName).orElse(null);
    if (node == null) {
      return null;
    }
    if (node.path("spec").path("unschedulable").asBoolean(false) && !"DaemonSet".equals(ControllerObjects.ownerKind(pod))) {
      return "0/1 nodes are available: 1 node(s) were unschedulable.";
    }
    for (JsonNode taint : node.path("spec").path("taints")) {
      String effect = taint.path("effect").asText();
      if ((effect.equals("NoSchedule") || effect.equals("NoExecute")) && !tolerated(pod, taint)) {
        return "0/1 nodes are available: 1 node(s) had untolerated taint {" + taint.path("key").asText()
            + (taint.hasNonNull("value") ? ": " + taint.path("value").asText() : "") + "}.";
      }
    }
    return null;
  }

  /** The pod as the scheduler leaves one it cannot place: Pending, {@code PodScheduled} False with the reason. */
  static ObjectNode unscheduled(ObjectNode pod, String message) {
    ObjectNode next = pod.deepCopy();
    ObjectNode status = Json.with(next, "status");
    status.put("phase", "Pending");
    status.set("conditions", ControllerObjects.array(ControllerObjects.condition(pod.path("status").path("conditions"),
        "PodScheduled", false, "Unschedulable", message)));
    return next;
  }

  private static boolean tolerated(JsonNode pod, JsonNode taint) {
    for (JsonNode t : pod.path("spec").path("tolerations")) {
      boolean exists = "Exists".equals(t.path("operator").asText());
      boolean key = t.path("key").asText("").isEmpty() ? exists : t.path("key").asText().equals(taint.path("key").asText());
      boolean value = exists || t.path("value").asText("").equals(taint.path("value").asText(""));
      boolean effect = t.path("effect").asText("").isEmpty() || t.path("effect").asText().equals(taint.path("effect").asText());
      if (key && value && effect) {
        return true;
      }
    }
    return false;
  }
}
