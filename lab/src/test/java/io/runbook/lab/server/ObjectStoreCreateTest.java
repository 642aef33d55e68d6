package io.runbook.lab.server;

import static io.runbook.lab.server.StoreFixtures.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A plain object is created without the trip through fabric8's model, and is stored exactly as the CRUD store's own
 * create stores it (same JSON text but for its random uid and the clock's creation time), found, listed, announced,
 * refused a second time and deleted as before; objects that are not plain keep the CRUD store's create.
 */
class ObjectStoreCreateTest {
  private static final ResourceType SECRETS = ResourceCatalog.builtIn("", "secrets");
  private static final ResourceType CONFIG_MAPS = ResourceCatalog.builtIn("", "configmaps");
  private static final ResourceType NAMESPACES = ResourceCatalog.builtIn("", "namespaces");

  @Test
  void aPlainObjectIsStoredAsTheCrudStoreStoresIt() {
    ObjectNode secret = Json.parse("""
        {"kind": "Secret", "type": "Opaque", "apiVersion": "v1",
         "data": {"token": "dG9rZW4="}, "stringData": {"more": "text"},
         "metadata": {"labels": {"app": "x", "tier": "web"}, "name": "token", "annotations": {"note": "kept"},
                      "namespace": "istio-system", "resourceVersion": "", "uid": "given", "generation": 7},
         "immutable": false}""");
    assertSameAsCrudStore(SECRETS, "istio-system", secret);
    assertSameAsCrudStore(CONFIG_MAPS, "default", Json.parse("""
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings", "labels": {}},
         "data": {"a": "1", "nested": "{\\"json\\": [1, 2.5, true]}"}}"""));
    assertSameAsCrudStore(NAMESPACES, null, Json.parse("""
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team", "namespace": ""},
         "spec": {"finalizers": ["kubernetes"]}}"""));
  }

  @Test
  void aCreatedObjectIsFoundListedAnnouncedAndDeletedThroughTheIndex() throws Exception {
    ObjectStore store = new ObjectStore();
    List<ObjectStore.Change> changes = new ArrayList<>();
    ObjectNode created;
    try (AutoCloseable listening = store.addListener(changes::add)) {
      created = store.create(SECRETS, "a", secret("token", "a"));
    }
    assertEquals(1, changes.size());
    assertFalse(changes.get(0).deleted());
    assertSame(created, changes.get(0).object(), "the change carries the stored tree, not a parse of it");
    assertEquals(Json.write(created), store.json(SECRETS, "a", "token"));
    assertEquals(Json.uid(created), Json.uid(store.get(SECRETS, "a", "token").orElseThrow()));
    assertTrue(Json.uid(created).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
        Json.uid(created));
    assertTrue(changes.get(0).sequence() > Long.parseLong(Json.text(created, "metadata", "resourceVersion")));
    assertEquals(List.of("token"), store.list(SECRETS, "a").stream().map(Json::name).toList());
    assertEquals(List.of("token"), store.list(SECRETS, null).stream().map(Json::name).toList());
    assertTrue(store.list(SECRETS, "b").isEmpty());

    ApiError again = assertThrows(ApiError.class, () -> store.create(SECRETS, "a", secret("token", "a")));
    assertEquals(409, again.code());
    assertEquals("secrets \"token\" already exists", again.getMessage());
    assertEquals(Json.uid(created), Json.uid(store.get(SECRETS, "a", "token").orElseThrow()), "the first one stays");

    ObjectNode other = store.create(SECRETS, "b", secret("token", "b"));
    assertNotEquals(Json.uid(created), Json.uid(other));
    assertTrue(store.delete(SECRETS, "a", "token"));
    assertTrue(store.get(SECRETS, "a", "token").isEmpty());
    assertTrue(store.get(SECRETS, "b", "token").isPresent());
  }

  @Test
  void aCreatedObjectIsUpdatedAndReplacedUnderOneKey() {
    ObjectStore store = new ObjectStore();
    ObjectNode created = store.create(SECRETS, "a", secret("token", "a"));
    ObjectNode next = created.deepCopy();
    Json.with(Json.meta(next), "labels").put("rotated", "yes");
    ObjectNode updated = store.update(SECRETS, "a", "token", next);
    assertEquals(Json.uid(created), Json.uid(updated));
    assertNotEquals(Json.text(created, "metadata", "resourceVersion"), Json.text(updated, "metadata", "resourceVersion"));
    ApiError stale = assertThrows(ApiError.class, () -> store.update(SECRETS, "a", "token", created.deepCopy()));
    assertEquals(409, stale.code());
    ObjectNode terminating = store.get(SECRETS, "a", "token").orElseThrow();
    Json.with(terminating, "stringData").put("key", "replaced");
    store.replaceState(SECRETS, "a", "token", terminating);
    assertEquals(1, store.snapshot().size(), "one object, under one key, after every write");
    assertEquals("replaced", Json.text(store.get(SECRETS, "a", "token").orElseThrow(), "stringData", "key"));
    assertEquals("yes", Json.text(store.list(SECRETS, "a").get(0), "metadata", "labels", "rotated"));
    assertTrue(store.delete(SECRETS, "a", "token"));
    assertTrue(store.snapshot().isEmpty());
    assertEquals(201, store.handleCreate(new RecordedRequest("HTTP/1.1", HttpMethod.POST, SECRETS.path("a", null),
        Headers.builder().add("Content-Type", "application/json").build(),
        new Buffer(Json.write(secret("token", "a")).getBytes(StandardCharsets.UTF_8)))).code(),
        "created again after its delete");
  }

  @Test
  void aStateIsKeyedAsTheCrudStoreKeysIt() {
    ObjectStore store = new ObjectStore();
    var extractor = (io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor) store.getAttributeExtractor();
    for (String[] pathAndState : new String[][] {
        {"/api/v1/namespaces/a/secrets/token", "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": "
            + "{\"name\": \"token\", \"namespace\": \"a\", \"labels\": {\"app\": \"x\", \"n\": 1}}}"},
        {"/api/v1/namespaces/team", "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": "
            + "{\"name\": \"team\"}}"},
        {"/apis/apps/v1/namespaces/a/deployments/web", "{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\", "
            + "\"metadata\": {\"name\": \"web\", \"namespace\": \"a\", \"labels\": {\"app\": \"web\"}}}"}}) {
      String path = pathAndState[0];
      String state = pathAndState[1];
      io.fabric8.mockwebserver.crud.AttributeSet expected = io.fabric8.mockwebserver.crud.AttributeSet.merge(
          store.getKey(path), extractor.fromResource(state));
      assertEquals(expected, ObjectKeys.keyOf(store.extractor(), path, store.getKey(path), Json.parse(state)), path);
    }
  }

  @Test
  void onlyPlainObjectsTakeTheDirectCreate() {
    assertTrue(PlainObjects.plainForCreate(secret("token", "a"), "a"));
    ObjectNode generated = secret("token", "a");
    Json.meta(generated).remove("name");
    Json.meta(generated).put("generateName", "token-");
    assertFalse(PlainObjects.plainForCreate(generated, "a"));
    ObjectNode owned = secret("token", "a");
    Json.meta(owned).putArray("ownerReferences").addObject().put("uid", "x");
    assertFalse(PlainObjects.plainForCreate(owned, "a"));
    ObjectNode finalized = secret("token", "a");
    Json.meta(finalized).putArray("finalizers").add("example.com/keep");
    assertFalse(PlainObjects.plainForCreate(finalized, "a"));
    ObjectNode numericLabel = secret("token", "a");
    Json.with(Json.meta(numericLabel), "labels").put("n", 1);
    assertFalse(PlainObjects.plainForCreate(numericLabel, "a"));
    ObjectNode withNull = secret("token", "a");
    withNull.putNull("data");
    assertFalse(PlainObjects.plainForCreate(withNull, "a"));
    assertFalse(PlainObjects.plainForCreate(secret("token", "a"), "b"), "a namespace other than the path's");
    assertFalse(PlainObjects.plainForCreate(secret("token", "a"), null), "a namespace on a cluster-scoped path");

    // and those that are not plain are still created (by the CRUD store), as before
    ObjectStore store = new ObjectStore();
    assertEquals("token", Json.name(store.create(SECRETS, "a", owned)));
    assertEquals("x", store.get(SECRETS, "a", "token").orElseThrow().path("metadata").path("ownerReferences")
        .path(0).path("uid").asText());
  }

  /** Creates {@code object} in a new store directly and through the CRUD store's own create: the same text. */
  private static void assertSameAsCrudStore(ResourceType type, String namespace, ObjectNode object) {
    assertTrue(PlainObjects.plainForCreate(object, namespace), object.toString());
    ObjectStore direct = new ObjectStore();
    String directJson = Json.write(direct.create(type, namespace, object.deepCopy()));
    assertEquals(directJson, direct.json(type, namespace, Json.name(object)));
    ObjectStore crud = new ObjectStore();
    MockResponse response = crud.handleCreate(new RecordedRequest("HTTP/1.1", HttpMethod.POST,
        type.path(namespace, null), Headers.builder().add("Content-Type", "application/json").build(),
        new Buffer(Json.write(object).getBytes(StandardCharsets.UTF_8))));
    assertEquals(201, response.code());
    String crudJson = new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
    assertEquals(withoutRandomParts(crudJson), withoutRandomParts(directJson));
  }

  private static String withoutRandomParts(String json) {
    return json.replaceAll("\"uid\":\"[^\"]*\"", "\"uid\":\"U\"")
        .replaceAll("\"creationTimestamp\":\"[^\"]*\"", "\"creationTimestamp\":\"T\"");
  }
}
