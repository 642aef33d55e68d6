package io.runbook.lab.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbook.lab.server.Json;
import io.runbook.lab.server.ResourceCatalog;
import io.runbook.lab.server.ResourceType;

/**
 * The API server's part for CustomResourceDefinitions: each one is {@code NamesAccepted} and {@code Established}
 * (with its accepted names and stored versions) as soon as it is created, as a real API server marks it within
 * moments. Helm waits for that after installing a chart's {@code crds/} (60 s, then "context deadline exceeded"),
 * and {@code kubectl wait --for=condition=Established} does too.
 */
final class CrdConditions {
  private static final ResourceType CRDS = ResourceCatalog.builtIn("apiextensions.k8s.io", "customresourcedefinitions");
  private final ControllerObjects objects;

  CrdConditions(ControllerObjects objects) {
    this.objects = objects;
  }

  void reconcile() {
    for (ObjectNode crd : objects.store().list(CRDS, null)) {
      if (!ControllerObjects.terminating(crd)) {
        objects.writeStatus(CRDS, crd, status(crd));
      }
    }
  }

  private static ObjectNode status(ObjectNode crd) {
    ObjectNode status = crd.path("status").isObject() ? ((ObjectNode) crd.get("status")).deepCopy() : Json.object();
    JsonNode previous = crd.path("status").path("conditions");
    ObjectNode names = ControllerObjects.condition(previous, "NamesAccepted", true, "NoConflicts", "no conflicts found");
    ObjectNode established = ControllerObjects.condition(previous, "Established", true, "InitialNamesAccepted",
        "the initial names have been accepted");
    names.remove("lastUpdateTime");  // a Deployment's field, not a CRD condition's
    established.remove("lastUpdateTime");
    status.set("conditions", ControllerObjects.array(names, established));
    status.set("acceptedNames", crd.path("spec").path("names").deepCopy());
    ArrayNode stored = status.putArray("storedVersions");
    for (JsonNode version : crd.path("spec").path("versions")) {
      if (version.path("storage").asBoolean()) {
        stored.add(version.path("name").asText());
      }
    }
    return status;
  }
}
