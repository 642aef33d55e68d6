package io.runbook.lab.server;

import static io.runbook.lab.server.StoreFixtures.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deleting one named object: removed with one change, or marked while it has finalizers; others left alone. */
class ObjectStoreDeleteTest {
  private static final ResourceType SECRETS = ResourceCatalog.builtIn("", "secrets");

  @Test
  void aDeleteRemovesOnlyTheNamedObjectAndAnnouncesItsLastState() throws Exception {
    ObjectStore store = new ObjectStore();
    store.create(SECRETS, "a", secret("token", "a"));
    store.create(SECRETS, "b", secret("token", "b"));
    store.create(SECRETS, "a", secret("other", "a"));
    List<ObjectStore.Change> changes = new ArrayList<>();
    try (AutoCloseable listening = store.addListener(changes::add)) {
      assertTrue(store.delete(SECRETS, "a", "token"));
    }
    assertTrue(store.get(SECRETS, "a", "token").isEmpty());
    assertTrue(store.get(SECRETS, "b", "token").isPresent(), "the same name in another namespace stays");
    assertTrue(store.get(SECRETS, "a", "other").isPresent());
    assertEquals(1, changes.size());
    assertTrue(changes.get(0).deleted());
    assertEquals("a/token", Json.namespace(changes.get(0).object()) + "/" + Json.name(changes.get(0).object()));
    assertEquals("a-value", Json.text(changes.get(0).object(), "stringData", "key"));
    assertFalse(store.delete(SECRETS, "a", "token"), "nothing left to delete");
    assertEquals(List.of("other"), store.list(SECRETS, "a").stream().map(Json::name).toList());
  }

  @Test
  void anObjectWithFinalizersIsMarkedForDeletionAndKept() {
    ObjectStore store = new ObjectStore();
    ObjectNode held = secret("held", "a");
    Json.meta(held).putArray("finalizers").add("example.com/keep");
    store.create(SECRETS, "a", held);
    assertTrue(store.delete(SECRETS, "a", "held"));
    ObjectNode stored = store.get(SECRETS, "a", "held").orElseThrow();
    assertTrue(stored.path("metadata").hasNonNull("deletionTimestamp"), stored.toString());
    assertEquals("example.com/keep", stored.path("metadata").path("finalizers").path(0).asText());
  }
}
