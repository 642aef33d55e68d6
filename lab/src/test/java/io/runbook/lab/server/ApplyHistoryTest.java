package io.runbook.lab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each field manager applied, per object: conflicts with other managers, pruning, forgetting a deleted object. */
class ApplyHistoryTest {
  @Test
  void managersOfOneObjectConflictUntilTheObjectIsForgotten() {
    ApplyHistory history = new ApplyHistory();
    JsonNode live = Json.parse("{\"data\":{\"owner\":\"first\",\"other\":\"x\"}}");
    history.remember("uid-1", "first", Json.parse("{\"data\":{\"owner\":\"first\"}}"));
    history.remember("uid-2", "first", Json.parse("{\"data\":{\"owner\":\"first\"}}"));
    JsonNode mine = Json.parse("{\"data\":{\"owner\":\"second\"}}");
    assertEquals(List.of("conflict with \"first\": .data.owner"), history.conflicts("uid-1", "second", live, mine));
    assertEquals(List.of(), history.conflicts("uid-1", "first", live, mine), "a manager never conflicts with itself");

    history.forget("uid-1");
    assertEquals(List.of(), history.conflicts("uid-1", "second", live, mine));
    assertEquals(List.of("conflict with \"first\": .data.owner"), history.conflicts("uid-2", "second", live, mine),
        "another object's managers are kept");
  }

  @Test
  void aFieldAManagerNoLongerAppliesIsPruned() {
    ApplyHistory history = new ApplyHistory();
    history.remember("uid-1", null, Json.parse("{\"data\":{\"a\":\"1\",\"b\":\"2\"}}"));
    JsonNode live = Json.parse("{\"data\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}}");
    JsonNode pruned = history.prune("uid-1", null, live, Json.parse("{\"data\":{\"a\":\"1\"}}"));
    assertEquals(Json.parse("{\"data\":{\"a\":\"1\",\"c\":\"3\"}}"), pruned);
    assertEquals(live, history.prune("uid-1", "someone-else", live, Json.parse("{\"data\":{}}")));
  }
}
