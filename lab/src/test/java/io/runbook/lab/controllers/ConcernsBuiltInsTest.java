package io.runbook.lab.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbook.lab.server.Json;
import io.runbook.lab.server.ObjectStore;
import io.runbook.lab.server.ResourceCatalog;
import io.runbook.lab.server.ResourceType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which Secret changes wake the built-in controllers: only a deletion something else is tied to. */
class ConcernsBuiltInsTest {
  private static final ResourceType SECRETS = ResourceCatalog.builtIn("", "secrets");
  private static final ResourceType CONFIG_MAPS = ResourceCatalog.builtIn("", "configmaps");

  @Test
  void deletingASecretNothingIsTiedToConcernsNoBuiltIn() throws Exception {
    ObjectStore store = new ObjectStore();
    store.create(SECRETS, "default", object("Secret", "token"));
    assertFalse(store.relationsSeen());
    assertEquals(List.of(false, false), concerns(store, () -> {
      store.create(SECRETS, "default", object("Secret", "other"));
      store.delete(SECRETS, "default", "token");
    }));
  }

  @Test
  void deletingASecretAnotherObjectIsOwnedByConcernsTheBuiltIns() throws Exception {
    ObjectStore store = new ObjectStore();
    ObjectNode secret = store.create(SECRETS, "default", object("Secret", "token"));
    ObjectNode owned = object("ConfigMap", "owned");
    Json.meta(owned).putArray("ownerReferences").addObject().put("apiVersion", "v1").put("kind", "Secret")
        .put("name", "token").put("uid", Json.uid(secret));
    store.create(CONFIG_MAPS, "default", owned);
    assertTrue(store.relationsSeen());
    assertEquals(List.of(true), concerns(store, () -> store.delete(SECRETS, "default", "token")));
  }

  /** What concernsBuiltIns says of each change {@code writes} makes. */
  private static List<Boolean> concerns(ObjectStore store, Runnable writes) throws Exception {
    List<Boolean> answers = new ArrayList<>();
    try (AutoCloseable listening = store.addListener(c -> answers.add(ClusterControllers.concernsBuiltIns(store, c)))) {
      writes.run();
    }
    return answers;
  }

  private static ObjectNode object(String kind, String name) {
    ObjectNode object = Json.object();
    object.put("apiVersion", "v1").put("kind", kind);
    Json.meta(object).put("name", name).put("namespace", "default");
    return object;
  }
}
