package io.runbook.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A list in chunks, as the API server answers {@code limit} and {@code continue}: at most {@code limit} items (0 or
 * none: all) in the list's order (namespace, then name), and when items follow, {@code metadata.continue} (where the
 * next chunk starts) and {@code metadata.remainingItemCount}. The token is base64 of JSON holding the list's resource
 * version and the last key answered; a chunk after the first is read from the store as it is then (the API server
 * reads the first chunk's snapshot; the lab keeps none). A token the lab did not make is a 400, as the API server's.
 */
final class ListPages {
  private ListPages() {
  }

  /** {@code list} (as {@link ResourceRequests} builds it, items sorted) cut to the chunk {@code path} asks for. */
  static ObjectNode page(ObjectNode list, RequestPath path) {
    String limitText = path.param("limit");
    String token = path.param("continue");
    boolean continued = token != null && !token.isEmpty();
    if ((limitText == null || limitText.isEmpty()) && !continued) {
      return list;
    }
    long limit;
    try {
      limit = limitText == null || limitText.isEmpty() ? 0 : Long.parseLong(limitText);
    } catch (NumberFormatException e) {
      throw new ApiError(400, "BadRequest", "limit: Invalid value: \"" + limitText + "\": must be an integer");
    }
    ArrayNode items = (ArrayNode) list.get("items");
    int start = 0;
    if (continued) {
      JsonNode after = decode(token);
      String namespace = after.path("namespace").asText();
      String name = after.path("name").asText();
      while (start < items.size() && compare(items.get(start), namespace, name) <= 0) {
        start++;
      }
    }
    int end = limit <= 0 || start + limit >= items.size() ? items.size() : start + (int) limit;
    ArrayNode chunk = Json.array();
    for (int i = start; i < end; i++) {
      chunk.add(items.get(i));
    }
    list.set("items", chunk);
    if (end < items.size()) {
      JsonNode last = items.get(end - 1);
      ObjectNode key = Json.object().put("rv", list.path("metadata").path("resourceVersion").asText())
          .put("namespace", String.valueOf(Json.namespace(last))).put("name", String.valueOf(Json.name(last)));
      ((ObjectNode) list.get("metadata")).put("continue", Base64.getUrlEncoder().encodeToString(
          key.toString().getBytes(StandardCharsets.UTF_8))).put("remainingItemCount", items.size() - end);
    }
    return list;
  }

  private static int compare(JsonNode item, String namespace, String name) {
    int byNamespace = String.valueOf(Json.namespace(item)).compareTo(namespace);
    return byNamespace != 0 ? byNamespace : String.valueOf(Json.name(item)).compareTo(name);
  }

  private static JsonNode decode(String token) {
    try {
      JsonNode key = Json.parseAny(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
      if (key != null && key.hasNonNull("name") && key.hasNonNull("namespace")) {
        return key;
      }
    } catch (RuntimeException e) {
      // not one of the lab's tokens: below
    }
    throw new ApiError(400, "BadRequest", "continue key is not valid: " + token);
  }
}
