package io.runbook.lab.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbook.lab.server.Json;
import io.runbook.lab.server.ResourceCatalog;
import io.runbook.lab.server.ResourceType;
import java.util.List;
import java.util.Map;

/**
 * StatefulSets (pods {@code name-0..n-1}), DaemonSets (one pod on the lab's single node, and their revision history:
 * {@link DaemonSetHistory}) and Jobs (pods that run to completion). A pod whose template revision is outdated is replaced.
 */
final class SetControllers {
  static final ResourceType STATEFUL_SETS = ResourceCatalog.builtIn("apps", "statefulsets");
  static final ResourceType DAEMON_SETS = ResourceCatalog.builtIn("apps", "daemonsets");
  static final ResourceType JOBS = ResourceCatalog.builtIn("batch", "jobs");
  private static final ResourceType PODS = WorkloadControllers.PODS;
  private static final String REVISION = "controller-revision-hash";
  private final ControllerObjects objects;
  private final WorkloadControllers workloads;
  private final DaemonSetHistory history;

  SetControllers(ControllerObjects objects, WorkloadControllers workloads) {
    this.objects = objects;
    this.workloads = workloads;
    this.history = new DaemonSetHistory(objects);
  }

  void reconcile() {
    List<ObjectNode> pods = objects.store().list(PODS, null);
    for (ObjectNode set : objects.store().list(STATEFUL_SETS, null)) {
      if (!ControllerObjects.terminating(set)) {
        statefulSet(set, ControllerObjects.owned(pods, set));
      }
    }
    List<ObjectNode> revisions = objects.store().list(DaemonSetHistory.REVISIONS, null);
    for (ObjectNode set : objects.store().list(DAEMON_SETS, null)) {
      if (!ControllerObjects.terminating(set)) {
        daemonSet(set, ControllerObjects.owned(pods, set), revisions);
      }
    }
    for (ObjectNode job : objects.store().list(JOBS, null)) {
      if (!ControllerObjects.terminating(job)) {
        job(job, ControllerObjects.owned(pods, job));
      }
    }
  }

  private void statefulSet(ObjectNode set, List<ObjectNode> pods) {
    String name = Json.name(set);
    String revision = name + "-" + ControllerObjects.templateHash(set.path("spec").path("template"));
    int desired = set.path("spec").path("replicas").asInt(1);
    int updated = 0;
    int ready = 0;
    for (int i = 0; i < desired; i++) {
      String podName = name + "-" + i;
      ObjectNode pod = pods.stream().filter(p -> podName.equals(Json.name(p))).findFirst().orElse(null);
      if (pod == null) {
        workloads.createPod(set, set.path("spec").path("template"), podName,
            Map.of(REVISION, revision, "statefulset.kubernetes.io/pod-name", podName));
      } else if (!revision.equals(Json.text(pod, "metadata", "labels", REVISION))) {
        objects.store().delete(PODS, Json.namespace(pod), podName);
      } else {
        updated++;
        ready += ControllerObjects.podReady(pod) ? 1 : 0;
      }
    }
    for (ObjectNode pod : pods) {
      int ordinal = ordinal(Json.name(pod), name);
      if (ordinal < 0 || ordinal >= desired) {
        objects.store().delete(PODS, Json.namespace(pod), Json.name(pod));
      }
    }
    ObjectNode status = Json.object();
    status.put("observedGeneration", set.path("metadata").path("generation").asLong(1));
    status.put("replicas", Math.min(pods.size(), desired));
    status.put("readyReplicas", ready);
    status.put("availableReplicas", ready);
    status.put("currentReplicas", updated);
    status.put("updatedReplicas", updated);
    status.put("updateRevision", revision);
    status.put("currentRevision", updated == desired ? revision
        : set.path("status").path("currentRevision").asText(revision));
    status.put("collisionCount", 0);
    objects.writeStatus(STATEFUL_SETS, set, status);
  }

  private static int ordinal(String podName, String setName) {
    String suffix = podName.startsWith(setName + "-") ? podName.substring(setName.length() + 1) : "";
    return suffix.matches("\\d+") ? Integer.parseInt(suffix) : -1;
  }

  private void daemonSet(ObjectNode set, List<ObjectNode> pods, List<ObjectNode> revisions) {
    String revision = ControllerObjects.templateHash(set.path("spec").path("template"));
    history.record(set, revision, revisions);
    int updated = 0;
    int ready = 0;
    for (ObjectNode pod : pods) {
      if (!revision.equals(Json.text(pod, "metadata", "labels", REVISION)) || updated > 0) {
        objects.store().delete(PODS, Json.namespace(pod), Json.name(pod));
      } else {
        updated++;
        ready += ControllerObjects.podReady(pod) ? 1 : 0;
      }
    }
    if (updated == 0) {
      workloads.createPod(set, set.path("spec").path("template"),
          Json.name(set) + "-" + revision.substring(0, Math.min(5, revision.length())), Map.of(REVISION, revision));
    }
    ObjectNode status = Json.object();
    status.put("observedGeneration", set.path("metadata").path("generation").asLong(1));
    status.put("desiredNumberScheduled", 1);
    status.put("currentNumberScheduled", Math.min(1, pods.size()));
    status.put("updatedNumberScheduled", updated);
    status.put("numberReady", ready);
    status.put("numberAvailable", ready);
    status.put("numberMisscheduled", 0);
    if (ready == 0) {
      status.put("numberUnavailable", 1);
    }
    objects.writeStatus(DAEMON_SETS, set, status);
  }

  private void job(ObjectNode job, List<ObjectNode> pods) {
    int completions = job.path("spec").path("completions").asInt(1);
    long succeeded = pods.stream().filter(p -> "Succeeded".equals(Json.text(p, "status", "phase"))).count();
    long failed = pods.stream().filter(p -> "Failed".equals(Json.text(p, "status", "phase"))).count();
    long active = pods.size() - succeeded - failed;
    JsonNode previous = job.path("status");
    boolean complete = previous.path("completionTime").isTextual() || succeeded >= completions;
    // Kubernetes' default backoffLimit is 6: the Job fails once more pods than that have failed
    boolean jobFailed = !complete && failed > job.path("spec").path("backoffLimit").asInt(6);
    if (!complete && !jobFailed && succeeded + active < completions) {
      for (long i = succeeded + active; i < completions; i++) {
        workloads.createPod(job, job.path("spec").path("template"),
            Json.name(job) + "-" + ControllerObjects.templateHash(Json.object().put("i", i + pods.size())),
            Map.of("job-name", Json.name(job), "batch.kubernetes.io/job-name", Json.name(job)));
      }
    }
    ObjectNode status = Json.object();
    status.put("startTime", previous.path("startTime").asText(ControllerObjects.now()));
    status.put("active", complete || jobFailed ? 0 : active);
    status.put("ready", 0);
    status.put("succeeded", succeeded);
    if (failed > 0) {
      status.put("failed", failed);
    }
    if (complete) {
      status.put("completionTime", previous.path("completionTime").asText(ControllerObjects.now()));
      JsonNode conditions = previous.path("conditions");
      status.set("conditions", ControllerObjects.array(
          ControllerObjects.condition(conditions, "SuccessCriteriaMet", true, "CompletionsReached",
              "Reached expected number of succeeded pods"),
          ControllerObjects.condition(conditions, "Complete", true, "CompletionsReached",
              "Reached expected number of succeeded pods")));
    }
    if (jobFailed) {
      JsonNode conditions = previous.path("conditions");
      status.set("conditions", ControllerObjects.array(
          ControllerObjects.condition(conditions, "FailureTarget", true, "BackoffLimitExceeded",
              "Job has reached the specified backoff limit"),
          ControllerObjects.condition(conditions, "Failed", true, "BackoffLimitExceeded",
              "Job has reached the specified backoff limit")));
    }
    objects.writeStatus(JOBS, job, status);
  }
}
