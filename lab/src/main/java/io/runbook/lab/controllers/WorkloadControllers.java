package io.runbook.lab.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbook.lab.server.ApiError;
import io.runbook.lab.server.Defaulting;
import io.runbook.lab.server.Json;
import io.runbook.lab.server.ResourceCatalog;
import io.runbook.lab.server.ResourceType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the Deployment and ReplicaSet controllers do: a Deployment owns one ReplicaSet per pod template (named by
 * the template hash), the newest gets all replicas, older ones are scaled to zero once it is ready; a ReplicaSet
 * keeps its number of pods. Both report status the way {@code kubectl rollout status} and fabric8 read it.
 */
final class WorkloadControllers {
  static final ResourceType DEPLOYMENTS = ResourceCatalog.builtIn("apps", "deployments");
  static final ResourceType REPLICA_SETS = ResourceCatalog.builtIn("apps", "replicasets");
  static final ResourceType PODS = ResourceCatalog.builtIn("", "pods");
  private static final String REVISION = "deployment.kubernetes.io/revision";
  private final ControllerObjects objects;
  private final Defaulting defaulting;

  WorkloadControllers(ControllerObjects objects, Defaulting defaulting) {
    this.objects = objects;
    this.defaulting = defaulting;
  }

  void reconcile() {
    List<ObjectNode> replicaSets = objects.store().list(REPLICA_SETS, null);
    for (ObjectNode deployment : objects.store().list(DEPLOYMENTS, null)) {
      if (!ControllerObjects.terminating(deployment)) {
        deployment(deployment, ControllerObjects.owned(replicaSets, deployment));
      }
    }
    List<ObjectNode> pods = objects.store().list(PODS, null);
    for (ObjectNode replicaSet : objects.store().list(REPLICA_SETS, null)) {
      if (!ControllerObjects.terminating(replicaSet)) {
        replicaSet(replicaSet, ControllerObjects.owned(pods, replicaSet));
      }
    }
  }

  private void deployment(ObjectNode deployment, List<ObjectNode> owned) {
    JsonNode template = deployment.path("spec").path("template");
    String hash = ControllerObjects.templateHash(template);
    int desired = deployment.path("spec").path("replicas").asInt(1);
    ObjectNode current = owned.stream()
        .filter(rs -> hash.equals(Json.text(rs, "metadata", "labels", "pod-template-hash"))
            || sameTemplate(rs, template)).findFirst().orElse(null);
    if (current == null) {
      createReplicaSet(deployment, template, hash, desired, owned);
      return;
    }
    int newest = owned.stream().mapToInt(WorkloadControllers::revision).max().orElse(0);
    // a rollback to an older template: that ReplicaSet becomes the newest revision again, the Deployment's with it
    String revision = String.valueOf(revision(current) < newest ? newest + 1 : revision(current));
    if (current.path("spec").path("replicas").asInt() != desired || revision(current) < newest) {
      ObjectNode next = current.deepCopy();
      Json.with(next, "spec").put("replicas", desired);
      Json.with(Json.meta(next), "annotations").put(REVISION, revision);
      objects.writeIfChanged(REPLICA_SETS, current, next);
    }
    boolean newReady = current.path("status").path("readyReplicas").asInt() >= desired
        && current.path("status").path("replicas").asInt() == desired;
    int replicas = 0;
    int ready = 0;
    for (ObjectNode rs : owned) {
      if (rs != current && newReady && rs.path("spec").path("replicas").asInt() != 0) {
        ObjectNode next = rs.deepCopy();
        Json.with(next, "spec").put("replicas", 0);
        objects.writeIfChanged(REPLICA_SETS, rs, next);
      }
      replicas += rs.path("status").path("replicas").asInt();
      ready += rs.path("status").path("readyReplicas").asInt();
    }
    ObjectNode next = deployment.deepCopy();
    next.set("status", status(deployment, current, desired, replicas, ready));
    Json.with(Json.meta(next), "annotations").put(REVISION, revision(current) == 0 ? "1" : revision);
    objects.writeIfChanged(DEPLOYMENTS, deployment, next);
  }

  /** Deployment status as the deployment controller reports it, from the ReplicaSets' counts. */
  private static ObjectNode status(ObjectNode deployment, ObjectNode current, int desired, int replicas,
      int ready) {
    int updated = current.path("status").path("replicas").asInt();
    int available = Math.min(ready, replicas);
    ObjectNode status = Json.object();
    status.put("observedGeneration", deployment.path("metadata").path("generation").asLong(1));
    status.put("replicas", replicas);
    status.put("updatedReplicas", updated);
    status.put("readyReplicas", ready);
    status.put("availableReplicas", available);
    if (desired - available > 0) {
      status.put("unavailableReplicas", desired - available);
    }
    JsonNode previous = deployment.path("status").path("conditions");
    boolean complete = updated == desired && replicas == desired && available >= desired;
    String rsName = Json.name(current);
    status.set("conditions", ControllerObjects.array(
        ControllerObjects.condition(previous, "Available", available >= desired,
            available >= desired ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
            available >= desired ? "Deployment has minimum availability."
                : "Deployment does not have minimum availability."),
        ControllerObjects.condition(previous, "Progressing", true,
            complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
            complete ? "ReplicaSet \"" + rsName + "\" has successfully progressed."
                : "ReplicaSet \"" + rsName + "\" is progressing.")));
    return status;
  }

  private static int revision(JsonNode replicaSet) {
    String value = Json.text(replicaSet, "metadata", "annotations", REVISION);
    return value == null || !value.matches("\\d+") ? 0 : Integer.parseInt(value);
  }

  /** Whether a ReplicaSet runs {@code template}, ignoring the pod-template-hash label it adds. */
  private static boolean sameTemplate(JsonNode replicaSet, JsonNode template) {
    ObjectNode own = replicaSet.path("spec").path("template").deepCopy();
    if (own.path("metadata").path("labels") instanceof ObjectNode labels) {
      labels.remove("pod-template-hash");
    }
    return withoutEmpties(own).equals(withoutEmpties(template));
  }

  /** A copy without null values and empty objects, which Go clients send for unset fields. */
  private static JsonNode withoutEmpties(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode copy = Json.object();
      object.properties().forEach(e -> {
        JsonNode value = withoutEmpties(e.getValue());
        if (!value.isNull() && !(value.isObject() && value.isEmpty())) {
          copy.set(e.getKey(), value);
        }
      });
      return copy;
    }
    if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
      com.fasterxml.jackson.databind.node.ArrayNode copy = Json.array();
      array.forEach(element -> copy.add(withoutEmpties(element)));
      return copy;
    }
    return node;
  }

  private void createReplicaSet(ObjectNode deployment, JsonNode template, String hash, int desired,
      List<ObjectNode> owned) {
    int revision = 1 + owned.stream().mapToInt(WorkloadControllers::revision).max().orElse(0);
    ObjectNode rs = ControllerObjects.templateRecord("ReplicaSet", deployment, template, "pod-template-hash", hash,
        Json.object().put(REVISION, String.valueOf(revision)));
    ObjectNode spec = rs.putObject("spec");
    spec.put("replicas", desired);
    ObjectNode selector = deployment.path("spec").path("selector").deepCopy();
    Json.with(selector, "matchLabels").put("pod-template-hash", hash);
    spec.set("selector", selector);
    ObjectNode podTemplate = template.deepCopy();
    Json.with(Json.meta(podTemplate), "labels").put("pod-template-hash", hash);
    spec.set("template", podTemplate);
    try {
      objects.store().create(REPLICA_SETS, Json.namespace(deployment), rs);
    } catch (ApiError e) {
      // it already exists (a previous pass raced with this one); the next pass adopts it
    }
  }

  private void replicaSet(ObjectNode replicaSet, List<ObjectNode> pods) {
    int desired = replicaSet.path("spec").path("replicas").asInt(1);
    List<ObjectNode> live = new ArrayList<>(pods);
    for (int i = live.size(); i < desired; i++) {
      createPod(replicaSet, replicaSet.path("spec").path("template"),
          Json.name(replicaSet) + "-" + defaulting.randomSuffix(5), Map.of());
    }
    if (live.size() > desired) {
      live.sort(Comparator.comparing(ControllerObjects::podReady)
          .thenComparing(p -> String.valueOf(Json.text(p, "metadata", "creationTimestamp")),
              Comparator.reverseOrder()));
      for (ObjectNode pod : live.subList(0, live.size() - desired)) {
        objects.store().delete(PODS, Json.namespace(pod), Json.name(pod));
      }
    }
    int ready = (int) pods.stream().filter(ControllerObjects::podReady).count();
    ObjectNode status = Json.object();
    status.put("replicas", pods.size());
    status.put("fullyLabeledReplicas", pods.size());
    status.put("readyReplicas", ready);
    status.put("availableReplicas", ready);
    status.put("observedGeneration", replicaSet.path("metadata").path("generation").asLong(1));
    objects.writeStatus(REPLICA_SETS, replicaSet, status);
  }

  /** Creates a pod from {@code template}, owned by {@code owner}, with extra labels. */
  void createPod(JsonNode owner, JsonNode template, String name, Map<String, String> extraLabels) {
    ObjectNode pod = Json.object();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    ObjectNode meta = template.path("metadata").isObject() ? ((ObjectNode) template.path("metadata")).deepCopy()
        : Json.object();
    meta.put("name", name);
    meta.put("namespace", Json.namespace(owner));
    ObjectNode labels = Json.with(meta, "labels");
    extraLabels.forEach(labels::put);
    meta.putArray("ownerReferences").add(ControllerObjects.controllerRef(owner));
    pod.set("metadata", meta);
    pod.set("spec", template.path("spec").deepCopy());
    defaulting.onCreate(PODS, Json.namespace(owner), pod);
    try {
      objects.store().create(PODS, Json.namespace(owner), pod);
    } catch (ApiError e) {
      // name collision or namespace going away: the next pass tries again if still needed
    }
  }
}
