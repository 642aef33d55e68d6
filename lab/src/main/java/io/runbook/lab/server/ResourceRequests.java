package io.runbook.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Create, read, update, patch and delete of objects, with the API server's semantics on top of the plain store:
 * defaulting, dry run, the four patch types, and the {@code status} and {@code scale} subresources.
 */
final class ResourceRequests {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ResourceType NAMESPACES = ResourceCatalog.builtIn("", "namespaces");
  private static final int RETRIES = 5;
  private final ObjectStore store;
  private final ResourceCatalog catalog;
  private final Defaulting defaulting;
  private final ApplyHistory history = new ApplyHistory();

  ResourceRequests(ObjectStore store, ResourceCatalog catalog, Defaulting defaulting, PodLogs logs) {
    this.store = store;
    this.catalog = catalog;
    this.defaulting = defaulting;
    // a deleted object's apply memory and a deleted pod's log go with it, whoever deleted it
    store.addListener(change -> {
      if (change.deleted()) {
        history.forget(Json.uid(change.object()));
        if ("Pod".equals(change.object().path("kind").asText())) {
          logs.remove(Json.namespace(change.object()), Json.name(change.object()));
        }
      }
    });
  }

  MockResponse get(RequestPath path, ResourceType type, String accept) {
    boolean table = Tables.wanted(accept) && path.subresource() == null;
    if (path.name() == null) {
      ObjectNode list = ListPages.page(list(path, type), path);
      if (table) {
        List<JsonNode> items = new java.util.ArrayList<>();
        list.path("items").forEach(items::add);
        ObjectNode rows = Tables.table(type, items, list.path("metadata").path("resourceVersion").asText());
        // a chunk's continue token and count go with its rows (kubectl asks for tables in chunks of 500)
        ObjectNode chunk = ((ObjectNode) list.get("metadata")).deepCopy();
        chunk.remove("resourceVersion");
        ((ObjectNode) rows.get("metadata")).setAll(chunk);
        return Replies.json(200, rows);
      }
      return Replies.json(200, list);
    }
    if (!table && path.subresource() == null) {
      // the stored JSON is the answer: no parse and write again
      return Replies.json(200, stored(path, type));
    }
    ObjectNode object = store.get(type, path.namespace(), path.name())
        .orElseThrow(() -> ApiError.notFound(type.plural(), path.name()));
    if ("scale".equals(path.subresource())) {
      return Replies.json(200, Scale.of(object));
    }
    if (table) {
      return Replies.json(200, Tables.table(type, List.of(object), Json.text(object, "metadata", "resourceVersion")));
    }
    return Replies.json(200, object);
  }

  ObjectNode list(RequestPath path, ResourceType type) {
    // taken before reading: a watch from this version then misses no write the list did not show
    String resourceVersion = store.currentResourceVersion();
    Predicate<JsonNode> selected = Selectors.labels(path.param("labelSelector"))
        .and(Selectors.fields(path.param("fieldSelector")));
    List<ObjectNode> items = store.list(type, path.namespace()).stream().filter(selected)
        .sorted(Comparator.comparing((ObjectNode o) -> String.valueOf(Json.namespace(o)))
            .thenComparing(o -> String.valueOf(Json.name(o))))
        .toList();
    ObjectNode list = Json.object();
    list.put("apiVersion", type.apiVersion());
    list.put("kind", type.kind() + "List");
    list.putObject("metadata").put("resourceVersion", resourceVersion);
    ArrayNode array = list.putArray("items");
    items.forEach(array::add);
    return list;
  }

  MockResponse create(RequestPath path, ResourceType type, RecordedRequest request) {
    if (path.name() != null) {
      throw new ApiError(405, "MethodNotAllowed", "the lab does not serve POST on " + type.plural() + "/"
          + (path.subresource() == null ? "<name>" : path.subresource()));
    }
    ObjectNode object = body(request);
    FieldTypes.checkDecoded(type, object);
    return Replies.json(201, createObject(path, type, object).json());
  }

  /** Creates (or, on a dry run, only checks and fills in) an object; the answer's JSON as the store wrote it. */
  private ObjectStore.Stored createObject(RequestPath path, ResourceType type, ObjectNode object) {
    defaulting.onCreate(type, path.namespace(), object);
    if (type.namespaced()) {
      requireNamespace(path.namespace());
    }
    if (path.dryRun()) {
      if (store.get(type, path.namespace(), Json.name(object)).isPresent()) {
        throw ApiError.alreadyExists(type.plural(), Json.name(object));
      }
      defaulting.dryRunMetadata(object);
      return new ObjectStore.Stored(object, Json.write(object));
    }
    return store.createStored(type, path.namespace(), object);
  }

  MockResponse update(RequestPath path, ResourceType type, RecordedRequest request) {
    ObjectNode body = body(request);
    FieldTypes.checkDecoded(type, body);
    ObjectNode current = current(path, type);
    String bodyVersion = Json.text(body, "metadata", "resourceVersion");
    ObjectNode next = switch (String.valueOf(path.subresource())) {
      case "status" -> withStatus(current, body.get("status"));
      case "scale" -> Scale.apply(current, body);
      case "null" -> {
        if (Json.name(body) != null && !Json.name(body).equals(path.name())) {
          throw new ApiError(400, "BadRequest", "the name of the object (" + Json.name(body)
              + ") does not match the name on the URL (" + path.name() + ")");
        }
        defaulting.onUpdate(type, path.namespace(), body, current);
        yield body;
      }
      default -> throw ApiError.notFound(type.plural() + "/" + path.subresource(), path.name());
    };
    if (bodyVersion != null && !bodyVersion.isEmpty()) {
      Json.meta(next).put("resourceVersion", bodyVersion);
    }
    ObjectStore.Stored saved = save(path, type, next, current);
    return "scale".equals(path.subresource()) ? Replies.json(200, Scale.of(saved.object()))
        : Replies.json(200, saved.json());
  }

  MockResponse patch(RequestPath path, ResourceType type, RecordedRequest request) {
    String contentType = String.valueOf(request.getHeader("Content-Type"));
    boolean apply = contentType.contains("apply-patch");
    JsonNode patch = apply ? yaml(request) : Json.parseAny(request.getUtf8Body());
    if (apply && path.subresource() == null) {
      FieldTypes.checkApplied(type, patch, path.namespace(), path.name());
    }
    for (int attempt = 0;; attempt++) {
      Optional<ObjectNode> found = store.get(type, path.namespace(), path.name());
      if (found.isEmpty()) {
        if (apply && path.subresource() == null && patch instanceof ObjectNode object) {
          Json.meta(object).put("name", path.name());
          ObjectStore.Stored created = createObject(path, type, object.deepCopy());
          if (!path.dryRun()) {
            history.remember(Json.uid(created.object()), path.param("fieldManager"), patch);
          }
          return Replies.json(201, created.json());
        }
        throw ApiError.notFound(type.plural(), path.name());
      }
      ObjectNode current = found.get();
      ObjectNode next = patched(path, type, current, patch, contentType);
      Json.meta(next).put("resourceVersion", Json.text(current, "metadata", "resourceVersion"));
      try {
        ObjectStore.Stored saved = save(path, type, next, current);
        if (apply && !path.dryRun() && path.subresource() == null) {
          history.remember(Json.uid(saved.object()), path.param("fieldManager"), patch);
        }
        return "scale".equals(path.subresource()) ? Replies.json(200, Scale.of(saved.object()))
            : Replies.json(200, saved.json());
      } catch (ApiError e) {
        if (e.code() != 409 || attempt >= RETRIES) {
          throw e;
        }
      }
    }
  }

  private ObjectNode patched(RequestPath path, ResourceType type, ObjectNode current, JsonNode patch,
      String contentType) {
    JsonNode base = "scale".equals(path.subresource()) ? Scale.of(current) : current;
    JsonNode result;
    if (contentType.contains("apply-patch")) {
      if (!path.flag("force") && path.subresource() == null) {
        List<String> conflicts = history.conflicts(Json.uid(current), path.param("fieldManager"), current, patch);
        if (!conflicts.isEmpty()) {
          throw new ApiError(409, "Conflict", "Apply failed with " + conflicts.size() + " conflict"
              + (conflicts.size() == 1 ? "" : "s") + ": " + String.join(", ", conflicts));
        }
      }
      JsonNode pruned = path.subresource() == null
          ? history.prune(Json.uid(current), path.param("fieldManager"), base, patch) : base;
      result = Patches.apply(pruned, patch);
    } else if (contentType.contains("strategic-merge-patch")) {
      result = Patches.strategicMerge(base, patch);
    } else if (contentType.contains("merge-patch")) {
      result = Patches.mergePatch(base, patch);
    } else if (contentType.contains("json-patch")) {
      result = Patches.jsonPatch(base, patch);
    } else {
      throw new ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
          + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
          + "application/apply-patch+yaml, application/strategic-merge-patch+json");
    }
    if (!(result instanceof ObjectNode object)) {
      throw new ApiError(422, "Invalid", "the patch did not produce an object");
    }
    if (!contentType.contains("apply-patch") && path.subresource() == null) {
      FieldTypes.checkDecoded(type, object);
    }
    return switch (String.valueOf(path.subresource())) {
      case "status" -> withStatus(current, object.get("status"));
      case "scale" -> Scale.apply(current, object);
      case "null" -> {
        defaulting.onUpdate(type, path.namespace(), object, current);
        yield object;
      }
      default -> throw ApiError.notFound(type.plural() + "/" + path.subresource(), path.name());
    };
  }

  MockResponse delete(RequestPath path, ResourceType type) {
    if (path.name() != null && type.kind().equals("Namespace") && !path.dryRun()) {
      current(path, type);
      deleteObject(type, null, path.name());
      return Replies.json(200, current(path, type));
    }
    if (path.name() == null) {
      ObjectNode list = ListPages.page(list(path, type), path);
      if (!path.dryRun()) {
        list.path("items").forEach(item -> deleteObject(type, Json.namespace(item), Json.name(item)));
      }
      return Replies.json(200, list);
    }
    String current = stored(path, type);
    if (!path.dryRun()) {
      deleteObject(type, path.namespace(), path.name());
    }
    return Replies.json(200, current);
  }

  private void deleteObject(ResourceType type, String namespace, String name) {
    if (type.kind().equals("Namespace")) {
      // like the real namespace controller: Terminating now, contents and namespace removed by the controllers
      store.get(type, null, name).filter(ns -> !ns.path("metadata").hasNonNull("deletionTimestamp"))
          .ifPresent(ns -> {
            ObjectNode next = ns.deepCopy();
            Json.meta(next).put("deletionTimestamp", java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            Json.with(next, "status").put("phase", "Terminating");
            store.replaceState(type, null, name, next);
          });
      return;
    }
    if (type.kind().equals("CustomResourceDefinition")) {
      deleteCustomResources(name);
    }
    store.delete(type, namespace, name);
  }

  /** Deleting a CRD deletes every object of its kind, in every version and namespace. */
  private void deleteCustomResources(String crdName) {
    store.get(ResourceCatalog.builtIn("apiextensions.k8s.io", "customresourcedefinitions"), null, crdName)
        .ifPresent(crd -> {
          String group = crd.path("spec").path("group").asText();
          String plural = crd.path("spec").path("names").path("plural").asText();
          for (ResourceType t : catalog.all()) {
            if (t.group().equals(group) && t.plural().equals(plural)) {
              store.list(t, null).forEach(o -> store.delete(t, Json.namespace(o), Json.name(o)));
            }
          }
        });
  }

  /** Writes {@code next} over {@code current} (only fills it in on a dry run); the answer's JSON as stored. */
  private ObjectStore.Stored save(RequestPath path, ResourceType type, ObjectNode next, ObjectNode current) {
    if (path.dryRun()) {
      ObjectNode meta = Json.meta(next);
      ObjectNode currentMeta = Json.meta(current);
      for (String field : List.of("uid", "creationTimestamp", "generation", "resourceVersion")) {
        if (currentMeta.has(field)) {
          meta.set(field, currentMeta.get(field));
        }
      }
      return new ObjectStore.Stored(next, Json.write(next));
    }
    JsonNode deleting = current.path("metadata").get("deletionTimestamp");
    if (deleting != null && !deleting.isNull()) {
      // a client cannot undo a deletion; removing the last finalizer completes it (the store then deletes the object)
      Json.meta(next).set("deletionTimestamp", deleting.deepCopy());
    }
    return store.updateStored(type, path.namespace(), path.name(), next);
  }

  /** The stored JSON of the object a path names, as stored; 404 when there is none. */
  private String stored(RequestPath path, ResourceType type) {
    String stored = store.json(type, path.namespace(), path.name());
    if (stored == null) {
      throw ApiError.notFound(type.plural(), path.name());
    }
    return stored;
  }

  private ObjectNode current(RequestPath path, ResourceType type) {
    return store.get(type, path.namespace(), path.name())
        .orElseThrow(() -> ApiError.notFound(type.plural(), path.name()));
  }

  private void requireNamespace(String namespace) {
    // read as stored, and parsed only when it may be terminating: every create in a namespace asks
    String stored = store.json(NAMESPACES, null, namespace);
    if (stored == null) {
      throw ApiError.notFound("namespaces", namespace);
    }
    if (stored.contains("\"deletionTimestamp\"")
        && Json.parse(stored).path("metadata").hasNonNull("deletionTimestamp")) {
      throw new ApiError(403, "Forbidden", "unable to create new content in namespace " + namespace
          + " because it is being terminated");
    }
  }

  private static ObjectNode withStatus(ObjectNode current, JsonNode status) {
    ObjectNode next = current.deepCopy();
    if (status == null || status.isNull()) {
      next.remove("status");
    } else {
      next.set("status", status.deepCopy());
    }
    return next;
  }

  private ObjectNode body(RecordedRequest request) {
    byte[] bytes = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
    if (ProtobufBodies.isProtobuf(request.getHeader("Content-Type"))) {
      return ProtobufBodies.shared().decode(bytes);
    }
    return Json.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
  }

  private static JsonNode yaml(RecordedRequest request) {
    String body = request.getUtf8Body();
    try {
      JsonNode node = asJson(body);
      if (node == null) {
        node = YAML.readTree(body);
      }
      if (!(node instanceof ObjectNode)) {
        throw new ApiError(400, "BadRequest", "the apply patch must be an object");
      }
      return node;
    } catch (IOException e) {
      throw new ApiError(400, "BadRequest", "the apply patch is not valid YAML: " + e.getMessage());
    }
  }

  /**
   * An apply patch written as a JSON object (what Go and Java clients send: JSON is YAML), read with the JSON parser,
   * several times cheaper than the YAML one; null when the body is not one, for the YAML parser to read.
   */
  private static JsonNode asJson(String body) {
    if (!body.stripLeading().startsWith("{")) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
