package io.runbook.lab.server;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.crud.Value;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of one cluster's stored objects by name and by plural, each with its stored JSON. fabric8's CRUD store
 * finds an object by testing every stored key against the query (a pass over the whole cluster for each request);
 * this index narrows that pass to the keys that carry the query's name (or, for a list, its plural), in the store's
 * own order (insertion order, a replaced object last), and the store's own matching still decides which of them
 * answer. The JSON is held here too (the same string the store's map holds): looking it up in the map again hashed
 * the whole key (a map of attribute lists, its hash not cached) for every candidate of every read.
 *
 * <p>The index is kept in step with the store's map by {@link ObjectStore#processEvent}; both change together under
 * this object's monitor, which readers hold while they pick candidates and read their values.
 */
final class StoreKeys {
  private static final String NAME = "name";
  private static final String PLURAL = "plural";
  private static final String ANY = "*";
  private final Map<String, LinkedHashMap<AttributeSet, String>> byName = new HashMap<>();
  private final Map<String, LinkedHashMap<AttributeSet, String>> byPlural = new HashMap<>();
  /** False once a stored key could not be indexed (a wildcard value): every query then scans the whole store. */
  private boolean usable = true;

  /** Records a key no longer in the store's map. Call holding this object's monitor. */
  void removed(AttributeSet key) {
    forEachValue(key, NAME, v -> remove(byName, v, key));
    forEachValue(key, PLURAL, v -> remove(byPlural, v, key));
  }

  /**
   * Records a key now in the store's map with its JSON (last in its order unless it was there already, as in the
   * store's map). Call holding the monitor.
   */
  void added(AttributeSet key, String json) {
    forEachValue(key, NAME, v -> byName.computeIfAbsent(v, k -> new LinkedHashMap<>()).put(key, json));
    forEachValue(key, PLURAL, v -> byPlural.computeIfAbsent(v, k -> new LinkedHashMap<>()).put(key, json));
  }

  /** The index cannot be trusted any more (the store's map changed in a way it did not see): scan from now on. */
  void abandon() {
    usable = false;
  }

  /**
   * The stored keys that may match {@code query} with their JSON, in the store's order, or null when the index cannot
   * narrow the query (no single plain name or plural in it): the caller then tests every stored key. These are the
   * index's own entries (a lookup copied them all, though it mostly keeps one): call holding the monitor, read them
   * before releasing it and copy any entry kept beyond it.
   */
  java.util.Collection<Map.Entry<AttributeSet, String>> candidates(AttributeSet query) {
    if (!usable) {
      return null;
    }
    String name = plainValue(query, NAME);
    LinkedHashMap<AttributeSet, String> found;
    if (name != null) {
      found = byName.get(name);
    } else {
      String plural = plainValue(query, PLURAL);
      if (plural == null) {
        return null;
      }
      found = byPlural.get(plural);
    }
    return found == null ? List.of() : found.entrySet();
  }

  /** The one value a query requires for {@code key}, when it is a plain equality (not a wildcard), else null. */
  private static String plainValue(AttributeSet query, String key) {
    Attribute attribute = query.getAttribute(key);
    if (attribute == null || attribute.getType() != AttributeType.WITH || attribute.getValues().size() != 1) {
      return null;
    }
    String value = String.valueOf(attribute.getValues().get(0));
    return ANY.equals(value) ? null : value;
  }

  private void forEachValue(AttributeSet key, String attributeName, java.util.function.Consumer<String> action) {
    Attribute attribute = key.getAttribute(attributeName);
    if (attribute == null) {
      return;
    }
    for (Value value : attribute.getValues()) {
      String text = String.valueOf(value);
      if (ANY.equals(text)) {
        // a stored wildcard would match every query: the index cannot narrow by this attribute any more
        usable = false;
      }
      action.accept(text);
    }
  }

  private static void remove(Map<String, LinkedHashMap<AttributeSet, String>> index, String value, AttributeSet key) {
    LinkedHashMap<AttributeSet, String> keys = index.get(value);
    if (keys != null && keys.remove(key) != null && keys.isEmpty()) {
      index.remove(value);
    }
  }
}
