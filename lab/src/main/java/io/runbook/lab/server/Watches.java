package io.runbook.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Watches over the store's change feed, for both transports (fabric8's WebSocket, Go's HTTP stream): the
 * current matching objects first as {@code ADDED} (only those changed after {@code resourceVersion} when the
 * client gives one), then every change to a matching object. An object that stops matching is {@code DELETED}.
 */
final class Watches {
  private final ObjectStore store;

  Watches(ObjectStore store) {
    this.store = store;
  }

  /** Starts a watch; {@code send} gets one JSON watch event per call. Closing the handle ends the watch. */
  AutoCloseable open(ResourceType type, RequestPath path, Consumer<String> send) {
    Predicate<JsonNode> selected = selection(type, path);
    AutoCloseable subscription = store.addListener(change -> {
      boolean now = !change.deleted() && selected.test(change.object());
      boolean before = change.previousJson() != null && selected.test(Json.parse(change.previousJson()));
      if (change.deleted() && selected.test(change.object())) {
        send.accept(event("DELETED", change.object()));
      } else if (now) {
        send.accept(event(before ? "MODIFIED" : "ADDED", change.object()));
      } else if (before) {
        send.accept(event("DELETED", change.object()));
      }
    });
    long since = parseVersion(path.param("resourceVersion"));
    for (ObjectNode object : store.list(type, path.namespace())) {
      if (selected.test(object) && parseVersion(Json.text(object, "metadata", "resourceVersion")) > since) {
        send.accept(event("ADDED", object));
      }
    }
    return subscription;
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

  private static String event(String type, ObjectNode object) {
    ObjectNode event = Json.object();
    event.put("type", type);
    event.set("object", object);
    return Json.write(event);
  }
}
