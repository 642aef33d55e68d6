package io.runbook.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A light stand-in for server-side apply's field ownership: what each field manager last applied to each object.
 * When a manager applies again without a field (or list element) it applied before, that field is removed, as
 * the real API server does when no other manager owns it. Ownership by other managers is not tracked.
 */
final class ApplyHistory {
  /**
   * By object uid, then by field manager ("" for none). By uid first: forgetting a deleted object (every delete asks)
   * and finding the other managers of an object were a pass over every object's entries.
   */
  private final Map<String, Map<String, JsonNode>> lastApplied = new ConcurrentHashMap<>();

  /** Removes from {@code current} what {@code manager} applied last time but no longer applies. */
  JsonNode prune(String uid, String manager, JsonNode current, JsonNode applied) {
    JsonNode previous = lastApplied.getOrDefault(String.valueOf(uid), Map.of()).get(manager(manager));
    if (previous == null || !(current instanceof ObjectNode)) {
      return current;
    }
    ObjectNode pruned = ((ObjectNode) current).deepCopy();
    pruneObject(pruned, previous, applied);
    return pruned;
  }

  /**
   * The fields {@code manager} would change although another manager applied their current value, spelled like
   * the API server's conflict messages: {@code conflict with "other": .data.key}. Lists count as one field.
   */
  List<String> conflicts(String uid, String manager, JsonNode live, JsonNode applied) {
    List<String> conflicts = new ArrayList<>();
    lastApplied.getOrDefault(String.valueOf(uid), Map.of()).forEach((other, theirs) -> {
      if (!other.equals(manager(manager))) {
        collect(conflicts, other, "", theirs, live, applied);
      }
    });
    return conflicts;
  }

  private static void collect(List<String> conflicts, String other, String path, JsonNode theirs, JsonNode live,
      JsonNode applied) {
    if (theirs.isObject() && applied.isObject()) {
      applied.properties().forEach(e -> {
        String field = e.getKey();
        String child = path + "." + field;
        boolean identity = child.equals(".apiVersion") || child.equals(".kind") || child.equals(".metadata.name")
            || child.equals(".metadata.namespace");
        if (!identity && theirs.has(field)) {
          collect(conflicts, other, child, theirs.get(field), live == null ? null : live.get(field), e.getValue());
        }
      });
    } else if (live != null && theirs.equals(live) && !applied.equals(live)) {
      conflicts.add("conflict with \"" + other + "\": " + path);
    }
  }

  /** Forgets a deleted object. */
  void forget(String uid) {
    lastApplied.remove(String.valueOf(uid));
  }

  void remember(String uid, String manager, JsonNode applied) {
    if (uid != null) {
      lastApplied.computeIfAbsent(uid, u -> new ConcurrentHashMap<>()).put(manager(manager), applied.deepCopy());
    }
  }

  private static void pruneObject(ObjectNode current, JsonNode previous, JsonNode applied) {
    previous.properties().forEach(e -> {
      String field = e.getKey();
      JsonNode now = applied.get(field);
      if (now == null || now.isNull()) {
        if (!field.equals("apiVersion") && !field.equals("kind")) {
          current.remove(field);
        }
      } else if (current.get(field) instanceof ObjectNode child && e.getValue().isObject()) {
        pruneObject(child, e.getValue(), now);
      } else if (current.get(field) instanceof ArrayNode list && e.getValue().isArray() && now.isArray()) {
        pruneList(field, list, (ArrayNode) e.getValue(), (ArrayNode) now);
      }
    });
  }

  private static void pruneList(String field, ArrayNode current, ArrayNode previous, ArrayNode applied) {
    String key = Patches.mergeKey(field, previous);
    if (key == null) {
      return;
    }
    for (JsonNode old : previous) {
      JsonNode keyValue = old.get(key);
      JsonNode still = find(applied, key, keyValue);
      int index = indexOf(current, key, keyValue);
      if (index < 0) {
        continue;
      }
      if (still == null) {
        current.remove(index);
      } else if (current.get(index) instanceof ObjectNode element) {
        pruneObject(element, old, still);
      }
    }
  }

  private static JsonNode find(ArrayNode list, String key, JsonNode value) {
    int index = indexOf(list, key, value);
    return index < 0 ? null : list.get(index);
  }

  private static int indexOf(ArrayNode list, String key, JsonNode value) {
    for (int i = 0; i < list.size(); i++) {
      if (value != null && value.equals(list.get(i).get(key))) {
        return i;
      }
    }
    return -1;
  }

  private static String manager(String manager) {
    return manager == null ? "" : manager;
  }
}
