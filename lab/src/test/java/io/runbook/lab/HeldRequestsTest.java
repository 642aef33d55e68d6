package io.runbook.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A held request is accepted and left unanswered, and not carried out, until it is released; other requests are
 * served meanwhile. Tests use this to keep a client's operation half done, instead of hoping a slow server does.
 */
class HeldRequestsTest {
  @Test
  void aHeldCreateIsCarriedOutOnlyWhenReleased() throws Exception {
    try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("held")).build())) {
      LabCluster cluster = lab.cluster("held");
      cluster.holdRequests("POST", "/api/v1/namespaces/default/configmaps");
      CompletableFuture<ConfigMap> create = CompletableFuture.supplyAsync(() -> cluster.client().configMaps()
          .inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("later").endMetadata()
              .withData(Map.of("k", "v")).build()).create());
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (cluster.heldRequests() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(1, cluster.heldRequests(), "the create reached the server and is held");
      assertNull(cluster.client().configMaps().inNamespace("default").withName("later").get(), "not carried out");
      assertTrue(cluster.client().namespaces().withName("default").get() != null, "other requests are served");
      assertFalse(create.isDone());

      cluster.releaseHeldRequests();
      assertEquals("later", create.get(3, TimeUnit.MINUTES).getMetadata().getName());
      assertEquals("v", cluster.client().configMaps().inNamespace("default").withName("later").get().getData().get("k"));
      assertEquals(0, cluster.heldRequests());
    }
  }
}
