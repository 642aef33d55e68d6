package io.runbook.lab.server;

import static io.runbook.lab.server.StoreFixtures.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts a token rotation's requests take give the answers of the ways they replace: a plain core path's query
 * (the store's parse of the URL), the store's matching of
 * a key against a path's query (fabric8's own test), a watch event put together from the stored JSON (a tree of the
 * event written out), the type check of a plain Secret or ConfigMap skipped (reading it into the model finds nothing).
 */
class RotationPathTest {
  private static final ResourceType SECRETS = ResourceCatalog.builtIn("", "secrets");
  private static final ResourceType CONFIG_MAPS = ResourceCatalog.builtIn("", "configmaps");
  private static final ResourceType NAMESPACES = ResourceCatalog.builtIn("", "namespaces");

  @Test
  void aKeyMatchesAQueryAsFabric8MatchesIt() {
    ObjectStore store = new ObjectStore();
    ObjectNode labelled = secret("token", "a");
    Json.with(Json.meta(labelled), "labels").put("app", "x").put("tier", "web");
    ObjectNode other = secret("token", "b");
    Json.with(Json.meta(other), "labels").put("app", "y");
    List<String[]> states = List.of(
        new String[] {SECRETS.path("a", null), Json.write(labelled)},
        new String[] {SECRETS.path("b", null), Json.write(other)},
        new String[] {SECRETS.path("a", null), Json.write(secret("other", "a"))},
        new String[] {CONFIG_MAPS.path("a", null), Json.write(configMap("token", "a"))},
        new String[] {NAMESPACES.path(null, null),
            "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"a\"}}"});
    List<AttributeSet> keys = new ArrayList<>();
    for (String[] state : states) {
      AttributeSet key = ObjectKeys.keyOf(store.extractor(), state[0], store.getKey(state[0]), Json.parse(state[1]));
      keys.add(key);
      keys.add(HashedKey.hashed(key));
    }
    List<String> paths = List.of(SECRETS.path("a", "token"), SECRETS.path("b", "token"), SECRETS.path("a", "other"),
        SECRETS.path("a", null), SECRETS.path(null, null), SECRETS.path("c", "token"), CONFIG_MAPS.path("a", "token"),
        NAMESPACES.path(null, "a"), NAMESPACES.path(null, "b"), SECRETS.path("a", null) + "?labelSelector=app%3Dx",
        SECRETS.path(null, null) + "?labelSelector=app!%3Dx", SECRETS.path(null, null) + "?labelSelector=app+in+(x,y)",
        SECRETS.path(null, null) + "?labelSelector=!tier", SECRETS.path(null, null) + "?labelSelector=tier",
        SECRETS.path(null, null) + "?labelSelector=app+notin+(y)");
    int matched = 0;
    int unmatched = 0;
    for (String path : paths) {
      AttributeSet query = store.getKey(path);
      for (AttributeSet key : keys) {
        boolean expected = key.matches(query);
        assertEquals(expected, HashedKey.matches(key, query), path + " against " + key);
        matched += expected ? 1 : 0;
        unmatched += expected ? 0 : 1;
      }
    }
    assertTrue(matched > 10 && unmatched > 10, matched + " matched, " + unmatched + " not");
  }

  @Test
  void aPlainCorePathGivesTheQueryTheStoreParses() {
    ObjectStore store = new ObjectStore();
    List<String> direct = List.of("/api/v1/namespaces/istio-system/secrets/otel-token",
        "/api/v1/namespaces/istio-system/secrets", "/api/v1/namespaces/istio-system", "/api/v1/namespaces",
        "/api/v1/nodes/node-1.example", "/api/v1/namespaces/a/status", "/api/v1/namespaces/a/pods/web-0",
        "/api/v1/persistentvolumes/pv.1");
    for (String path : direct) {
      assertTrue(ObjectKeys.coreKey(path) != null, path);
      assertEquals(new KubernetesAttributesExtractor().fromPath(path), ObjectKeys.coreKey(path), path);
      assertEquals(new KubernetesAttributesExtractor().fromPath(path), store.getKey(path), path);
    }
    List<String> parsedByTheStore = List.of("/api/v1/namespaces/a/secrets?labelSelector=app%3Dx",
        "/api/v1/namespaces/a/pods/web-0/log", "/api/v1/nodes/n/status", "/api/v1/namespaces/a/secrets/Upper",
        "/api/v1/namespaces/a/secrets/a%2Fb", "/api/v1/namespaces/../secrets", "/api/v1/namespaces//secrets",
        "/api/v1/", "/apis/apps/v1/namespaces/a/deployments/web", "/api/v1/namespaces/a/secrets/b/c/d");
    for (String path : parsedByTheStore) {
      assertEquals(null, ObjectKeys.coreKey(path), path);
      assertEquals(new KubernetesAttributesExtractor().fromPath(path), store.getKey(path), path);
    }
  }

  @Test
  void aPlainUpdateIsStoredAndAnnouncedAsTheCrudStoreDoesIt() throws Exception {
    String currentJson = "{\"apiVersion\":\"v1\",\"data\":{\"token\":\"b2xk\",\"other\":\"eA==\"},"
        + "\"kind\":\"Secret\",\"metadata\":{\"creationTimestamp\":\"2026-01-01T00:00:00Z\",\"generation\":1,"
        + "\"labels\":{\"app\":\"x\"},\"name\":\"token\",\"namespace\":\"a\",\"resourceVersion\":\"1\","
        + "\"uid\":\"0b6f3c52-9f0e-4c55-8d0b-1f8f2f4b5a11\"},\"type\":\"Opaque\"}";
    List<java.util.function.Consumer<ObjectNode>> edits = List.of(
        next -> Json.with(next, "data").put("token", "bmV3"),                              // data changed
        next -> Json.with(Json.meta(next), "labels").put("tier", "web"),                   // metadata only
        next -> { },                                                                       // nothing changed
        next -> Json.with(next, "data").remove("other"),                                   // data removed only
        next -> {                                                                          // moved to a label
          Json.with(next, "data").remove("other");
          Json.with(Json.meta(next), "labels").put("moved", "eA==");
        },
        next -> Json.meta(next).remove(List.of("uid", "resourceVersion", "creationTimestamp", "generation")),
        next -> next.put("immutable", true).put("type", "kubernetes.io/tls"),
        next -> Json.meta(next).put("resourceVersion", "0"));                              // stale: 409
    int index = 0;
    for (java.util.function.Consumer<ObjectNode> edit : edits) {
      String what = "edit " + index++;
      ObjectStore direct = new ObjectStore();
      ObjectStore crud = new ObjectStore();
      String path = SECRETS.path("a", "token");
      for (ObjectStore store : List.of(direct, crud)) {
        store.processEvent(path, store.getKey(path), null, null, currentJson);
      }
      ObjectNode next = Json.parse(currentJson);
      edit.accept(next);
      assertTrue(PlainObjects.plainForUpdate(next, "a", "token"), what);
      List<ObjectStore.Change> directChanges = new ArrayList<>();
      List<ObjectStore.Change> crudChanges = new ArrayList<>();
      io.fabric8.mockwebserver.http.MockResponse expected;
      try (AutoCloseable a = direct.addListener(directChanges::add);
           AutoCloseable b = crud.addListener(crudChanges::add)) {
        expected = crud.handleUpdate(new io.fabric8.mockwebserver.http.RecordedRequest("HTTP/1.1",
            io.fabric8.mockwebserver.dsl.HttpMethod.PUT, path,
            io.fabric8.mockwebserver.http.Headers.builder().add("Content-Type", "application/json").build(),
            new io.fabric8.mockwebserver.http.Buffer(
                Json.write(next).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        if (expected.code() == 409) {
          ApiError conflict = org.junit.jupiter.api.Assertions.assertThrows(ApiError.class,
              () -> direct.update(SECRETS, "a", "token", next));
          assertEquals(409, conflict.code(), what);
          assertEquals(currentJson, direct.json(SECRETS, "a", "token"), what);
          continue;
        }
        assertEquals(200, expected.code(), what);
        ObjectNode updated = direct.update(SECRETS, "a", "token", next);
        assertEquals(new String(expected.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8),
            Json.write(updated), what);
      }
      assertEquals(crud.json(SECRETS, "a", "token"), direct.json(SECRETS, "a", "token"), what);
      assertEquals(crudChanges.stream().map(ObjectStore.Change::json).toList(),
          directChanges.stream().map(ObjectStore.Change::json).toList(), what);
      assertEquals(crudChanges.size(), index == 3 ? 0 : 1, what);
    }
  }

  @Test
  void aWatchEventIsTheEventTreeWrittenOut() throws Exception {
    ObjectStore store = new ObjectStore();
    store.create(SECRETS, "a", secret("first", "a"));
    List<String> events = new ArrayList<>();
    Watches watches = new Watches(store);
    try (AutoCloseable watch = watches.open(SECRETS, RequestPath.parse(SECRETS.path("a", null) + "?watch=true"),
        events::add)) {
      store.create(SECRETS, "a", secret("second", "a"));
      store.create(SECRETS, "b", secret("elsewhere", "b"));
      assertTrue(store.delete(SECRETS, "a", "first"));
    }
    assertEquals(3, events.size(), events.toString());
    List<String> seen = new ArrayList<>();
    for (String event : events) {
      ObjectNode parsed = Json.parse(event);
      ObjectNode tree = Json.object();
      tree.put("type", parsed.get("type").asText());
      tree.set("object", parsed.get("object"));
      assertEquals(Json.write(tree), event);
      seen.add(parsed.get("type").asText() + " " + Json.name(parsed.get("object")));
    }
    assertEquals(List.of("ADDED first", "ADDED second", "DELETED first"), seen);
    assertTrue(events.get(1).contains(store.json(SECRETS, "a", "second")), "the stored JSON as it is");
  }

  @Test
  void aPlainlyTypedSecretOrConfigMapReadsIntoItsModel() {
    List<ObjectNode> plain = List.of(secret("token", "a"), Json.parse("""
        {"apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/tls", "immutable": true,
         "metadata": {"name": "tls", "namespace": "a", "labels": {"app": "x"}, "annotations": {"note": "n"},
                      "uid": "u", "resourceVersion": "7", "creationTimestamp": "2024-01-01T00:00:00Z",
                      "generateName": "tls-"},
         "data": {"tls.crt": "Y2VydA=="}, "stringData": {"tls.key": "key"}}"""));
    for (ObjectNode object : plain) {
      assertTrue(FieldTypes.plainlyTyped(SECRETS, object), object.toString());
      assertTrue(FieldTypes.modelReads(SECRETS, object), object.toString());
    }
    ObjectNode configMap = configMap("settings", "a");
    assertTrue(FieldTypes.plainlyTyped(CONFIG_MAPS, configMap));
    assertTrue(FieldTypes.modelReads(CONFIG_MAPS, configMap));

    // anything else is read into the model as before, and a value of the wrong type is still found
    List<String> readAsBefore = List.of(
        "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \"t\"}, \"data\": {\"n\": 1}}",
        "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \"t\"}, \"immutable\": \"yes\"}",
        "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \"t\", \"labels\": {\"a\": 1}}}",
        "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \"t\", \"generation\": 1}}",
        "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \"t\"}, \"status\": {}}",
        "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \"t\"}, \"type\": 3}");
    for (String text : readAsBefore) {
      assertFalse(FieldTypes.plainlyTyped(SECRETS, Json.parse(text)), text);
    }
    assertFalse(FieldTypes.modelReads(SECRETS, Json.parse(readAsBefore.get(0))));
    assertFalse(FieldTypes.modelReads(SECRETS, Json.parse(readAsBefore.get(1))));
    ApiError refused = org.junit.jupiter.api.Assertions.assertThrows(ApiError.class,
        () -> FieldTypes.checkApplied(SECRETS, Json.parse(readAsBefore.get(0)), "a", "t"));
    assertEquals(500, refused.code());
    assertFalse(FieldTypes.plainlyTyped(ResourceCatalog.builtIn("apps", "deployments"), Json.parse(
        "{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\", \"metadata\": {\"name\": \"web\"}}")));
    assertFalse(FieldTypes.plainlyTyped(CONFIG_MAPS, Json.parse(
        "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\"}, \"stringData\": {}}")));
  }

  private static ObjectNode configMap(String name, String namespace) {
    ObjectNode configMap = Json.object();
    configMap.put("apiVersion", "v1").put("kind", "ConfigMap");
    Json.meta(configMap).put("name", name).put("namespace", namespace);
    Json.with(configMap, "data").put("key", "value");
    Json.with(configMap, "binaryData").put("blob", "AAE=");
    return configMap;
  }
}
