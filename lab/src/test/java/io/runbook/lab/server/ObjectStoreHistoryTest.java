package io.runbook.lab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The change history watches replay from: recent changes only, by count and by age. */
class ObjectStoreHistoryTest {
  private static final ResourceType CONFIG_MAPS = ResourceCatalog.builtIn("", "configmaps");

  @Test
  void aChangeOlderThanTheWindowIsNoLongerReplayed() {
    ObjectStore store = new ObjectStore();
    long[] now = {TimeUnit.HOURS.toNanos(1)};
    store.clock(() -> now[0]);
    long start = Long.parseLong(store.currentResourceVersion());
    store.create(CONFIG_MAPS, "default", configMap("a"));
    long afterA = Long.parseLong(store.currentResourceVersion());
    assertEquals(List.of("a"), names(store.changesSince(start)));

    now[0] += ChangeHistory.HISTORY_NANOS / 2;
    store.create(CONFIG_MAPS, "default", configMap("b"));
    assertEquals(List.of("a", "b"), names(store.changesSince(start)), "both are within the window");

    now[0] += ChangeHistory.HISTORY_NANOS / 2 + TimeUnit.SECONDS.toNanos(1);
    store.create(CONFIG_MAPS, "default", configMap("c"));
    assertNull(store.changesSince(start), "a watch from before 'a' cannot be replayed once 'a' is gone");
    assertEquals(List.of("b", "c"), names(store.changesSince(afterA)));

    now[0] += ChangeHistory.HISTORY_NANOS + 1;
    assertNull(store.changesSince(afterA), "nothing written since, yet the window has passed for every change");
    assertEquals(List.of(), names(store.changesSince(Long.parseLong(store.currentResourceVersion()))));
  }

  private static ObjectNode configMap(String name) {
    ObjectNode cm = Json.object();
    cm.put("apiVersion", "v1").put("kind", "ConfigMap");
    Json.meta(cm).put("name", name).put("namespace", "default");
    return cm;
  }

  private static List<String> names(List<ObjectStore.Change> changes) {
    return changes.stream().map(c -> Json.name(c.object())).toList();
  }
}
