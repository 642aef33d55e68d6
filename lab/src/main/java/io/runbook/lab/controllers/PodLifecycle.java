package io.runbook.lab.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbook.lab.server.Faults;
import io.runbook.lab.server.Json;
import io.runbook.lab.server.PodLogs;
import io.runbook.lab.server.Selectors;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kubelet's part: a pod is scheduled on the lab node and becomes Running and Ready a configured delay after it
 * was first seen (a Job's pod Succeeds instead), unless a fault rule keeps it waiting with a reason such as
 * {@code ImagePullBackOff}. Log lines in the pod annotation {@value #LOG_ANNOTATION} are written when it starts.
 */
final class PodLifecycle {
  static final String LOG_ANNOTATION = "lab.runbook.io/log";
  private final ControllerObjects objects;
  private final Faults faults;
  private final PodLogs logs;
  private final Duration readyDelay;
  private final String nodeName;
  private final PodEvents events;
  private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
  private int nextIp = 10;

  PodLifecycle(ControllerObjects objects, Faults faults, PodLogs logs, Duration readyDelay, String nodeName) {
    this.objects = objects;
    this.faults = faults;
    this.logs = logs;
    this.readyDelay = readyDelay;
    this.nodeName = nodeName;
    this.events = new PodEvents(objects, nodeName);
  }

  /** Advances every pod; returns the nanoTime at which a pod is next due, or Long.MAX_VALUE. */
  long reconcile() {
    long now = System.nanoTime();
    long nextDue = Long.MAX_VALUE;
    Set<String> live = new HashSet<>();
    for (ObjectNode pod : objects.store().list(WorkloadControllers.PODS, null)) {
      String uid = Json.uid(pod);
      live.add(uid);
      String phase = Json.text(pod, "status", "phase");
      if (ControllerObjects.terminating(pod) || "Succeeded".equals(phase) || "Failed".equals(phase)) {
        continue;
      }
      Faults.StuckPods stuck = faults.stuckRuleFor(Json.namespace(pod), Selectors.labelsOf(pod));
      if (stuck != null) {
        // the event first: whoever sees the waiting status can already find its event
        events.failing(pod, stuck.reason(), stuck.message());
        objects.writeIfChanged(WorkloadControllers.PODS, pod, waiting(pod, stuck.reason(), stuck.message()));
        continue;
      }
      if ("Running".equals(phase) && ControllerObjects.podReady(pod)) {
        continue;
      }
      long due = firstSeen.computeIfAbsent(uid, u -> now) + readyDelay.toNanos();
      if (due > now) {
        objects.writeIfChanged(WorkloadControllers.PODS, pod, waiting(pod, "ContainerCreating", null));
        nextDue = Math.min(nextDue, due);
        continue;
      }
      boolean completes = "Job".equals(ControllerObjects.ownerKind(pod));
      // events and start-up logs first: whoever sees the pod running can already read them
      events.started(pod);
      writeStartupLogs(pod);
      objects.writeIfChanged(WorkloadControllers.PODS, pod, started(pod, completes));
    }
    firstSeen.keySet().retainAll(live);
    events.retain(live);
    return nextDue;
  }

  private ObjectNode waiting(ObjectNode pod, String reason, String message) {
    ObjectNode next = scheduled(pod);
    ObjectNode status = Json.with(next, "status");
    status.put("phase", "Pending");
    ArrayNode statuses = status.putArray("containerStatuses");
    for (JsonNode container : pod.path("spec").path("containers")) {
      ObjectNode cs = containerStatus(container, false);
      ObjectNode waitingState = cs.putObject("state").putObject("waiting");
      waitingState.put("reason", reason);
      if (message != null) {
        waitingState.put("message", message);
      }
      if (reason.equals("CrashLoopBackOff")) {
        // a crash loop means the container ran and failed at least once
        cs.put("restartCount", 1);
        ObjectNode terminated = cs.putObject("lastState").putObject("terminated");
        terminated.put("exitCode", 1);
        terminated.put("reason", "Error");
      }
      statuses.add(cs);
    }
    JsonNode previous = pod.path("status").path("conditions");
    status.set("conditions", ControllerObjects.array(
        ControllerObjects.condition(previous, "PodScheduled", true, "Scheduled", ""),
        ControllerObjects.condition(previous, "Initialized", true, "Initialized", ""),
        ControllerObjects.condition(previous, "ContainersReady", false, "ContainersNotReady",
            "containers with unready status: " + names(pod)),
        ControllerObjects.condition(previous, "Ready", false, "ContainersNotReady",
            "containers with unready status: " + names(pod))));
    return next;
  }

  private ObjectNode started(ObjectNode pod, boolean completes) {
    ObjectNode next = scheduled(pod);
    ObjectNode status = Json.with(next, "status");
    status.put("phase", completes ? "Succeeded" : "Running");
    ArrayNode statuses = status.putArray("containerStatuses");
    String now = ControllerObjects.now();
    for (JsonNode container : pod.path("spec").path("containers")) {
      ObjectNode cs = containerStatus(container, !completes);
      if (completes) {
        ObjectNode terminated = cs.putObject("state").putObject("terminated");
        terminated.put("exitCode", 0);
        terminated.put("reason", "Completed");
        terminated.put("startedAt", now);
        terminated.put("finishedAt", now);
      } else {
        cs.putObject("state").putObject("running").put("startedAt", now);
      }
      statuses.add(cs);
    }
    JsonNode previous = pod.path("status").path("conditions");
    String reason = completes ? "PodCompleted" : "Ready";
    status.set("conditions", ControllerObjects.array(
        ControllerObjects.condition(previous, "PodScheduled", true, "Scheduled", ""),
        ControllerObjects.condition(previous, "Initialized", true, "Initialized", ""),
        ControllerObjects.condition(previous, "ContainersReady", !completes, reason, ""),
        ControllerObjects.condition(previous, "Ready", !completes, reason, "")));
    return next;
  }

  private ObjectNode scheduled(ObjectNode pod) {
    ObjectNode next = pod.deepCopy();
    Json.with(next, "spec").put("nodeName", nodeName);
    ObjectNode status = Json.with(next, "status");
    status.put("hostIP", "10.0.0.10");
    if (!status.has("podIP")) {
      String ip = "10.244." + (nextIp / 250) + "." + (nextIp % 250 + 1);
      nextIp++;
      status.put("podIP", ip);
      status.putArray("podIPs").addObject().put("ip", ip);
    }
    if (!status.has("startTime")) {
      status.put("startTime", ControllerObjects.now());
    }
    return next;
  }

  private static ObjectNode containerStatus(JsonNode container, boolean ready) {
    ObjectNode cs = Json.object();
    cs.put("name", container.path("name").asText());
    cs.put("image", container.path("image").asText());
    cs.put("imageID", ready ? "docker.io/lab/" + container.path("image").asText() + "@sha256:lab" : "");
    cs.put("ready", ready);
    cs.put("started", ready);
    cs.put("restartCount", 0);
    if (ready) {
      cs.put("containerID", "containerd://" + Integer.toHexString(container.toString().hashCode()));
    }
    return cs;
  }

  private static String names(JsonNode pod) {
    StringBuilder sb = new StringBuilder("[");
    pod.path("spec").path("containers").forEach(c -> sb.append(sb.length() > 1 ? " " : "")
        .append(c.path("name").asText()));
    return sb.append(']').toString();
  }

  private void writeStartupLogs(ObjectNode pod) {
    String lines = Json.text(pod, "metadata", "annotations", LOG_ANNOTATION);
    if (lines != null && logs.read(Json.namespace(pod), Json.name(pod), null).isEmpty()) {
      logs.append(Json.namespace(pod), Json.name(pod), null, lines);
    }
  }
}
