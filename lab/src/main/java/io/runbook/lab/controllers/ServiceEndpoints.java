package io.runbook.lab.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbook.lab.server.ApiError;
import io.runbook.lab.server.Json;
import io.runbook.lab.server.ResourceCatalog;
import io.runbook.lab.server.ResourceType;
import io.runbook.lab.server.Selectors;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The endpoints controller: each Service with a selector has an Endpoints object listing its pods' addresses. */
final class ServiceEndpoints {
  private static final ResourceType SERVICES = ResourceCatalog.builtIn("", "services");
  private static final ResourceType ENDPOINTS = ResourceCatalog.builtIn("", "endpoints");
  private final ControllerObjects objects;

  ServiceEndpoints(ControllerObjects objects) {
    this.objects = objects;
  }

  void reconcile() {
    List<ObjectNode> pods = objects.store().list(WorkloadControllers.PODS, null);
    Set<String> wanted = new HashSet<>();
    for (ObjectNode service : objects.store().list(SERVICES, null)) {
      JsonNode selector = service.path("spec").path("selector");
      if (!selector.isObject() || selector.isEmpty()) {
        continue;
      }
      String namespace = Json.namespace(service);
      wanted.add(namespace + "/" + Json.name(service));
      ObjectNode endpoints = endpointsFor(service, pods);
      var current = objects.store().get(ENDPOINTS, namespace, Json.name(service));
      try {
        if (current.isEmpty()) {
          objects.store().create(ENDPOINTS, namespace, endpoints);
        } else {
          ObjectNode next = current.get().deepCopy();
          next.set("subsets", endpoints.get("subsets"));
          objects.writeIfChanged(ENDPOINTS, current.get(), next);
        }
      } catch (ApiError e) {
        // the namespace is going away or someone else wrote it: the next pass settles it
      }
    }
    for (ObjectNode endpoints : objects.store().list(ENDPOINTS, null)) {
      boolean managed = "lab".equals(Json.text(endpoints, "metadata", "labels", "endpoints.lab.runbook.io/managed"));
      if (managed && !wanted.contains(Json.namespace(endpoints) + "/" + Json.name(endpoints))) {
        objects.store().delete(ENDPOINTS, Json.namespace(endpoints), Json.name(endpoints));
      }
    }
  }

  private static ObjectNode endpointsFor(ObjectNode service, List<ObjectNode> pods) {
    ObjectNode endpoints = Json.object();
    endpoints.put("apiVersion", "v1");
    endpoints.put("kind", "Endpoints");
    ObjectNode meta = endpoints.putObject("metadata");
    meta.put("name", Json.name(service));
    meta.put("namespace", Json.namespace(service));
    meta.putObject("labels").put("endpoints.lab.runbook.io/managed", "lab");
    Map<String, String> selector = Selectors.labelsOf(Json.object().set("metadata",
        Json.object().set("labels", service.path("spec").path("selector"))));
    ArrayNode ready = Json.array();
    ArrayNode notReady = Json.array();
    for (ObjectNode pod : pods) {
      Map<String, String> labels = Selectors.labelsOf(pod);
      String ip = Json.text(pod, "status", "podIP");
      if (!Json.namespace(pod).equals(Json.namespace(service)) || ip == null
          || !selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
        continue;
      }
      ObjectNode address = Json.object().put("ip", ip);
      ObjectNode ref = address.putObject("targetRef");
      ref.put("kind", "Pod");
      ref.put("name", Json.name(pod));
      ref.put("namespace", Json.namespace(pod));
      ref.put("uid", Json.uid(pod));
      (ControllerObjects.podReady(pod) ? ready : notReady).add(address);
    }
    ArrayNode subsets = endpoints.putArray("subsets");
    if (!ready.isEmpty() || !notReady.isEmpty()) {
      ObjectNode subset = subsets.addObject();
      if (!ready.isEmpty()) {
        subset.set("addresses", ready);
      }
      if (!notReady.isEmpty()) {
        subset.set("notReadyAddresses", notReady);
      }
      ArrayNode ports = subset.putArray("ports");
      for (JsonNode port : service.path("spec").path("ports")) {
        ObjectNode p = ports.addObject();
        if (port.has("name")) {
          p.set("name", port.get("name"));
        }
        JsonNode target = port.path("targetPort");
        p.put("port", target.isInt() ? target.asInt() : port.path("port").asInt());
        p.put("protocol", port.path("protocol").asText("TCP"));
      }
    }
    return endpoints;
  }
}
