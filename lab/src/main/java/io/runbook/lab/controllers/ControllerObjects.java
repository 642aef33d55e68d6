package io.runbook.lab.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbook.lab.server.ApiError;
import io.runbook.lab.server.Json;
import io.runbook.lab.server.ObjectStore;
import io.runbook.lab.server.ResourceType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/** What the controllers share: owner references, template hashes, and writes that only happen on change. */
final class ControllerObjects {
  private static final String HASH_CHARS = "bcdfghjklmnpqrstvwxz2456789";
  private final ObjectStore store;

  ControllerObjects(ObjectStore store) {
    this.store = store;
  }

  ObjectStore store() {
    return store;
  }

  static boolean ownedBy(JsonNode object, JsonNode owner) {
    String uid = Json.uid(owner);
    for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
      if (Objects.equals(uid, ref.path("uid").asText())) {
        return true;
      }
    }
    return false;
  }

  static String ownerKind(JsonNode object) {
    JsonNode refs = object.path("metadata").path("ownerReferences");
    return refs.isEmpty() ? null : refs.get(0).path("kind").asText();
  }

  static ObjectNode controllerRef(JsonNode owner) {
    ObjectNode ref = Json.object();
    ref.put("apiVersion", owner.path("apiVersion").asText());
    ref.put("kind", owner.path("kind").asText());
    ref.put("name", Json.name(owner));
    ref.put("uid", Json.uid(owner));
    ref.put("controller", true);
    ref.put("blockOwnerDeletion", true);
    return ref;
  }

  /**
   * A new apps/v1 object of {@code kind} recording one pod template of {@code owner} (a Deployment's ReplicaSet, a
   * DaemonSet's ControllerRevision): named {@code OWNER-HASH} in its namespace, labelled with the template's labels and
   * {@code hashLabel: hash}, controlled by {@code owner}; {@code annotations} (may be null) copied in.
   */
  static ObjectNode templateRecord(String kind, JsonNode owner, JsonNode template, String hashLabel, String hash,
      JsonNode annotations) {
    ObjectNode object = Json.object();
    object.put("apiVersion", "apps/v1");
    object.put("kind", kind);
    ObjectNode meta = object.putObject("metadata");
    meta.put("name", Json.name(owner) + "-" + hash);
    meta.put("namespace", Json.namespace(owner));
    ObjectNode labels = template.path("metadata").path("labels") instanceof ObjectNode own ? own.deepCopy() : Json.object();
    labels.put(hashLabel, hash);
    meta.set("labels", labels);
    if (annotations instanceof ObjectNode given) {
      meta.set("annotations", given.deepCopy());
    }
    meta.putArray("ownerReferences").add(controllerRef(owner));
    return object;
  }

  static boolean terminating(JsonNode object) {
    return object.path("metadata").hasNonNull("deletionTimestamp");
  }

  /** A short, stable hash of a pod template, spelled like Kubernetes' pod-template-hash. */
  static String templateHash(JsonNode template) {
    int hash = 0x811c9dc5;
    for (byte b : Json.write(template).getBytes(StandardCharsets.UTF_8)) {
      hash ^= b;
      hash *= 0x01000193;
    }
    long value = Integer.toUnsignedLong(hash);
    StringBuilder sb = new StringBuilder();
    do {
      sb.append(HASH_CHARS.charAt((int) (value % HASH_CHARS.length())));
      value /= HASH_CHARS.length();
    } while (value > 0);
    return sb.toString();
  }

  static boolean podReady(JsonNode pod) {
    for (JsonNode condition : pod.path("status").path("conditions")) {
      if ("Ready".equals(condition.path("type").asText())) {
        return "True".equals(condition.path("status").asText());
      }
    }
    return false;
  }

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** A condition list entry, keeping the transition time of an unchanged previous condition. */
  static ObjectNode condition(JsonNode previousConditions, String type, boolean status, String reason,
      String message) {
    ObjectNode condition = Json.object();
    condition.put("type", type);
    condition.put("status", status ? "True" : "False");
    String time = now();
    String lastUpdate = time;
    for (JsonNode previous : previousConditions) {
      if (type.equals(previous.path("type").asText())
          && condition.get("status").asText().equals(previous.path("status").asText())) {
        time = previous.path("lastTransitionTime").asText(time);
        lastUpdate = reason.equals(previous.path("reason").asText())
            ? previous.path("lastUpdateTime").asText(time) : lastUpdate;
      }
    }
    condition.put("lastUpdateTime", lastUpdate);
    condition.put("lastTransitionTime", time);
    condition.put("reason", reason);
    condition.put("message", message);
    return condition;
  }

  /** Writes {@code next} when it differs from {@code current}; a lost race is left to the next pass. */
  void writeIfChanged(ResourceType type, ObjectNode current, ObjectNode next) {
    if (current.equals(next)) {
      return;
    }
    try {
      store.update(type, Json.namespace(current), Json.name(current), next);
    } catch (ApiError e) {
      // conflict or deleted meanwhile: the change event that caused it schedules another pass
    }
  }

  /** Replaces the status of {@code current} when the new one differs. */
  void writeStatus(ResourceType type, ObjectNode current, ObjectNode status) {
    ObjectNode next = current.deepCopy();
    next.set("status", status);
    writeIfChanged(type, current, next);
  }

  static List<ObjectNode> owned(List<ObjectNode> candidates, JsonNode owner) {
    return candidates.stream().filter(c -> ownedBy(c, owner) && !terminating(c)).toList();
  }

  static ArrayNode array(ObjectNode... nodes) {
    ArrayNode array = Json.array();
    for (ObjectNode node : nodes) {
      array.add(node);
    }
    return array;
  }
}
