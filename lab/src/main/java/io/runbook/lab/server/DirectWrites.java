package io.runbook.lab.server;

import static io.runbook.lab.server.PlainObjects.plainForCreate;
import static io.runbook.lab.server.PlainObjects.plainForUpdate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Lock;

/**
 * The creates and updates of plain objects ({@link PlainObjects}) written straight into one {@link ObjectStore}, over
 * JSON trees, without fabric8's handlers and their detours through its model: the same stored JSON, key and change
 * as the CRUD store's own create and update. Each answers null when it cannot take an object (not plain, or the
 * store's lock out of reach): the store then uses its own handlers.
 */
final class DirectWrites {
  /** The order fabric8's model writes metadata fields in (its {@code ObjectMeta}). */
  private static final List<String> METADATA_ORDER = List.of("annotations", "creationTimestamp",
      "deletionGracePeriodSeconds", "deletionTimestamp", "finalizers", "generateName", "generation", "labels",
      "managedFields", "name", "namespace", "ownerReferences", "resourceVersion", "selfLink", "uid");

  private final ObjectStore store;

  DirectWrites(ObjectStore store) {
    this.store = store;
  }

  /**
   * The CRUD store's create of a plain object (see {@link PlainObjects#plainForCreate}) without its detour through
   * fabric8's model: its create reads the JSON into a {@code GenericKubernetesResource} (about as costly as the rest of
   * a request together), writes it out again, and the lab then parsed the answer once more. Same stored JSON (fields
   * in the model's order, uid, creation time, resource version, generation 1, a custom resource's status dropped where
   * its CRD keeps status apart), same key, same change; null when the object is not plain or the store's lock cannot
   * be reached, for the CRUD store's own create.
   */
  ObjectStore.Stored create(ResourceType type, String namespace, ObjectNode object) {
    if (!plainForCreate(object, namespace)) {
      return null;
    }
    Lock lock = Fabric8Fields.writeLock(store);
    if (lock == null) {
      return null;
    }
    String path = type.path(namespace, null);
    ObjectNode given = (ObjectNode) object.get("metadata");
    String name = given.get("name").asText();
    AttributeSet attributes = store.getKey(path).add(new Attribute("name", name));
    ObjectNode stored = Json.object();
    stored.set("apiVersion", object.get("apiVersion"));
    stored.set("kind", object.get("kind"));
    ObjectNode meta = stored.putObject("metadata");
    lock.lock();
    try {
      if (store.findResource(attributes) != null) {
        throw ApiError.alreadyExists(type.plural(), name);
      }
      ObjectNode fields = given.deepCopy();
      if (namespace != null) {
        fields.put("namespace", namespace);
      } else {
        fields.remove("namespace");  // an empty one: the model leaves it out
      }
      fields.put("uid", randomUid());
      fields.put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      fields.put("resourceVersion", String.valueOf(store.requestResourceVersion()));
      fields.put("generation", 1L);
      for (String field : METADATA_ORDER) {
        JsonNode value = fields.get(field);
        // the model leaves out empty label and annotation maps
        if (value != null && !(value.isObject() && value.isEmpty())) {
          meta.set(field, value);
        }
      }
      object.fields().forEachRemaining(field -> {
        if (!field.getKey().equals("apiVersion") && !field.getKey().equals("kind")
            && !field.getKey().equals("metadata")) {
          stored.set(field.getKey(), field.getValue());
        }
      });
      if (store.isStatusSubresourceEnabledForResource(path)) {
        stored.remove("status");
      }
      String json = Json.write(stored);
      store.processParsed(path, attributes, null, json, stored);
      return new ObjectStore.Stored(stored, json);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The CRUD store's update (its PUT handler) of a plain object in a namespace, without its detours: it reads the body
   * into fabric8's model only to check it (kind, apiVersion, name, not being deleted: all given here), parses the
   * written body and the stored state again, compares them twice as JSON patches (for the generation and the resource
   * version), and the lab then parsed its answer once more. Same steps on the trees: the path's name and namespace, the
   * resource version the update is based on (409 when stale), the stored metadata kept (namespace, uid, creation time,
   * resource version, generation, in the handler's order), the generation raised when something outside metadata and
   * status changed, a new resource version when anything did; same stored JSON, key and change. Both states must be
   * plain: {@link PlainObjects#plainForCreate} metadata and, beside it, text, booleans and maps of text only (a
   * Secret's or a ConfigMap's shape), where comparing the trees is what comparing them as JSON patches decides. Null
   * for anything else (or when the store's lock cannot be reached), for the CRUD store's own update.
   */
  ObjectStore.Stored update(ResourceType type, String namespace, String name, ObjectNode object) {
    String path = type.path(namespace, name);
    if (namespace == null || !path.startsWith("/api/") || !plainForUpdate(object, namespace, name)) {
      return null;
    }
    Lock lock = Fabric8Fields.writeLock(store);
    if (lock == null) {
      return null;
    }
    AttributeSet attributes = store.getKey(path);
    lock.lock();
    try {
      Map.Entry<AttributeSet, String> entry = store.findResource(attributes);
      if (entry == null) {
        throw ApiError.notFound(type.plural(), name);
      }
      ObjectNode current = Json.parse(entry.getValue());
      ObjectNode currentMeta = current.get("metadata") instanceof ObjectNode m ? m : null;
      if (currentMeta == null || !plainForUpdate(current, namespace, name) || !currentMeta.hasNonNull("namespace")
          || !currentMeta.hasNonNull("uid")
          || !currentMeta.hasNonNull("creationTimestamp") || !currentMeta.hasNonNull("resourceVersion")
          || !currentMeta.hasNonNull("generation")) {
        return null;
      }
      ObjectNode updated = object.deepCopy();
      ObjectNode meta = (ObjectNode) updated.get("metadata");
      String basedOn = meta.path("resourceVersion").asText();
      if (!basedOn.isEmpty() && !basedOn.equals(currentMeta.get("resourceVersion").asText())) {
        throw ApiError.conflict(type.plural(), name);
      }
      meta.put("namespace", currentMeta.path("namespace").asText(null));
      meta.put("uid", currentMeta.get("uid").asText());
      meta.put("creationTimestamp", currentMeta.get("creationTimestamp").asText());
      meta.put("resourceVersion", currentMeta.get("resourceVersion").asText());
      meta.set("generation", currentMeta.get("generation").deepCopy());
      if (changedOutsideMetadataAndStatus(current, updated)) {
        meta.put("generation", currentMeta.path("generation").asInt(0) + 1);
      }
      if (!current.equals(updated)) {
        meta.put("resourceVersion", String.valueOf(store.requestResourceVersion()));
      }
      String json = Json.write(updated);
      store.processParsed(path, attributes, entry.getKey(), json, updated);
      return new ObjectStore.Stored(updated, json);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether the JSON patch from {@code current} to {@code updated} (both {@link PlainObjects#plainForUpdate}) has an
   * operation on a path outside {@code /metadata} and {@code /status}, as the CRUD store's generation rule asks. A
   * value added or replaced there always gives one; when values were only removed there, the patch may turn a removal
   * and an equal value added under metadata into one move (whose path is under metadata): that case is left to the
   * store's own patch.
   */
  private boolean changedOutsideMetadataAndStatus(ObjectNode current, ObjectNode updated) {
    boolean removed = false;
    for (var fields = updated.fields(); fields.hasNext();) {
      var field = fields.next();
      String key = field.getKey();
      if (key.equals("metadata") || key.equals("status")) {
        continue;
      }
      JsonNode before = current.get(key);
      JsonNode after = field.getValue();
      if (before == null || after.isObject() != before.isObject()) {
        return true;
      }
      if (!after.isObject()) {
        if (!after.equals(before)) {
          return true;
        }
        continue;
      }
      for (var entries = after.fields(); entries.hasNext();) {
        var entry = entries.next();
        if (!entry.getValue().equals(before.get(entry.getKey()))) {
          return true;
        }
      }
      removed |= before.size() > after.size();
    }
    for (var fields = current.fieldNames(); fields.hasNext();) {
      String key = fields.next();
      removed |= !key.equals("metadata") && !key.equals("status") && !updated.has(key);
    }
    if (!removed) {
      return false;
    }
    JsonNode generation = updated.get("metadata").get("generation");
    store.touchGeneration(current, updated);
    boolean raised = !generation.equals(updated.get("metadata").get("generation"));
    ((ObjectNode) updated.get("metadata")).set("generation", generation);
    return raised;
  }

  /** A random (version 4) UUID for a new object's uid, without the secure generator's system calls. */
  private static String randomUid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long most = random.nextLong() & 0xffffffffffff0fffL | 0x0000000000004000L;
    long least = random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
    return new UUID(most, least).toString();
  }
}
