package io.runbook.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Which objects the store's direct writes ({@link DirectWrites}) may take: those whose trip through fabric8's model
 * would change nothing but the fields the write sets. Every other object keeps the CRUD store's own handlers.
 */
final class PlainObjects {
  /**
   * The metadata fields a plain create may carry (see {@link #plainForCreate}), all overwritten or kept as they are.
   */
  private static final Set<String> PLAIN_METADATA = Set.of("name", "namespace", "labels", "annotations", "uid",
      "resourceVersion", "creationTimestamp", "generation");

  private PlainObjects() {
  }

  /**
   * Whether an object to create is one whose trip through fabric8's model changes nothing but the fields a create
   * sets: apiVersion and kind given, metadata with a name and nothing beyond {@link #PLAIN_METADATA} (labels and
   * annotations with text values, everything else text or a whole number), no null anywhere at the top, a
   * namespace (if given) that is the path's. Anything else (generateName, owner references, finalizers, managed
   * fields, a cluster-scoped object naming a namespace) keeps the CRUD store's own create and its answers.
   */
  static boolean plainForCreate(ObjectNode object, String namespace) {
    if (!object.path("apiVersion").isTextual() || object.get("apiVersion").asText().isEmpty()
        || !object.path("kind").isTextual() || object.get("kind").asText().isEmpty()
        || !(object.get("metadata") instanceof ObjectNode meta)
        || !meta.path("name").isTextual() || meta.get("name").asText().isEmpty()) {
      return false;
    }
    for (var fields = object.fields(); fields.hasNext();) {
      if (fields.next().getValue().isNull()) {
        return false;
      }
    }
    for (var fields = meta.fields(); fields.hasNext();) {
      var field = fields.next();
      JsonNode value = field.getValue();
      switch (field.getKey()) {
        case "labels", "annotations" -> {
          if (!(value instanceof ObjectNode map)) {
            return false;
          }
          for (var entries = map.elements(); entries.hasNext();) {
            if (!entries.next().isTextual()) {
              return false;
            }
          }
        }
        case "namespace" -> {
          if (!value.isTextual() || !value.asText().isEmpty() && !value.asText().equals(namespace)) {
            return false;
          }
        }
        case "generation" -> {
          if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            return false;
          }
        }
        default -> {
          if (!PLAIN_METADATA.contains(field.getKey()) || !value.isTextual()) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /**
   * Whether a state fits {@link DirectWrites#update}: {@link #plainForCreate} (in {@code namespace}), named
   * {@code name}, not being deleted, and every field beside apiVersion, kind and metadata text, a boolean, or a map of
   * text.
   */
  static boolean plainForUpdate(ObjectNode object, String namespace, String name) {
    if (!plainForCreate(object, namespace) || !name.equals(object.get("metadata").get("name").asText())) {
      return false;
    }
    for (var fields = object.fields(); fields.hasNext();) {
      var field = fields.next();
      JsonNode value = field.getValue();
      if (field.getKey().equals("metadata") || value.isTextual() || value.isBoolean()) {
        continue;
      }
      if (!(value instanceof ObjectNode map)) {
        return false;
      }
      for (var values = map.elements(); values.hasNext();) {
        if (!values.next().isTextual()) {
          return false;
        }
      }
    }
    return true;
  }
}
