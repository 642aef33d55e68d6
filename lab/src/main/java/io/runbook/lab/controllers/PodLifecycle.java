package io.runbook.lab.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbook.lab.server.Faults;
import io.runbook.lab.server.Json;
import io.runbook.lab.server.PodLogs;
import io.runbook.lab.server.Selectors;
import java.time.Duration;
import io.runbook.lab.PodProgram;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The kubelet's part: a pod is scheduled on the lab node (unless the node refuses it: {@link NodeScheduling}) and
 * becomes Running and Ready a configured delay after it was first placed (a Job's pod Succeeds instead), unless a fault rule keeps it waiting with a reason such as
 * {@code ImagePullBackOff} or a Secret it needs does not exist yet ({@link MissingSecret}). Log lines in the pod annotation {@value #LOG_ANNOTATION} are written when it starts.
 */
final class PodLifecycle {
  static final String LOG_ANNOTATION = "lab.runbook.io/log";
  private static final long SECRET_RETRY_NANOS = 500_000_000L;
  private final ControllerObjects objects;
  private final Faults faults;
  private final PodLogs logs;
  private final Duration readyDelay;
  private final String nodeName;
  private final PodEvents events;
  private final NodeScheduling scheduling;
  private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
  private final List<PodProgram> programs = new CopyOnWriteArrayList<>();
  private int nextIp = 10;

  PodLifecycle(ControllerObjects objects, Faults faults, PodLogs logs, Duration readyDelay, String nodeName) {
    this.objects = objects;
    this.faults = faults;
    this.logs = logs;
    this.readyDelay = readyDelay;
    this.nodeName = nodeName;
    this.events = new PodEvents(objects, nodeName);
    this.scheduling = new NodeScheduling(objects, nodeName);
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
      String unschedulable = scheduling.refusal(pod);
      if (unschedulable != null) {
        firstSeen.remove(uid);  // its start-up delay counts from when it is placed
        objects.writeIfChanged(WorkloadControllers.PODS, pod, NodeScheduling.unscheduled(pod, unschedulable));
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
      MissingSecret missing = MissingSecret.of(pod, objects.store());
      if (missing != null) {
        events.warning(pod, missing.eventReason(), missing.eventMessage());
        objects.writeIfChanged(WorkloadControllers.PODS, pod, waiting(pod, c -> missing.holds(c)
            ? new Waiting(missing.reason(), missing.message()) : new Waiting("ContainerCreating", null)));
        // the kubelet tries again; a Secret without owner references starts no pass of its own
        nextDue = Math.min(nextDue, now + SECRET_RETRY_NANOS);
        continue;
      }
      long due = firstSeen.computeIfAbsent(uid, u -> now) + readyDelay.toNanos();
      if (due > now) {
        objects.writeIfChanged(WorkloadControllers.PODS, pod, waiting(pod, "ContainerCreating", null));
        nextDue = Math.min(nextDue, due);
        continue;
      }
      boolean completes = "Job".equals(ControllerObjects.ownerKind(pod));
      // a program may run a Job's pod or a bare pod that is not restarted
      Map<String, PodProgram.Run> runs = completes || "Never".equals(Json.text(pod, "spec", "restartPolicy"))
          ? runOf(pod) : null;
      // events and start-up logs first: whoever sees the pod running can already read them
      events.started(pod);
      writeStartupLogs(pod);
      objects.writeIfChanged(WorkloadControllers.PODS, pod, runs == null ? started(pod, completes) : ran(pod, runs));
    }
    firstSeen.keySet().retainAll(live);
    events.retain(live);
    return nextDue;
  }

  /** Adds a program that decides what pods running to completion print and exit with. */
  void addProgram(PodProgram program) {
    programs.add(program);
  }

  /** The first program's runs for the pod (their logs written), or null when no program claims it. */
  private Map<String, PodProgram.Run> runOf(ObjectNode pod) {
    if (programs.isEmpty()) {
      return null;
    }
    io.fabric8.kubernetes.api.model.Pod typed = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
        Json.write(pod), io.fabric8.kubernetes.api.model.Pod.class);
    for (PodProgram program : programs) {
      Map<String, PodProgram.Run> runs = program.run(typed);
      if (runs != null) {
        runs.forEach((container, run) -> {
          if (!run.log().isEmpty()) {
            logs.append(Json.namespace(pod), Json.name(pod), container, String.join("\n", run.log()));
          }
        });
        return runs;
      }
    }
    return null;
  }

  /** A pod whose containers ran as a program said: Succeeded when every one exited 0, else Failed. */
  private ObjectNode ran(ObjectNode pod, Map<String, PodProgram.Run> runs) {
    ObjectNode next = scheduled(pod);
    ObjectNode status = Json.with(next, "status");
    boolean failed = runs.values().stream().anyMatch(r -> r.exitCode() != 0);
    status.put("phase", failed ? "Failed" : "Succeeded");
    ArrayNode statuses = status.putArray("containerStatuses");
    String now = ControllerObjects.now();
    for (JsonNode container : pod.path("spec").path("containers")) {
      PodProgram.Run run = runs.get(container.path("name").asText());
      int exit = run == null ? 0 : run.exitCode();
      ObjectNode cs = containerStatus(container, false);
      ObjectNode terminated = cs.putObject("state").putObject("terminated");
      terminated.put("exitCode", exit);
      terminated.put("reason", exit == 0 ? "Completed" : "Error");
      terminated.put("startedAt", now);
      terminated.put("finishedAt", now);
      statuses.add(cs);
    }
    JsonNode previous = pod.path("status").path("conditions");
    String reason = failed ? "PodFailed" : "PodCompleted";
    status.set("conditions", ControllerObjects.array(
        ControllerObjects.condition(previous, "PodScheduled", true, "Scheduled", ""),
        ControllerObjects.condition(previous, "Initialized", true, "Initialized", ""),
        ControllerObjects.condition(previous, "ContainersReady", false, reason, ""),
        ControllerObjects.condition(previous, "Ready", false, reason, "")));
    return next;
  }

  /** Why a container waits: its state's reason and message (none when null). */
  private record Waiting(String reason, String message) {
  }

  private ObjectNode waiting(ObjectNode pod, String reason, String message) {
    return waiting(pod, c -> new Waiting(reason, message));
  }

  private ObjectNode waiting(ObjectNode pod, Function<JsonNode, Waiting> why) {
    ObjectNode next = scheduled(pod);
    ObjectNode status = Json.with(next, "status");
    status.put("phase", "Pending");
    ArrayNode statuses = status.putArray("containerStatuses");
    for (JsonNode container : pod.path("spec").path("containers")) {
      Waiting state = why.apply(container);
      String reason = state.reason();
      String message = state.message();
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
