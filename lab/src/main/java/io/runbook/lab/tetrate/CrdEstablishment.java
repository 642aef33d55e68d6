package io.runbook.lab.tetrate;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Marks CustomResourceDefinitions {@code NamesAccepted} and {@code Established}, as the real API server does.
 * Helm waits (60 s, then fails with "context deadline exceeded") for the CRDs of a chart's {@code crds/} to be
 * established, and the lab's generic controllers do not write CRD conditions yet; this stopgap belongs in the lab
 * proper and can be dropped once the lab does it.
 */
final class CrdEstablishment {
  private final KubernetesClient client;

  CrdEstablishment(KubernetesClient client) {
    this.client = client;
  }

  /** Runs in the cluster's reconcile loop after every change; never asks to be run again on its own. */
  java.time.Duration reconcile() {
    try {
      for (CustomResourceDefinition crd : client.apiextensions().v1().customResourceDefinitions().list().getItems()) {
        if (!established(crd)) {
          establish(crd);
        }
      }
    } catch (KubernetesClientException e) {
      // cluster unavailable: try again shortly
      return java.time.Duration.ofMillis(500);
    }
    return null;
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd.getStatus() != null && crd.getStatus().getConditions() != null && crd.getStatus().getConditions()
        .stream().anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private void establish(CustomResourceDefinition crd) {
    String now = Instant.now().toString().replaceFirst("\\.\\d+Z$", "Z");
    List<CustomResourceDefinitionCondition> conditions = new ArrayList<>();
    conditions.add(new CustomResourceDefinitionConditionBuilder().withType("NamesAccepted").withStatus("True")
        .withReason("NoConflicts").withMessage("no conflicts found").withLastTransitionTime(now).build());
    conditions.add(new CustomResourceDefinitionConditionBuilder().withType("Established").withStatus("True")
        .withReason("InitialNamesAccepted").withMessage("the initial names have been accepted")
        .withLastTransitionTime(now).build());
    CustomResourceDefinitionStatus status = new CustomResourceDefinitionStatus();
    status.setConditions(conditions);
    status.setAcceptedNames(crd.getSpec().getNames());
    status.setStoredVersions(crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage()))
        .map(v -> v.getName()).toList());
    crd.setStatus(status);
    client.apiextensions().v1().customResourceDefinitions().resource(crd).patchStatus();
  }
}
