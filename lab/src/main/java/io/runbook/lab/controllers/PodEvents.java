package io.runbook.lab.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbook.lab.server.ApiError;
import io.runbook.lab.server.Json;
import io.runbook.lab.server.ResourceCatalog;
import io.runbook.lab.server.ResourceType;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kubelet's Events for a pod ({@code kubectl describe pod} shows them): scheduling and start, or the waiting
 * reason of an injected failure or of a missing Secret as a Warning. Each (pod, reason) is recorded once.
 */
final class PodEvents {
  static final ResourceType EVENTS = ResourceCatalog.builtIn("", "events");
  private final ControllerObjects objects;
  private final String nodeName;
  private final Set<String> recorded = ConcurrentHashMap.newKeySet();

  PodEvents(ControllerObjects objects, String nodeName) {
    this.objects = objects;
    this.nodeName = nodeName;
  }

  void started(JsonNode pod) {
    record(pod, "Normal", "Scheduled", "Successfully assigned " + Json.namespace(pod) + "/" + Json.name(pod)
        + " to " + nodeName, "default-scheduler");
    for (JsonNode container : pod.path("spec").path("containers")) {
      record(pod, "Normal", "Started", "Started container " + container.path("name").asText(), "kubelet");
    }
  }

  void failing(JsonNode pod, String reason, String message) {
    record(pod, "Warning", reason.equals("CrashLoopBackOff") ? "BackOff" : "Failed",
        message == null || message.isEmpty() ? reason : message, "kubelet");
  }

  /** A Warning of the kubelet's with its own reason ({@code FailedMount}). */
  void warning(JsonNode pod, String reason, String message) {
    record(pod, "Warning", reason, message, "kubelet");
  }

  /** Forgets the pods that are gone, so the set of recorded events does not grow forever. */
  void retain(Set<String> livePodUids) {
    recorded.removeIf(key -> !livePodUids.contains(key.substring(0, key.indexOf('/'))));
  }

  private void record(JsonNode pod, String type, String reason, String message, String component) {
    if (!recorded.add(Json.uid(pod) + "/" + reason + "/" + message)) {
      return;
    }
    String now = ControllerObjects.now();
    ObjectNode event = Json.object();
    event.put("apiVersion", "v1");
    event.put("kind", "Event");
    ObjectNode meta = event.putObject("metadata");
    meta.put("name", Json.name(pod) + "." + Long.toHexString(System.nanoTime()));
    meta.put("namespace", Json.namespace(pod));
    ObjectNode involved = event.putObject("involvedObject");
    involved.put("apiVersion", "v1");
    involved.put("kind", "Pod");
    involved.put("name", Json.name(pod));
    involved.put("namespace", Json.namespace(pod));
    involved.put("uid", Json.uid(pod));
    event.put("type", type);
    event.put("reason", reason);
    event.put("message", message);
    event.putObject("source").put("component", component).put("host", nodeName);
    event.put("firstTimestamp", now);
    event.put("lastTimestamp", now);
    event.put("count", 1);
    try {
      objects.store().create(EVENTS, Json.namespace(pod), event);
    } catch (ApiError e) {
      // the namespace is going away: the event no longer matters
    }
  }
}
