package io.runbook.lab.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The object storage of one lab cluster: fabric8's CRUD dispatcher (which also serves WebSocket watches),
 * driven through typed calls, plus a change feed the lab's controllers listen to.
 *
 * <p>Every write goes through here, whether it comes from a client request or a controller, so watches
 * see all changes. Listeners run while the store holds its write lock: they must only hand work off.
 */
public final class ObjectStore extends KubernetesCrudDispatcher {
  /**
   * A stored object changed; {@code object} is the new state, or the last state when deleted, and
   * {@code previousJson} the state before (null when created). {@code sequence} orders changes on the same scale
   * as resource versions: it is greater than the resource version of every list taken before the change.
   * {@code json} is {@code object} as the store holds it (the text a watch event carries, written out once).
   */
  public record Change(String path, ObjectNode object, boolean deleted, String previousJson, long sequence,
      String json) {
  }

  /** The recent changes, for watches, and the listeners they are announced to. */
  private final ChangeHistory history = new ChangeHistory();
  private final StoreKeys keys = new StoreKeys();
  /** Creates and updates of plain objects that skip the CRUD store's handlers (null when they cannot be taken). */
  private final DirectWrites direct = new DirectWrites(this);
  /** The other creates and updates, through the CRUD store's handlers. */
  private final HandlerWrites handlers = new HandlerWrites(this);
  /** Deletes of one named object from the candidates the index gives. */
  private final DirectDeletes deletes = new DirectDeletes(this, keys);
  /** Paths whose writes the CRUD store's own CRD processor must hear. */
  private static final String CRD_PATHS = "/apis/apiextensions.k8s.io/";

  /** A state this thread is writing, with its tree: the change announced for it needs no parse of its JSON. */
  private record Parsed(String json, ObjectNode tree) {
  }

  private static final ThreadLocal<Parsed> PARSED = new ThreadLocal<>();
  /** Queries made of paths, as the store parses them (regular expressions over a URL: more work than the lookup). */
  private final Map<String, AttributeSet> queries = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int QUERIES_KEPT = 256;

  /**
   * Whether some state written to this store so far could tie objects together or was going away: an owner reference,
   * an event's involved object, a deletion timestamp. Set once and never cleared (a guide that only errs towards a
   * search); see {@link #relationsSeen()}.
   */
  private volatile boolean relationsSeen;

  /** The clock the change history's age is read from (tests move it). */
  void clock(java.util.function.LongSupplier nanos) {
    history.clock(nanos);
  }

  /** Registers a listener; closing the returned handle removes it. */
  public AutoCloseable addListener(Consumer<Change> listener) {
    return history.addListener(listener);
  }

  @Override
  public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
      GenericKubernetesResource resource, String newState) {
    String previous = oldAttributes == null ? null : map.get(oldAttributes);
    // the new state's tree: handed over by the writer, else parsed once here, for its key and for the change
    Parsed hint = PARSED.get();
    ObjectNode newTree = newState == null ? null
        : hint != null && hint.json() == newState ? hint.tree() : Json.parse(newState);
    boolean crds = path.startsWith(CRD_PATHS);
    synchronized (keys) {
      AttributeSet stored = null;
      if (newState != null) {
        stored = resource != null ? ObjectKeys.storedKey(extractor(), pathAttributes, resource)
            : ObjectKeys.keyOf(extractor(), path, pathAttributes, newTree);
        stored = crds ? stored : HashedKey.hashed(stored);
      }
      if (crds) {
        // the CRUD store's own step, which also tells its CRD processor (it serves the CRD's kind from then on)
        super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
      } else {
        // the CRUD store's step without its second reading of the key (from its model) and the processor (CRDs
        // only); its own watches are never opened (the lab serves watches itself)
        map.remove(oldAttributes);
        if (stored != null) {
          map.put(stored, newState);
        }
      }
      if (oldAttributes != null) {
        keys.removed(oldAttributes);
      }
      if (stored != null) {
        keys.added(stored, newState);
      }
      if (stored != null && !map.containsKey(stored) || oldAttributes != null && !oldAttributes.equals(stored)
          && map.containsKey(oldAttributes)) {
        keys.abandon();
      }
    }
    if (!relationsSeen && newState != null && (newState.contains("\"ownerReferences\"")
        || newState.contains("\"involvedObject\"") || newState.contains("\"deletionTimestamp\""))) {
      relationsSeen = true;
    }
    if (java.util.Objects.equals(previous, newState)) {
      return;
    }
    String state = newState != null ? newState : previous;
    if (state == null) {
      return;
    }
    history.record(path, newTree, newState == null, previous, state, this::requestResourceVersion);
  }

  /**
   * The CRUD store's update keeps the stored uid, creation time, versions and namespace; it writes the namespace even
   * when the stored object has none, as {@code namespace: null}, so a cluster-scoped object (a Namespace, a Node)
   * would come back from a PUT or a patch with a namespace key the API server never shows: leave it out then.
   */
  @Override
  public void preserveMetadata(com.fasterxml.jackson.databind.JsonNode current,
      com.fasterxml.jackson.databind.JsonNode updated) {
    super.preserveMetadata(current, updated);
    com.fasterxml.jackson.databind.JsonNode namespace = current.path("metadata").path("namespace");
    if (namespace.isMissingNode() || namespace.isNull()) {
      ((ObjectNode) updated.get("metadata")).remove("namespace");
    }
  }

  /**
   * {@link #processEvent} for a state whose tree the writer has at hand ({@code json} written out of {@code tree}):
   * the change announced for it takes that tree instead of parsing the JSON again. Call holding the store's lock.
   */
  void processParsed(String path, AttributeSet pathAttributes, AttributeSet oldAttributes, String json,
      ObjectNode tree) {
    PARSED.set(new Parsed(json, tree));
    try {
      processEvent(path, pathAttributes, oldAttributes, null, json);
    } finally {
      PARSED.remove();
    }
  }

  /** The CRUD store's reader of keys from objects, for {@link ObjectKeys}. */
  KubernetesAttributesExtractor extractor() {
    return (KubernetesAttributesExtractor) getAttributeExtractor();
  }

  /**
   * The changes made after resource version {@code since}, oldest first; null when some of them are no longer
   * remembered (the caller then falls back to the current state).
   */
  public List<Change> changesSince(long since) {
    return history.changesSince(since);
  }

  public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
    String found = json(type, namespace, name);
    return found == null ? Optional.empty() : Optional.of(Json.parse(found));
  }

  /** Whether an object of that name is stored (its JSON is not parsed). */
  public boolean exists(ResourceType type, String namespace, String name) {
    return json(type, namespace, name) != null;
  }

  /** The stored JSON of an object as it is, unparsed, or null when there is none. */
  String json(ResourceType type, String namespace, String name) {
    List<String> found = matching(getKey(type.path(namespace, name)), true);
    return found.isEmpty() || found.get(0).isEmpty() ? null : found.get(0);
  }

  /** All objects of a type, in one namespace or (namespace null) in all of them. */
  public List<ObjectNode> list(ResourceType type, String namespace) {
    List<ObjectNode> items = new ArrayList<>();
    for (Stored stored : listStored(type, namespace)) {
      items.add(stored.object());
    }
    return items;
  }

  /** {@link #list}, each object with its JSON as stored. */
  List<Stored> listStored(ResourceType type, String namespace) {
    List<Stored> items = new ArrayList<>();
    for (String value : matching(getKey(type.path(namespace, null)), false)) {
      if (Json.parseAny(value) instanceof ObjectNode object && type.kind().equals(object.path("kind").asText(type.kind()))) {
        items.add(new Stored(object, value));
      }
    }
    return items;
  }

  /**
   * The stored object {@code query} finds first, as the CRUD store's own lookup does (its first match in the store's
   * order), from the candidates the index gives instead of a pass over every stored object.
   */
  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    synchronized (keys) {
      java.util.Collection<Map.Entry<AttributeSet, String>> candidates = keys.candidates(query);
      if (candidates == null) {
        return super.findResource(query);
      }
      for (Map.Entry<AttributeSet, String> candidate : candidates) {
        if (HashedKey.matches(candidate.getKey(), query)) {
          return new java.util.AbstractMap.SimpleImmutableEntry<>(candidate);
        }
      }
      return null;
    }
  }

  /**
   * Whether a path's kind keeps its status apart as a custom resource whose CRD says so. A core-group path
   * ({@code /api/v1/...}) never names a custom resource (a CRD's group has a dot), so it is answered without the CRUD
   * store's parsing of the URL, which every create and update asks for.
   */
  @Override
  public boolean isStatusSubresourceEnabledForResource(String path) {
    return !path.startsWith("/api/") && super.isStatusSubresourceEnabledForResource(path);
  }

  /** The store's query for a path (the same for the same path: it depends on the path alone), remembered. */
  @Override
  public AttributeSet getKey(String path) {
    AttributeSet query = queries.get(path);
    if (query == null) {
      if (queries.size() >= QUERIES_KEPT) {
        queries.clear();
      }
      query = ObjectKeys.coreKey(path);
      if (query == null) {
        query = super.getKey(path);
      }
      queries.put(path, query);
    }
    return query;
  }

  /** The stored JSON of the objects {@code query} matches, in the store's order (only the first when {@code first}). */
  private List<String> matching(AttributeSet query, boolean first) {
    List<String> values = new ArrayList<>();
    synchronized (keys) {
      java.util.Collection<Map.Entry<AttributeSet, String>> candidates = keys.candidates(query);
      Iterable<Map.Entry<AttributeSet, String>> scanned =
          candidates != null ? candidates : new ArrayList<>(map.entrySet());
      for (Map.Entry<AttributeSet, String> entry : scanned) {
        String value = entry.getValue();
        if (value != null && HashedKey.matches(entry.getKey(), query)) {
          values.add(value);
          if (first) {
            break;
          }
        }
      }
    }
    return values;
  }

  /**
   * False while no state ever written here held an owner reference, an event's involved object or a deletion
   * timestamp: then no stored object can be owned by another, name another as an event does, or be going away, and a
   * search for such ties ({@link #mentionsAny}) can be skipped. True from the first such write on.
   */
  public boolean relationsSeen() {
    return relationsSeen;
  }

  /**
   * Whether any stored object's JSON contains one of {@code texts} (e.g. a uid in an owner reference or an event),
   * unparsed, in one pass over the store.
   */
  public boolean mentionsAny(String... texts) {
    for (String value : new ArrayList<>(map.values())) {
      for (String text : texts) {
        if (value.contains(text)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Every stored object, of every kind. */
  public List<ObjectNode> snapshot() {
    List<ObjectNode> objects = new ArrayList<>();
    for (String value : new ArrayList<>(map.values())) {
      objects.add(Json.parse(value));
    }
    return objects;
  }

  /**
   * Creates an object (an {@link ApiError} 409 AlreadyExists when there is one of that name) and returns its stored
   * state. The returned tree may be the one the store's listeners got: read it, never change it.
   */
  public ObjectNode create(ResourceType type, String namespace, ObjectNode object) {
    return createStored(type, namespace, object).object();
  }

  /** A stored state: its tree (read it, never change it) and its JSON as the store holds it. */
  record Stored(ObjectNode object, String json) {
  }

  /** {@link #create}, with the created object's JSON as stored (the answer to a create, written out once). */
  Stored createStored(ResourceType type, String namespace, ObjectNode object) {
    Stored created = direct.create(type, namespace, object);
    if (created != null) {
      return created;
    }
    ObjectNode tree = handlers.create(type, namespace, object);
    return new Stored(tree, Json.write(tree));
  }

  /**
   * Replaces an object; its {@code metadata.resourceVersion}, when present, must be the stored one. The returned tree
   * may be the one the store's listeners got: read it, never change it.
   */
  public ObjectNode update(ResourceType type, String namespace, String name, ObjectNode object) {
    return updateStored(type, namespace, name, object).object();
  }

  /** {@link #update}, with the stored JSON of the answer (written out once). */
  Stored updateStored(ResourceType type, String namespace, String name, ObjectNode object) {
    Stored updated = direct.update(type, namespace, name, object);
    if (updated != null) {
      return updated;
    }
    ObjectNode stored = handlers.update(type, namespace, name, object);
    return new Stored(stored, Json.write(stored));
  }

  /** Deletes an object (or marks it for deletion while it has finalizers); false when there was none. */
  public boolean delete(ResourceType type, String namespace, String name) {
    MockResponse response = handleDelete(type.path(namespace, name));
    return response.code() == 200 && response.getBody() != null && response.getBody().size() > 0;
  }

  /** The CRUD store's delete of one named object, through {@link DirectDeletes} (which falls back on the store's own). */
  @Override
  public MockResponse handleDelete(String path) {
    return deletes.delete(path, super::handleDelete);
  }

  /**
   * Stores {@code next} as the new state of an existing object without the API's update rules, for states a
   * client cannot write, such as a namespace being deleted (deletionTimestamp without metadata finalizers).
   */
  public void replaceState(ResourceType type, String namespace, String name, ObjectNode next) {
    String path = type.path(namespace, name);
    Map.Entry<AttributeSet, String> current = findResource(getKey(path));
    if (current == null) {
      throw ApiError.notFound(type.plural(), name);
    }
    Json.meta(next).put("resourceVersion", String.valueOf(requestResourceVersion()));
    processEvent(path, getKey(path), current.getKey(), null, Json.write(next));
  }

  /**
   * A resource version no earlier than every write completed (or holding the store's lock) at the time of the
   * call, and earlier than every later write.
   */
  public String currentResourceVersion() {
    return String.valueOf(requestResourceVersion());
  }
}
