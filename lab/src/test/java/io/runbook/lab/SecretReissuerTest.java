package io.runbook.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** lab up --reissue-secrets: a deleted token Secret comes back with a new uid, as a control plane's operator writes it. */
class SecretReissuerTest {
  @Test
  void aDeletedListedSecretIsCreatedAgainWithANewUidAndOneThatNeverExistedIsNot() throws Exception {
    try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("cp-1")).build())) {
      LabCluster cluster = lab.cluster("cp-1");
      new SecretReissuer(List.of("istio-system/otel-token", "istio-system/never-made"), Duration.ofMillis(50)).attachTo(cluster);
      KubernetesClient client = cluster.client();
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("istio-system").endMetadata().build()).create();
      Secret made = client.secrets().inNamespace("istio-system").resource(new SecretBuilder().withNewMetadata()
          .withName("otel-token").endMetadata().addToStringData("token", "first").build()).create();
      client.secrets().inNamespace("istio-system").withName("otel-token").delete();

      Secret again = client.secrets().inNamespace("istio-system").withName("otel-token")
          .waitUntilCondition(s -> s != null && !s.getMetadata().getUid().equals(made.getMetadata().getUid()), 30, TimeUnit.SECONDS);
      assertNotNull(again);
      assertNotEquals(made.getMetadata().getUid(), again.getMetadata().getUid());
      assertTrue(again.getData().containsKey("token"), String.valueOf(again.getData().keySet()));
      assertNull(client.secrets().inNamespace("istio-system").withName("never-made").get(),
          "a listed Secret that never existed is not invented");
    }
  }

  @Test
  void namesMustBeNamespaceSlashName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SecretReissuer(List.of("otel-token"), Duration.ZERO));
    assertEquals("--reissue-secrets: 'otel-token' is not NAMESPACE/NAME", e.getMessage());
  }
}
