package io.runbook.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Watches over the store's change feed, for both transports (fabric8's WebSocket, Go's HTTP stream). From a
 * {@code resourceVersion} (what a client got from its list), the changes made since are replayed from the store's
 * recent history, then live changes follow. Without one (or when the history no longer reaches back that far),
 * the current matching objects come first as {@code ADDED}. An object that stops matching is {@code DELETED}.
 */
final class Watches {
  private final ObjectStore store;

  Watches(ObjectStore store) {
    this.store = store;
  }

  /**
   * Starts a watch; {@code send} gets one JSON watch event per call, in order, never concurrently (it must keep
   * that order on the wire). Closing the handle ends the watch.
   */
  AutoCloseable open(ResourceType type, RequestPath path, Consumer<String> send) {
    Predicate<JsonNode> selected = selection(type, path);
    // live changes are held back until the replay is out, so that a client never receives an older state after
    // a newer one, nor misses a change made between its list and its watch (either would leave an informer's
    // cache stale for good)
    Object order = new Object();
    List<ObjectStore.Change> heldBack = new ArrayList<>();
    long[] replayedUpTo = {Long.MAX_VALUE};
    AutoCloseable subscription = store.addListener(change -> {
      synchronized (order) {
        if (replayedUpTo[0] == Long.MAX_VALUE) {
          heldBack.add(change);
        } else if (change.sequence() > replayedUpTo[0]) {
          emit(change, selected, send);
        }
      }
    });
    long since = parseVersion(path.param("resourceVersion"));
    List<ObjectStore.Change> missed = since > 0 ? store.changesSince(since) : null;
    long upTo;
    if (missed != null) {
      missed.forEach(change -> emit(change, selected, send));
      upTo = missed.stream().mapToLong(ObjectStore.Change::sequence).max().orElse(since);
    } else {
      for (ObjectStore.Stored stored : store.listStored(type, path.namespace())) {
        ObjectNode object = stored.object();
        if (selected.test(object) && parseVersion(Json.text(object, "metadata", "resourceVersion")) > since) {
          send.accept(event("ADDED", stored.json()));
        }
      }
      upTo = Long.MIN_VALUE;
    }
    synchronized (order) {
      heldBack.stream().filter(change -> change.sequence() > upTo).forEach(change -> emit(change, selected, send));
      heldBack.clear();
      replayedUpTo[0] = upTo;
    }
    return subscription;
  }

  /** Sends one change as the watch event a client of this selection sees, if any. */
  private static void emit(ObjectStore.Change change, Predicate<JsonNode> selected, Consumer<String> send) {
    boolean matches = selected.test(change.object());
    if (change.deleted()) {
      if (matches) {
        send.accept(event("DELETED", change.json()));
      }
    } else if (matches) {
      send.accept(event(matchedBefore(change, selected) ? "MODIFIED" : "ADDED", change.json()));
    } else if (matchedBefore(change, selected)) {
      send.accept(event("DELETED", change.json()));
    }
  }

  /**
   * Whether the state before the change matched, read only when the event depends on it: a deletion's does not, and
   * a token rotation deletes four Secrets per cluster, each heard by the cluster's watches (a JSON parse each).
   */
  private static boolean matchedBefore(ObjectStore.Change change, Predicate<JsonNode> selected) {
    return change.previousJson() != null && selected.test(Json.parse(change.previousJson()));
  }

  private static Predicate<JsonNode> selection(ResourceType type, RequestPath path) {
    Predicate<JsonNode> kind = o -> type.kind().equals(o.path("kind").asText())
        && type.apiVersion().equals(o.path("apiVersion").asText(type.apiVersion()));
    String namespace = path.namespace();
    Predicate<JsonNode> inNamespace = o -> namespace == null || namespace.equals(Json.namespace(o));
    String name = path.name();
    Predicate<JsonNode> named = o -> name == null || name.equals(Json.name(o));
    return kind.and(inNamespace).and(named).and(Selectors.labels(path.param("labelSelector")))
        .and(Selectors.fields(path.param("fieldSelector")));
  }

  private static long parseVersion(String version) {
    if (version == null || version.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(version);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * A watch event of {@code type} (a constant: nothing to escape) for an object's stored JSON, put together as text:
   * the same JSON as writing out a tree of the two fields, without writing the object out again for every watch.
   */
  static String event(String type, String objectJson) {
    return "{\"type\":\"" + type + "\",\"object\":" + objectJson + "}";
  }
}
