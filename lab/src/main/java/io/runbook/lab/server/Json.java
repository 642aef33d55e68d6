package io.runbook.lab.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON tree access shared by the lab server and its controllers; the mapper is configured once and never changed. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  public static ObjectNode parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (!(node instanceof ObjectNode objectNode)) {
        throw new ApiError(400, "BadRequest", "the request body must be a JSON object");
      }
      return objectNode;
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "BadRequest", "invalid JSON: " + e.getOriginalMessage());
    }
  }

  public static JsonNode parseAny(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "BadRequest", "invalid JSON: " + e.getOriginalMessage());
    }
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** The object at {@code field}, created when absent (or when it holds a non-object). */
  public static ObjectNode with(ObjectNode parent, String field) {
    JsonNode child = parent.get(field);
    if (child instanceof ObjectNode objectNode) {
      return objectNode;
    }
    return parent.putObject(field);
  }

  public static ObjectNode meta(ObjectNode object) {
    return with(object, "metadata");
  }

  public static String text(JsonNode node, String... path) {
    JsonNode current = node;
    for (String p : path) {
      if (current == null) {
        return null;
      }
      current = current.get(p);
    }
    return current == null || current.isNull() ? null : current.asText();
  }

  public static String name(JsonNode object) {
    return text(object, "metadata", "name");
  }

  public static String namespace(JsonNode object) {
    return text(object, "metadata", "namespace");
  }

  public static String uid(JsonNode object) {
    return text(object, "metadata", "uid");
  }
}
