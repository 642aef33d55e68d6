package io.runbook.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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

  /**
   * A change as the history keeps it: its JSON text (the store holds the same string), parsed again only when a watch
   * replays it. Keeping each change's parsed tree held about 3 KB per write for the lab's life: a 1 000-cluster lab
   * kept over 100 MB of trees for the changes of its seeding and first rotations, all copied out of the young
   * generation, and its old generation filled until full collections came one after another.
   */
  private record Recorded(String path, String json, boolean deleted, String previousJson, long sequence, long at) {
    Change change() {
      return new Change(path, Json.parse(json), deleted, previousJson, sequence, json);
    }
  }

  /** How many recent changes are kept for watches that start from a list's resource version. */
  private static final int HISTORY = 256;
  /**
   * How long a change is kept for them: a watch starts from a list taken moments before, and the API server's watch
   * cache keeps about as long (its event window aims at 75 s). Kept by count alone, every cluster held its last 256
   * changes for the lab's life: a 1 000-cluster lab that had served a few dozen rotations held 256 000 of them (about
   * 100 MB of JSON text, half its heap), and its collections grew slower and came more often with every rotation.
   */
  static final long HISTORY_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(75);
  private java.util.function.LongSupplier clock = System::nanoTime;
  private final java.util.ArrayDeque<Recorded> history = new java.util.ArrayDeque<>();
  private long evictedUpTo;

  private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
  private final StoreKeys keys = new StoreKeys();
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
    this.clock = nanos;
  }

  /** Registers a listener; closing the returned handle removes it. */
  public AutoCloseable addListener(Consumer<Change> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
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
        stored = resource != null ? storedKey(pathAttributes, resource) : keyOf(path, pathAttributes, newTree);
        stored = crds ? stored : hashed(stored);
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
    // numbered, remembered and announced in one step: writes that do not hold the dispatcher's lock (a namespace
    // turning Terminating) would otherwise reach the history out of sequence, and a watch replaying "everything
    // after the last change it replayed" would skip the one that came late
    synchronized (history) {
      ObjectNode tree = newTree != null ? newTree : Json.parse(state);
      Change change = new Change(path, tree, newState == null, previous, requestResourceVersion(), state);
      long now = clock.getAsLong();
      history.addLast(new Recorded(path, state, change.deleted(), previous, change.sequence(), now));
      while (history.size() > HISTORY || now - history.peekFirst().at() > HISTORY_NANOS) {
        evictedUpTo = history.removeFirst().sequence();
      }
      for (Consumer<Change> listener : listeners) {
        try {
          listener.accept(change);
        } catch (RuntimeException e) {
          // a broken watcher (e.g. a socket closing) must never fail the write that notified it; its own close
          // handling unregisters it
        }
      }
    }
  }

  /**
   * The changes made after resource version {@code since}, oldest first; null when some of them are no longer
   * remembered (the caller then falls back to the current state).
   */
  public List<Change> changesSince(long since) {
    synchronized (history) {
      long now = clock.getAsLong();
      while (!history.isEmpty() && now - history.peekFirst().at() > HISTORY_NANOS) {
        evictedUpTo = history.removeFirst().sequence();
      }
      if (since < evictedUpTo) {
        return null;
      }
      return history.stream().filter(c -> c.sequence() > since).map(Recorded::change).toList();
    }
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
        if (matches(candidate.getKey(), query)) {
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
      query = coreKey(path);
      if (query == null) {
        query = super.getKey(path);
      }
      queries.put(path, query);
    }
    return query;
  }

  /**
   * The store's query for a plain core path ({@code /api/v1/PLURAL[/NAME]} or
   * {@code /api/v1/namespaces/NS/PLURAL[/NAME]}, no query string, names of lower-case letters, digits, dots and
   * dashes, no dot segment), put together as the store's regular expression over the URL reads it: version, plural,
   * namespace, name. Null for any other path, for the store's own parsing. The first request for each object's path
   * in each cluster parsed it (a URL parse and a regular expression).
   */
  static AttributeSet coreKey(String path) {
    if (!path.startsWith("/api/v1/") || path.length() == "/api/v1/".length()) {
      return null;
    }
    String[] segments = path.substring("/api/v1/".length()).split("/", -1);
    for (String segment : segments) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return null;  // the URL parser would resolve a dot segment
      }
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
          return null;
        }
      }
    }
    String namespace = null;
    String plural;
    String name = null;
    if (segments.length <= 2) {
      plural = segments[0];
      name = segments.length == 2 ? segments[1] : null;
    } else if (segments.length <= 4 && segments[0].equals("namespaces")) {
      namespace = segments[1];
      plural = segments[2];
      name = segments.length == 4 ? segments[3] : null;
    } else {
      return null;
    }
    List<io.fabric8.mockwebserver.crud.Attribute> attributes = new ArrayList<>(4);
    attributes.add(new io.fabric8.mockwebserver.crud.Attribute("version", "v1"));
    attributes.add(new io.fabric8.mockwebserver.crud.Attribute("plural", plural));
    if (namespace != null) {
      attributes.add(new io.fabric8.mockwebserver.crud.Attribute("namespace", namespace));
    }
    if (name != null) {
      attributes.add(new io.fabric8.mockwebserver.crud.Attribute("name", name));
    }
    return new AttributeSet(attributes);
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
        if (value != null && matches(entry.getKey(), query)) {
          values.add(value);
          if (first) {
            break;
          }
        }
      }
    }
    return values;
  }

  /** The key the CRUD store files a new state under (as its {@code processEvent} computes it). */
  private AttributeSet storedKey(AttributeSet pathAttributes, GenericKubernetesResource resource) {
    AttributeSet key = ((KubernetesAttributesExtractor) getAttributeExtractor()).extract(resource);
    return key.containsKey("plural") ? key : AttributeSet.merge(pathAttributes, key);
  }

  /**
   * The key the CRUD store files a state under, read from its tree. A core object's ({@code /api/...}, apiVersion
   * without a group) is put together at once: the store's extractor adds attribute after attribute, each time
   * copying the set, then merges it with the path's; no custom resource is ever core, so its kind needs no look-up of
   * a CRD for its plural (the path's is taken, as the store does).
   */
  AttributeSet keyOf(String path, AttributeSet pathAttributes, ObjectNode tree) {
    String apiVersion = textOrNull(tree.get("apiVersion"));
    if (!path.startsWith("/api/") || apiVersion == null || apiVersion.isEmpty() || apiVersion.contains("/")) {
      return storedKey(pathAttributes, keyed(tree));
    }
    List<io.fabric8.mockwebserver.crud.Attribute> attributes = new ArrayList<>();
    attributes.add(new io.fabric8.mockwebserver.crud.Attribute("version", apiVersion));
    JsonNode meta = tree.path("metadata");
    String name = textOrNull(meta.get("name"));
    if (name != null && !name.isEmpty()) {
      attributes.add(new io.fabric8.mockwebserver.crud.Attribute("name", name));
      attributes.add(new io.fabric8.mockwebserver.crud.Attribute("metadata.name", name));
    }
    String namespace = textOrNull(meta.get("namespace"));
    if (namespace != null && !namespace.isEmpty()) {
      attributes.add(new io.fabric8.mockwebserver.crud.Attribute("namespace", namespace));
      attributes.add(new io.fabric8.mockwebserver.crud.Attribute("metadata.namespace", namespace));
    }
    if (meta.get("labels") instanceof ObjectNode labels) {
      labels.fields().forEachRemaining(label -> attributes.add(
          new io.fabric8.mockwebserver.crud.Attribute("labels:" + label.getKey(), textOrNull(label.getValue()))));
    }
    return AttributeSet.merge(pathAttributes, new AttributeSet(attributes));
  }

  /** Paths whose writes the CRUD store's own CRD processor must hear. */
  private static final String CRD_PATHS = "/apis/apiextensions.k8s.io/";

  /**
   * What the CRUD store's key of a state is made of (apiVersion, kind, name, namespace, labels), read from the tree
   * instead of reading the whole JSON into fabric8's model (which the store did twice per write).
   */
  private static GenericKubernetesResource keyed(ObjectNode tree) {
    GenericKubernetesResource keyed = new GenericKubernetesResource();
    keyed.setApiVersion(textOrNull(tree.get("apiVersion")));
    keyed.setKind(textOrNull(tree.get("kind")));
    io.fabric8.kubernetes.api.model.ObjectMeta meta = new io.fabric8.kubernetes.api.model.ObjectMeta();
    JsonNode given = tree.path("metadata");
    meta.setName(textOrNull(given.get("name")));
    meta.setNamespace(textOrNull(given.get("namespace")));
    if (given.get("labels") instanceof ObjectNode labels) {
      Map<String, String> values = new java.util.LinkedHashMap<>();
      labels.fields().forEachRemaining(label -> values.put(label.getKey(), textOrNull(label.getValue())));
      meta.setLabels(values);
    }
    keyed.setMetadata(meta);
    return keyed;
  }

  private static String textOrNull(JsonNode value) {
    return value == null || value.isNull() ? null : value.asText();
  }

  /**
   * A stored key whose hash is worked out once: the store's map and the index hash a key (a map of attributes, each
   * hashed through varargs arrays) on every lookup, put and removal. Equal only to keys of its own class, which is
   * what the map holds (lookups by query match keys, they never hash a query).
   */
  private static final class HashedKey extends AttributeSet {
    private final int hash;
    /** The attributes (the map fabric8's set holds), for {@link #matches} without reflection. */
    private final Map<io.fabric8.mockwebserver.crud.Key, io.fabric8.mockwebserver.crud.Attribute> attributes;

    HashedKey(Map<io.fabric8.mockwebserver.crud.Key, io.fabric8.mockwebserver.crud.Attribute> attributes) {
      super(attributes);
      this.attributes = attributes;
      this.hash = super.hashCode();
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return this == o || o instanceof HashedKey other && hash == other.hash && super.equals(other);
    }
  }

  /** The attributes of a key (a field of fabric8's, reached once by reflection), or null when it cannot be reached. */
  private static final java.lang.reflect.Field ATTRIBUTES = attributesField();

  private static java.lang.reflect.Field attributesField() {
    try {
      java.lang.reflect.Field field = AttributeSet.class.getDeclaredField("attributes");
      field.setAccessible(true);
      return Map.class.isAssignableFrom(field.getType()) ? field : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Whether a stored key matches a query, as {@link AttributeSet#matches} decides: for a query of plain equalities
   * (what paths give) each of its attributes is looked up by its key, where fabric8's own test streams over the query
   * and searches each of the key's attributes for an equal one ({@code containsValue}; an attribute is always filed
   * under its own key, so the one under that key is the only one that can be equal). Other operators (label selectors'
   * {@code !=}, {@code in}, {@code exists}) keep fabric8's test.
   */
  @SuppressWarnings("unchecked")
  static boolean matches(AttributeSet key, AttributeSet query) {
    Map<io.fabric8.mockwebserver.crud.Key, io.fabric8.mockwebserver.crud.Attribute> have;
    Map<io.fabric8.mockwebserver.crud.Key, io.fabric8.mockwebserver.crud.Attribute> wanted;
    try {
      if (ATTRIBUTES == null) {
        return key.matches(query);
      }
      have = key instanceof HashedKey hashedKey ? hashedKey.attributes
          : (Map<io.fabric8.mockwebserver.crud.Key, io.fabric8.mockwebserver.crud.Attribute>) ATTRIBUTES.get(key);
      wanted = (Map<io.fabric8.mockwebserver.crud.Key, io.fabric8.mockwebserver.crud.Attribute>) ATTRIBUTES.get(query);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return key.matches(query);
    }
    for (io.fabric8.mockwebserver.crud.Attribute attribute : wanted.values()) {
      if (attribute.getType() != io.fabric8.mockwebserver.crud.AttributeType.WITH) {
        return key.matches(query);
      }
    }
    for (io.fabric8.mockwebserver.crud.Attribute attribute : wanted.values()) {
      if (!attribute.equals(have.get(attribute.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** {@code key} with its hash kept, or itself when its attributes cannot be reached. */
  @SuppressWarnings("unchecked")
  static AttributeSet hashed(AttributeSet key) {
    if (ATTRIBUTES == null) {
      return key;
    }
    try {
      return new HashedKey((Map<io.fabric8.mockwebserver.crud.Key, io.fabric8.mockwebserver.crud.Attribute>)
          ATTRIBUTES.get(key));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return key;
    }
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
    Stored created = createDirectly(type, namespace, object);
    if (created != null) {
      return created;
    }
    MockResponse response = handleCreate(request(HttpMethod.POST, type.path(namespace, null), object));
    if (response.code() == 409) {
      throw ApiError.alreadyExists(type.plural(), Json.name(object));
    }
    ObjectNode tree = expectObject(response, type, Json.name(object));
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
    Stored direct = updateDirectly(type, namespace, name, object);
    if (direct != null) {
      return direct;
    }
    ObjectNode stored = updateThroughCrudStore(type, namespace, name, object);
    return new Stored(stored, Json.write(stored));
  }

  private ObjectNode updateThroughCrudStore(ResourceType type, String namespace, String name, ObjectNode object) {
    String path = type.path(namespace, name);
    MockResponse response = handleUpdate(request(HttpMethod.PUT, path, object));
    if (response.code() == 409) {
      throw ApiError.conflict(type.plural(), name);
    }
    if (response.code() == 200 && (response.getBody() == null || response.getBody().size() == 0)) {
      // the update removed the last finalizer of an object being deleted, so the store deleted it: as the API server
      // does, answer with the object's final state
      return object;
    }
    ObjectNode stored = expectObject(response, type, name);
    JsonNode status = object.get("status");
    if (status != null && !status.equals(stored.get("status")) && isStatusSubresourceEnabledForResource(path)) {
      // the CRUD store keeps the old status of custom resources on a main-resource PUT: write it separately
      ObjectNode statusOnly = stored.deepCopy();
      statusOnly.set("status", status);
      Json.meta(statusOnly).remove("resourceVersion");
      stored = expectObject(handleUpdate(request(HttpMethod.PUT, path + "/status", statusOnly)), type, name);
    }
    return stored;
  }

  /**
   * The CRUD store's update (its PUT handler) of a plain object in a namespace, without its detours: it reads the body
   * into fabric8's model only to check it (kind, apiVersion, name, not being deleted: all given here), parses the
   * written body and the stored state again, compares them twice as JSON patches (for the generation and the resource
   * version), and the lab then parsed its answer once more. Same steps on the trees: the path's name and namespace, the
   * resource version the update is based on (409 when stale), the stored metadata kept (namespace, uid, creation time,
   * resource version, generation, in the handler's order), the generation raised when something outside metadata and
   * status changed, a new resource version when anything did; same stored JSON, key and change. Both states must be
   * plain: {@link #plainForCreate} metadata and, beside it, text, booleans and maps of text only (a Secret's or a
   * ConfigMap's shape), where comparing the trees is what comparing them as JSON patches decides. Null for anything
   * else (or when the store's lock cannot be reached), for the CRUD store's own update.
   */
  private Stored updateDirectly(ResourceType type, String namespace, String name, ObjectNode object) {
    String path = type.path(namespace, name);
    if (WRITE_LOCK == null || namespace == null || !path.startsWith("/api/")
        || !plainForUpdate(object, namespace, name)) {
      return null;
    }
    java.util.concurrent.locks.Lock lock = writeLock();
    if (lock == null) {
      return null;
    }
    AttributeSet attributes = getKey(path);
    lock.lock();
    try {
      Map.Entry<AttributeSet, String> entry = findResource(attributes);
      if (entry == null) {
        throw ApiError.notFound(type.plural(), name);
      }
      ObjectNode current = Json.parse(entry.getValue());
      ObjectNode currentMeta = current.get("metadata") instanceof ObjectNode m ? m : null;
      if (currentMeta == null || !plainForUpdate(current, namespace, name) || !currentMeta.hasNonNull("namespace")
          || !currentMeta.hasNonNull("uid")
          || !currentMeta.hasNonNull("creationTimestamp") || !currentMeta.hasNonNull("resourceVersion")
          || !currentMeta.hasNonNull("generation")) {
        return null;
      }
      ObjectNode updated = object.deepCopy();
      ObjectNode meta = (ObjectNode) updated.get("metadata");
      String basedOn = meta.path("resourceVersion").asText();
      if (!basedOn.isEmpty() && !basedOn.equals(currentMeta.get("resourceVersion").asText())) {
        throw ApiError.conflict(type.plural(), name);
      }
      meta.put("namespace", currentMeta.path("namespace").asText(null));
      meta.put("uid", currentMeta.get("uid").asText());
      meta.put("creationTimestamp", currentMeta.get("creationTimestamp").asText());
      meta.put("resourceVersion", currentMeta.get("resourceVersion").asText());
      meta.set("generation", currentMeta.get("generation").deepCopy());
      if (changedOutsideMetadataAndStatus(current, updated)) {
        meta.put("generation", currentMeta.path("generation").asInt(0) + 1);
      }
      if (!current.equals(updated)) {
        meta.put("resourceVersion", String.valueOf(requestResourceVersion()));
      }
      String json = Json.write(updated);
      PARSED.set(new Parsed(json, updated));
      try {
        processEvent(path, attributes, entry.getKey(), null, json);
      } finally {
        PARSED.remove();
      }
      return new Stored(updated, json);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether a state fits {@link #updateDirectly}: {@link #plainForCreate} (in {@code namespace}), named {@code name},
   * not being deleted, and every field beside apiVersion, kind and metadata text, a boolean, or a map of text.
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

  /**
   * Whether the JSON patch from {@code current} to {@code updated} (both {@link #plainForUpdate}) has an operation on a
   * path outside {@code /metadata} and {@code /status}, as the CRUD store's generation rule asks. A value added or
   * replaced there always gives one; when values were only removed there, the patch may turn a removal and an equal
   * value added under metadata into one move (whose path is under metadata): that case is left to the store's own
   * patch.
   */
  private boolean changedOutsideMetadataAndStatus(ObjectNode current, ObjectNode updated) {
    boolean removed = false;
    for (var fields = updated.fields(); fields.hasNext();) {
      var field = fields.next();
      String key = field.getKey();
      if (key.equals("metadata") || key.equals("status")) {
        continue;
      }
      JsonNode before = current.get(key);
      JsonNode after = field.getValue();
      if (before == null || after.isObject() != before.isObject()) {
        return true;
      }
      if (!after.isObject()) {
        if (!after.equals(before)) {
          return true;
        }
        continue;
      }
      for (var entries = after.fields(); entries.hasNext();) {
        var entry = entries.next();
        if (!entry.getValue().equals(before.get(entry.getKey()))) {
          return true;
        }
      }
      removed |= before.size() > after.size();
    }
    for (var fields = current.fieldNames(); fields.hasNext();) {
      String key = fields.next();
      removed |= !key.equals("metadata") && !key.equals("status") && !updated.has(key);
    }
    if (!removed) {
      return false;
    }
    JsonNode generation = updated.get("metadata").get("generation");
    touchGeneration(current, updated);
    boolean raised = !generation.equals(updated.get("metadata").get("generation"));
    ((ObjectNode) updated.get("metadata")).set("generation", generation);
    return raised;
  }

  /** Deletes an object (or marks it for deletion while it has finalizers); false when there was none. */
  public boolean delete(ResourceType type, String namespace, String name) {
    MockResponse response = handleDelete(type.path(namespace, name));
    return response.code() == 200 && response.getBody() != null && response.getBody().size() > 0;
  }

  /**
   * The CRUD store's delete of one named object, from the candidates the index gives: its own finds the object by
   * parsing the URL again and testing every stored key, then reads the object into fabric8's model to look at its
   * finalizers (a rotation's Secret deletes over a thousand clusters spent more time there than in the change
   * itself). Same answer and same change; an object that may have finalizers, a path without a name, or a store
   * whose lock cannot be reached is left to the CRUD store's own delete.
   */
  @Override
  public MockResponse handleDelete(String path) {
    AttributeSet query = getKey(path);
    if (WRITE_LOCK == null || !query.containsKey("name")) {
      return super.handleDelete(path);
    }
    java.util.concurrent.locks.Lock lock = writeLock();
    if (lock == null) {
      return super.handleDelete(path);
    }
    lock.lock();
    try {
      List<Map.Entry<AttributeSet, String>> found = new ArrayList<>();
      synchronized (keys) {
        java.util.Collection<Map.Entry<AttributeSet, String>> candidates = keys.candidates(query);
        if (candidates == null) {
          return super.handleDelete(path);
        }
        for (Map.Entry<AttributeSet, String> candidate : candidates) {
          if (matches(candidate.getKey(), query)) {
            if (candidate.getValue().contains("\"finalizers\"")) {
              return super.handleDelete(path);  // marked for deletion rather than removed: the CRUD store's rules
            }
            found.add(new java.util.AbstractMap.SimpleImmutableEntry<>(candidate));
          }
        }
      }
      if (found.isEmpty()) {
        return new MockResponse().setResponseCode(404);
      }
      for (Map.Entry<AttributeSet, String> entry : found) {
        processEvent(path, query, entry.getKey(), null, null);
      }
      return new MockResponse().setResponseCode(200).setBody(found.get(0).getValue());
    } finally {
      lock.unlock();
    }
  }

  /**
   * The CRUD store's lock, which its writes hold (a private field of fabric8's store: reached once, by reflection),
   * or null when this fabric8 version has none by that name; deletes then take the store's own, slower path.
   */
  private static final java.lang.reflect.Field WRITE_LOCK = lockField();

  private static java.lang.reflect.Field lockField() {
    try {
      java.lang.reflect.Field field = KubernetesCrudDispatcher.class.getDeclaredField("lock");
      field.setAccessible(true);
      return java.util.concurrent.locks.ReadWriteLock.class.isAssignableFrom(field.getType()) ? field : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private java.util.concurrent.locks.Lock writeLock() {
    try {
      return ((java.util.concurrent.locks.ReadWriteLock) WRITE_LOCK.get(this)).writeLock();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** A state this thread is writing, with its tree: the change announced for it needs no parse of its JSON. */
  private record Parsed(String json, ObjectNode tree) {
  }

  private static final ThreadLocal<Parsed> PARSED = new ThreadLocal<>();
  /** The metadata fields a plain create may carry (see {@link #plainForCreate}), all overwritten or kept as they are. */
  private static final java.util.Set<String> PLAIN_METADATA = java.util.Set.of("name", "namespace", "labels",
      "annotations", "uid", "resourceVersion", "creationTimestamp", "generation");
  /** The order fabric8's model writes metadata fields in (its {@code ObjectMeta}). */
  private static final List<String> METADATA_ORDER = List.of("annotations", "creationTimestamp",
      "deletionGracePeriodSeconds", "deletionTimestamp", "finalizers", "generateName", "generation", "labels",
      "managedFields", "name", "namespace", "ownerReferences", "resourceVersion", "selfLink", "uid");

  /**
   * The CRUD store's create of a plain object (see {@link #plainForCreate}) without its detour through fabric8's model:
   * its create reads the JSON into a {@code GenericKubernetesResource} (about as costly as the rest of a request
   * together), writes it out again, and the lab then parsed the answer once more. Same stored JSON (fields in the
   * model's order, uid, creation time, resource version, generation 1, a custom resource's status dropped where its
   * CRD keeps status apart), same key, same change; null when the object is not plain or the store's lock cannot be
   * reached, for the CRUD store's own create.
   */
  private Stored createDirectly(ResourceType type, String namespace, ObjectNode object) {
    if (WRITE_LOCK == null || !plainForCreate(object, namespace)) {
      return null;
    }
    java.util.concurrent.locks.Lock lock = writeLock();
    if (lock == null) {
      return null;
    }
    String path = type.path(namespace, null);
    ObjectNode given = (ObjectNode) object.get("metadata");
    String name = given.get("name").asText();
    AttributeSet attributes = getKey(path).add(new io.fabric8.mockwebserver.crud.Attribute("name", name));
    ObjectNode stored = Json.object();
    stored.set("apiVersion", object.get("apiVersion"));
    stored.set("kind", object.get("kind"));
    ObjectNode meta = stored.putObject("metadata");
    lock.lock();
    try {
      if (findResource(attributes) != null) {
        throw ApiError.alreadyExists(type.plural(), name);
      }
      ObjectNode fields = given.deepCopy();
      if (namespace != null) {
        fields.put("namespace", namespace);
      } else {
        fields.remove("namespace");  // an empty one: the model leaves it out
      }
      fields.put("uid", randomUid());
      fields.put("creationTimestamp", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
          .toString());
      fields.put("resourceVersion", String.valueOf(requestResourceVersion()));
      fields.put("generation", 1L);
      for (String field : METADATA_ORDER) {
        com.fasterxml.jackson.databind.JsonNode value = fields.get(field);
        // the model leaves out empty label and annotation maps
        if (value != null && !(value.isObject() && value.isEmpty())) {
          meta.set(field, value);
        }
      }
      object.fields().forEachRemaining(field -> {
        if (!field.getKey().equals("apiVersion") && !field.getKey().equals("kind")
            && !field.getKey().equals("metadata")) {
          stored.set(field.getKey(), field.getValue());
        }
      });
      if (isStatusSubresourceEnabledForResource(path)) {
        stored.remove("status");
      }
      String json = Json.write(stored);
      PARSED.set(new Parsed(json, stored));
      try {
        processEvent(path, attributes, null, null, json);
      } finally {
        PARSED.remove();
      }
      return new Stored(stored, json);
    } finally {
      lock.unlock();
    }
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
      com.fasterxml.jackson.databind.JsonNode value = field.getValue();
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

  /** A random (version 4) UUID for a new object's uid, without the secure generator's system calls. */
  private static String randomUid() {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    long most = random.nextLong() & 0xffffffffffff0fffL | 0x0000000000004000L;
    long least = random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
    return new java.util.UUID(most, least).toString();
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

  private static ObjectNode expectObject(MockResponse response, ResourceType type, String name) {
    if (response.code() == 404) {
      throw ApiError.notFound(type.plural(), name);
    }
    if (response.code() >= 300) {
      String message = response.getBody() == null ? "" : body(response);
      throw new ApiError(response.code(), response.code() == 422 ? "Invalid" : "BadRequest",
          message.isBlank() ? "request rejected by the store" : Json.text(Json.parseAny(message), "message"));
    }
    return Json.parse(body(response));
  }

  private static String body(MockResponse response) {
    return new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
  }

  private static RecordedRequest request(HttpMethod method, String path, ObjectNode body) {
    Headers headers = Headers.builder().add("Content-Type", "application/json").build();
    return new RecordedRequest("HTTP/1.1", method, path, headers,
        new Buffer(Json.write(body).getBytes(StandardCharsets.UTF_8)));
  }
}
