package io.runbook.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The PATCH flavours the API server accepts, applied to a JSON tree (the input is never modified). */
public final class Patches {
  /** Merge keys of the list fields kubectl and Helm patch most, from the Kubernetes API's patch strategy tags. */
  private static final Map<String, List<String>> MERGE_KEYS = Map.ofEntries(
      Map.entry("containers", List.of("name")), Map.entry("initContainers", List.of("name")),
      Map.entry("ephemeralContainers", List.of("name")), Map.entry("volumes", List.of("name")),
      Map.entry("env", List.of("name")), Map.entry("imagePullSecrets", List.of("name")),
      Map.entry("volumeMounts", List.of("mountPath")), Map.entry("volumeDevices", List.of("devicePath")),
      Map.entry("ports", List.of("containerPort", "port")), Map.entry("hostAliases", List.of("ip")),
      Map.entry("conditions", List.of("type")), Map.entry("ownerReferences", List.of("uid")),
      Map.entry("topologySpreadConstraints", List.of("topologyKey")));
  private static final Set<String> PRIMITIVE_MERGE_LISTS = Set.of("finalizers");

  private Patches() {
  }

  /** RFC 7386 JSON merge patch: objects merge, {@code null} deletes, anything else (lists too) replaces. */
  public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!(patch instanceof ObjectNode patchObject)) {
      return patch.deepCopy();
    }
    ObjectNode result = target instanceof ObjectNode t ? t.deepCopy() : Json.object();
    patchObject.properties().forEach(e -> {
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
      }
    });
    return result;
  }

  /** RFC 6902 JSON patch. */
  public static JsonNode jsonPatch(JsonNode target, JsonNode patch) {
    try {
      return JsonPatch.apply(patch, target);
    } catch (RuntimeException e) {
      throw new ApiError(422, "Invalid", "the JSON patch could not be applied: " + e.getMessage());
    }
  }

  /**
   * Strategic merge patch: like a merge patch, but lists with a known merge key merge element by element, and
   * the {@code $patch}, {@code $setElementOrder}, {@code $retainKeys} and {@code $deleteFromPrimitiveList}
   * directives are honoured. Lists whose merge key the lab does not know are replaced.
   */
  public static JsonNode strategicMerge(JsonNode target, JsonNode patch) {
    if (!(patch instanceof ObjectNode patchObject)) {
      return patch.deepCopy();
    }
    if ("replace".equals(patchObject.path("$patch").asText())) {
      ObjectNode replaced = patchObject.deepCopy();
      replaced.remove("$patch");
      return replaced;
    }
    ObjectNode result = target instanceof ObjectNode t ? t.deepCopy() : Json.object();
    List<String> orderDirectives = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = patchObject.properties().iterator(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (key.startsWith("$setElementOrder/")) {
        orderDirectives.add(key);
      } else if (key.startsWith("$deleteFromPrimitiveList/")) {
        String field = key.substring(key.indexOf('/') + 1);
        if (result.get(field) instanceof ArrayNode list) {
          Set<String> remove = new LinkedHashSet<>();
          value.forEach(v -> remove.add(v.asText()));
          result.set(field, filtered(list, remove));
        }
      } else if (key.startsWith("$")) {
        continue;
      } else if (value.isNull()) {
        result.remove(key);
      } else if (value instanceof ArrayNode list) {
        result.set(key, mergeList(key, result.get(key), list));
      } else {
        result.set(key, strategicMerge(result.get(key), value));
      }
    }
    retainKeys(result, patchObject.get("$retainKeys"));
    for (String directive : orderDirectives) {
      String field = directive.substring(directive.indexOf('/') + 1);
      if (result.get(field) instanceof ArrayNode list) {
        result.set(field, ordered(field, list, (ArrayNode) patchObject.get(directive)));
      }
    }
    return result;
  }

  /** Server-side apply without field ownership: objects merge recursively, lists merge like strategic merge. */
  public static JsonNode apply(JsonNode current, JsonNode applied) {
    return strategicMerge(current, applied);
  }

  private static JsonNode mergeList(String field, JsonNode current, ArrayNode patch) {
    if (PRIMITIVE_MERGE_LISTS.contains(field) && current instanceof ArrayNode existing) {
      Set<String> seen = new LinkedHashSet<>();
      existing.forEach(v -> seen.add(v.asText()));
      patch.forEach(v -> seen.add(v.asText()));
      ArrayNode merged = Json.array();
      seen.forEach(merged::add);
      return merged;
    }
    String mergeKey = mergeKey(field, patch);
    if (mergeKey == null || !(current instanceof ArrayNode existing)) {
      return withoutDirectives(patch);
    }
    ArrayNode result = existing.deepCopy();
    for (JsonNode element : patch) {
      JsonNode keyValue = element.get(mergeKey);
      int index = indexOf(result, mergeKey, keyValue);
      if ("delete".equals(element.path("$patch").asText())) {
        if (index >= 0) {
          result.remove(index);
        }
      } else if (index >= 0) {
        result.set(index, strategicMerge(result.get(index), element));
      } else {
        result.add(strategicMerge(null, element));
      }
    }
    return result;
  }

  static String mergeKey(String field, ArrayNode patch) {
    List<String> candidates = MERGE_KEYS.get(field);
    if (candidates == null || patch.isEmpty()) {
      return null;
    }
    for (String candidate : candidates) {
      boolean all = true;
      for (JsonNode element : patch) {
        all &= element.has(candidate);
      }
      if (all) {
        return candidate;
      }
    }
    return null;
  }

  private static int indexOf(ArrayNode list, String key, JsonNode value) {
    for (int i = 0; i < list.size(); i++) {
      if (value != null && value.equals(list.get(i).get(key))) {
        return i;
      }
    }
    return -1;
  }

  private static ArrayNode withoutDirectives(ArrayNode list) {
    ArrayNode result = Json.array();
    for (JsonNode element : list) {
      if (!"delete".equals(element.path("$patch").asText())) {
        result.add(element instanceof ObjectNode ? strategicMerge(null, element) : element.deepCopy());
      }
    }
    return result;
  }

  private static ArrayNode filtered(ArrayNode list, Set<String> remove) {
    ArrayNode result = Json.array();
    list.forEach(v -> {
      if (!remove.contains(v.asText())) {
        result.add(v);
      }
    });
    return result;
  }

  private static void retainKeys(ObjectNode result, JsonNode retain) {
    if (retain instanceof ArrayNode keys) {
      Set<String> keep = new LinkedHashSet<>();
      keys.forEach(k -> keep.add(k.asText()));
      result.retain(keep);
    }
  }

  /** Orders a merged list as {@code $setElementOrder} says; elements it does not name keep their place at the end. */
  private static ArrayNode ordered(String field, ArrayNode list, ArrayNode order) {
    String key = mergeKey(field, order);
    if (key == null) {
      return list;
    }
    ArrayNode result = Json.array();
    ArrayNode remaining = list.deepCopy();
    for (JsonNode wanted : order) {
      int index = indexOf(remaining, key, wanted.get(key));
      if (index >= 0) {
        result.add(remaining.remove(index));
      }
    }
    result.addAll(remaining);
    return result;
  }
}
