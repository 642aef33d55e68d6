package io.runbook.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the real API server fills in on writes and clients rely on: kind and apiVersion from the URL, names from
 * {@code generateName}, Secret {@code stringData}, default types and replicas, Service cluster IPs and node ports.
 * One instance per cluster (it allocates that cluster's addresses).
 */
public final class Defaulting {
  private static final String TEMPLATE_GENERATION = "deprecated.daemonset.template.generation";
  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
  /**
   * Built-in kinds whose type has no {@code status} field (group/Kind): a real API server decodes a write into the
   * type and so drops a {@code status} sent with them, where an unstructured store would keep it.
   */
  private static final java.util.Set<String> WITHOUT_STATUS = java.util.Set.of("/ConfigMap", "/Secret", "/ServiceAccount",
      "/Endpoints", "/Event", "/PodTemplate", "/LimitRange", "rbac.authorization.k8s.io/Role",
      "rbac.authorization.k8s.io/RoleBinding", "rbac.authorization.k8s.io/ClusterRole",
      "rbac.authorization.k8s.io/ClusterRoleBinding", "apps/ControllerRevision", "storage.k8s.io/StorageClass",
      "scheduling.k8s.io/PriorityClass", "coordination.k8s.io/Lease", "discovery.k8s.io/EndpointSlice",
      "networking.k8s.io/IngressClass", "node.k8s.io/RuntimeClass", "events.k8s.io/Event");
  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger nextClusterIp = new AtomicInteger(10);
  private final AtomicInteger nextNodePort = new AtomicInteger(30000);

  public String randomSuffix(int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
    }
    return sb.toString();
  }

  /** Fills in a new object; {@code namespace} is the namespace of the URL (null for cluster-scoped kinds). */
  public void onCreate(ResourceType type, String namespace, ObjectNode object) {
    common(type, namespace, object);
    ObjectNode meta = Json.meta(object);
    if (Json.name(object) == null || Json.name(object).isEmpty()) {
      String prefix = meta.path("generateName").asText("");
      if (prefix.isEmpty()) {
        throw new ApiError(422, "Invalid", type.kind() + " \"\" is invalid: metadata.name: Required value: name or "
            + "generateName is required");
      }
      meta.put("name", prefix + randomSuffix(5));
    }
    if (type.subresources().contains("status") && !type.plural().equals("namespaces")) {
      object.remove("status");
    }
    switch (type.kind()) {
      case "Namespace" -> namespace(object);
      case "Service" -> allocateService(object);
      case "Pod" -> pod(object);
      case "DaemonSet" -> templateGeneration(object, positive(object) > 0 ? positive(object) : 1);
      default -> {
      }
    }
  }

  /** Fills in a replacement for {@code current}, keeping what clients may omit but the server keeps. */
  public void onUpdate(ResourceType type, String namespace, ObjectNode object, ObjectNode current) {
    common(type, namespace, object);
    ObjectNode meta = Json.meta(object);
    meta.put("name", Json.name(current));
    if (type.subresources().contains("status") && current.has("status")) {
      object.set("status", current.get("status").deepCopy());
    }
    if (type.kind().equals("Service")) {
      ObjectNode spec = Json.with(object, "spec");
      JsonNode old = current.path("spec");
      for (String field : new String[] {"clusterIP", "clusterIPs"}) {
        if (!spec.has(field) && old.has(field)) {
          spec.set(field, old.get(field).deepCopy());
        }
      }
      allocateService(object);
    }
    if (type.kind().equals("Namespace")) {
      namespace(object);
    }
    if (type.kind().equals("DaemonSet")) {
      long kept = Math.max(1, positive(current));
      templateGeneration(object, object.path("spec").path("template").equals(current.path("spec").path("template")) ? kept : kept + 1);
    }
  }

  /**
   * The annotation apps/v1 shows a DaemonSet's template generation in: 1 on create (or the positive number the client
   * gave), one more on each update that changes the pod template, else the stored one: no update sets it (the API server's
   * DaemonSet strategy); the DaemonSet controller copies it onto the ControllerRevisions it records.
   */
  private static void templateGeneration(ObjectNode daemonSet, long generation) {
    Json.with(Json.meta(daemonSet), "annotations").put(TEMPLATE_GENERATION, String.valueOf(generation));
  }

  private static long positive(JsonNode daemonSet) {
    String value = daemonSet.path("metadata").path("annotations").path(TEMPLATE_GENERATION).asText("");
    return value.matches("[1-9]\\d{0,17}") ? Long.parseLong(value) : 0;
  }

  /** Server-assigned metadata for an object answered by a dry run, which the store never sees. */
  public void dryRunMetadata(ObjectNode object) {
    ObjectNode meta = Json.meta(object);
    if (!meta.has("uid")) {
      meta.put("uid", UUID.randomUUID().toString());
      meta.put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      meta.put("generation", 1);
    }
  }

  private void common(ResourceType type, String namespace, ObjectNode object) {
    if (!object.hasNonNull("apiVersion")) {
      object.put("apiVersion", type.apiVersion());
    }
    if (!object.hasNonNull("kind")) {
      object.put("kind", type.kind());
    }
    if (!type.kind().equals(object.path("kind").asText())) {
      throw new ApiError(400, "BadRequest", "the kind " + object.path("kind").asText()
          + " does not match the URL, which serves " + type.kind());
    }
    ObjectNode meta = Json.meta(object);
    if (type.namespaced()) {
      String own = meta.path("namespace").asText("");
      if (!own.isEmpty() && namespace != null && !own.equals(namespace)) {
        throw new ApiError(400, "BadRequest", "the namespace of the provided object does not match the namespace "
            + "sent on the request");
      }
      meta.put("namespace", namespace);
    } else {
      meta.remove("namespace");
    }
    meta.remove("managedFields");
    if (WITHOUT_STATUS.contains(type.group() + "/" + type.kind())) {
      object.remove("status");
    }
    removeNulls(object);
    // ObjectMeta's maps and lists are omitempty: a patch that removes the last label leaves no labels field
    for (String field : new String[] {"labels", "annotations", "finalizers", "ownerReferences"}) {
      if (meta.path(field).isContainerNode() && meta.path(field).isEmpty()) {
        meta.remove(field);
      }
    }
    if (type.kind().equals("Secret")) {
      secret(object);
    }
    workloadDefaults(type, object);
  }

  /** Drops null-valued fields, as decoding into the API types does (Go clients send e.g. creationTimestamp: null). */
  private static void removeNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.properties().removeIf(e -> e.getValue().isNull());
      object.forEach(Defaulting::removeNulls);
    } else if (node instanceof ArrayNode array) {
      array.forEach(Defaulting::removeNulls);
    }
  }

  /** Replicas, Deployment strategy, StatefulSet and DaemonSet updateStrategy and container defaults of workloads and their pod templates. */
  private static void workloadDefaults(ResourceType type, ObjectNode object) {
    if (type.group().equals("apps") && !type.kind().equals("DaemonSet") && !type.kind().equals("ControllerRevision")) {
      JsonNode spec = object.path("spec");
      if (spec instanceof ObjectNode s && !s.has("replicas")) {
        s.put("replicas", 1);
      }
    }
    if (type.kind().equals("Deployment") && object.path("spec") instanceof ObjectNode spec) {
      if (!spec.has("strategy")) {
        ObjectNode strategy = spec.putObject("strategy");
        strategy.put("type", "RollingUpdate");
        strategy.putObject("rollingUpdate").put("maxUnavailable", "25%").put("maxSurge", "25%");
      }
      if (!spec.has("revisionHistoryLimit")) {
        spec.put("revisionHistoryLimit", 10);
      }
      if (!spec.has("progressDeadlineSeconds")) {
        spec.put("progressDeadlineSeconds", 600);
      }
    }
    if (type.group().equals("apps") && (type.kind().equals("StatefulSet") || type.kind().equals("DaemonSet"))
        && object.path("spec") instanceof ObjectNode spec && !spec.has("updateStrategy")) {
      // kubernetes.core waits only for a StatefulSet whose updateStrategy says RollingUpdate: the server's default
      ObjectNode rolling = spec.putObject("updateStrategy").put("type", "RollingUpdate").putObject("rollingUpdate");
      if (type.kind().equals("StatefulSet")) {
        rolling.put("partition", 0);
      } else {
        rolling.put("maxUnavailable", 1).put("maxSurge", 0);
      }
    }
    JsonNode podSpec = type.kind().equals("Pod") ? object.path("spec")
        : object.path("spec").path("template").path("spec");
    for (JsonNode container : podSpec.path("containers")) {
      for (JsonNode port : container.path("ports")) {
        if (port instanceof ObjectNode p && !p.has("protocol")) {
          p.put("protocol", "TCP");
        }
      }
      if (container instanceof ObjectNode c && !c.has("imagePullPolicy")) {
        c.put("imagePullPolicy", c.path("image").asText().endsWith(":latest")
            || !c.path("image").asText().contains(":") ? "Always" : "IfNotPresent");
      }
    }
  }

  private static void secret(ObjectNode secret) {
    if (!secret.hasNonNull("type")) {
      secret.put("type", "Opaque");
    }
    JsonNode stringData = secret.remove("stringData");
    if (stringData instanceof ObjectNode values) {
      ObjectNode data = Json.with(secret, "data");
      values.properties().forEach(e -> data.put(e.getKey(),
          Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
    }
  }

  private static void namespace(ObjectNode namespace) {
    ObjectNode labels = Json.with(Json.meta(namespace), "labels");
    labels.put("kubernetes.io/metadata.name", Json.name(namespace));
    ObjectNode spec = Json.with(namespace, "spec");
    if (!spec.has("finalizers")) {
      spec.putArray("finalizers").add("kubernetes");
    }
    ObjectNode status = Json.with(namespace, "status");
    if (!status.has("phase")) {
      status.put("phase", "Active");
    }
  }

  private static void pod(ObjectNode pod) {
    ObjectNode spec = Json.with(pod, "spec");
    if (!spec.has("restartPolicy")) {
      spec.put("restartPolicy", "Always");
    }
    if (!spec.has("serviceAccountName")) {
      spec.put("serviceAccountName", "default");
    }
    if (!spec.has("dnsPolicy")) {
      spec.put("dnsPolicy", "ClusterFirst");
    }
    ObjectNode status = Json.with(pod, "status");
    status.put("phase", "Pending");
    status.put("qosClass", "BestEffort");
  }

  private void allocateService(ObjectNode service) {
    ObjectNode spec = Json.with(service, "spec");
    String type = spec.path("type").asText("ClusterIP");
    spec.put("type", type);
    if (!spec.has("sessionAffinity")) {
      spec.put("sessionAffinity", "None");
    }
    if (type.equals("ExternalName")) {
      return;
    }
    if (!spec.hasNonNull("clusterIP") || spec.path("clusterIP").asText().isEmpty()) {
      int n = nextClusterIp.getAndIncrement();
      spec.put("clusterIP", "10.96." + (n / 250) + "." + (n % 250 + 1));
    }
    if (!spec.has("clusterIPs")) {
      spec.putArray("clusterIPs").add(spec.get("clusterIP").asText());
    }
    boolean nodePorts = type.equals("NodePort") || type.equals("LoadBalancer");
    if (spec.get("ports") instanceof ArrayNode ports) {
      for (JsonNode p : ports) {
        ObjectNode port = (ObjectNode) p;
        if (!port.has("protocol")) {
          port.put("protocol", "TCP");
        }
        if (!port.has("targetPort") && port.has("port")) {
          port.set("targetPort", port.get("port"));
        }
        if (nodePorts && !port.has("nodePort")) {
          port.put("nodePort", nextNodePort.getAndIncrement());
        }
      }
    }
  }
}
