package io.runbook.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * As on a real API server, deleting an object that has finalizers only marks it (deletionTimestamp); it stays,
 * readable and watchable, until a client removes its last finalizer, and no client can undo the deletion.
 */
class FinalizersTest {
  @Test
  void anObjectWithFinalizersStaysUntilItsLastFinalizerIsRemoved() {
    try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("fin")).build())) {
      KubernetesClient client = lab.cluster("fin").client();
      var held = client.configMaps().inNamespace("default").withName("held");
      held.create(new ConfigMapBuilder().withNewMetadata().withName("held")
          .withFinalizers("example.com/hold", "example.com/audit").endMetadata().withData(Map.of("k", "v")).build());

      held.delete();
      ConfigMap marked = held.get();
      assertNotNull(marked, "still there: it has finalizers");
      String since = marked.getMetadata().getDeletionTimestamp();
      assertNotNull(since, "marked for deletion");

      held.edit(cm -> new ConfigMapBuilder(cm).editMetadata().withDeletionTimestamp(null)
          .withFinalizers("example.com/audit").endMetadata().build());
      ConfigMap still = held.get();
      assertEquals(since, still.getMetadata().getDeletionTimestamp(), "a client cannot undo a deletion");
      assertEquals(List.of("example.com/audit"), still.getMetadata().getFinalizers());

      held.edit(cm -> new ConfigMapBuilder(cm).editMetadata().withFinalizers(List.of()).endMetadata().build());
      held.waitUntilCondition(Objects::isNull, 60, TimeUnit.SECONDS);
      assertNull(held.get(), "gone with its last finalizer");
    }
  }
}
