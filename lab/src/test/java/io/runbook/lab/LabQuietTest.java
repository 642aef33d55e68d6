package io.runbook.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No Vert.x blocked-thread warning or stack trace from the lab, however loaded the machine: a stalled event loop of
 * its servers or of its own clients logs nothing (an operator's terminal would show it).
 */
class LabQuietTest {
  @Test
  void aStalledEventLoopOfTheLabLogsNothing() throws Exception {
    try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("quiet")).build())) {
      lab.cluster("quiet").client().namespaces().list();
      for (Vertx vertx : lab.vertxInstances()) {
        assertEquals(List.of(), QuietVertx.warningsWhileBlocked(vertx, 5500));
      }
    }
  }
}
