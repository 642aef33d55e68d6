package io.runbook.lab.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbook.lab.server.ApiError;
import io.runbook.lab.server.Json;
import io.runbook.lab.server.ResourceCatalog;
import io.runbook.lab.server.ResourceType;
import java.util.HashSet;
import java.util.Set;

/**
 * The small controllers: every namespace gets its {@code default} ServiceAccount, LoadBalancer Services get an
 * address from the lab's pool, and objects whose owners are all gone are garbage-collected.
 */
final class Housekeeping {
  private static final ResourceType NAMESPACES = ResourceCatalog.builtIn("", "namespaces");
  private static final ResourceType SERVICE_ACCOUNTS = ResourceCatalog.builtIn("", "serviceaccounts");
  private static final ResourceType SERVICES = ResourceCatalog.builtIn("", "services");
  private static final ResourceType CLAIMS = ResourceCatalog.builtIn("", "persistentvolumeclaims");
  private final ControllerObjects objects;
  private final ResourceCatalog catalog;
  private final LoadBalancerAddresses addresses;
  private final String cluster;
  private static final long NAMESPACE_GRACE_NANOS = 1_000_000_000L;
  private final java.util.Map<String, Long> terminatingSince = new java.util.concurrent.ConcurrentHashMap<>();

  Housekeeping(ControllerObjects objects, ResourceCatalog catalog, LoadBalancerAddresses addresses, String cluster) {
    this.objects = objects;
    this.catalog = catalog;
    this.addresses = addresses;
    this.cluster = cluster;
  }

  /** Runs the small controllers; returns the nanoTime at which a terminating namespace is next due, or MAX_VALUE. */
  long reconcile() {
    long due = collectGarbage();
    for (ObjectNode namespace : objects.store().list(NAMESPACES, null)) {
      String name = Json.name(namespace);
      if (!ControllerObjects.terminating(namespace)
          && objects.store().get(SERVICE_ACCOUNTS, name, "default").isEmpty()) {
        ObjectNode account = Json.object();
        account.put("apiVersion", "v1");
        account.put("kind", "ServiceAccount");
        account.putObject("metadata").put("name", "default").put("namespace", name);
        create(SERVICE_ACCOUNTS, name, account);
      }
    }
    for (ObjectNode service : objects.store().list(SERVICES, null)) {
      if ("LoadBalancer".equals(Json.text(service, "spec", "type"))
          && service.path("status").path("loadBalancer").path("ingress").isEmpty()) {
        String ip = addresses.addressFor(cluster + "/" + Json.namespace(service) + "/" + Json.name(service));
        ObjectNode status = service.path("status").isObject() ? ((ObjectNode) service.get("status")).deepCopy()
            : Json.object();
        ObjectNode ingress = Json.with(status, "loadBalancer").putArray("ingress").addObject();
        ingress.put("ip", ip);
        ingress.put("ipMode", "VIP");
        objects.writeStatus(SERVICES, service, status);
      }
    }
    bindClaims();
    return due;
  }

  /** Every claim is bound at once, with the capacity it asks for (Helm's --wait checks claims are Bound). */
  private void bindClaims() {
    for (ObjectNode claim : objects.store().list(CLAIMS, null)) {
      if (!"Bound".equals(Json.text(claim, "status", "phase"))) {
        ObjectNode status = Json.object();
        status.put("phase", "Bound");
        JsonNode modes = claim.path("spec").path("accessModes");
        status.set("accessModes", modes.isArray() ? modes.deepCopy() : Json.array().add("ReadWriteOnce"));
        status.putObject("capacity").put("storage",
            claim.path("spec").path("resources").path("requests").path("storage").asText("1Gi"));
        objects.writeStatus(CLAIMS, claim, status);
      }
    }
  }

  private long collectGarbage() {
    var all = objects.store().snapshot();
    Set<String> terminating = new HashSet<>();
    long now = System.nanoTime();
    long due = Long.MAX_VALUE;
    for (ObjectNode object : all) {
      if ("Namespace".equals(object.path("kind").asText()) && ControllerObjects.terminating(object)) {
        // like the real namespace controller, start emptying a namespace a moment after its deletion began
        long start = terminatingSince.computeIfAbsent(Json.uid(object), uid -> now) + NAMESPACE_GRACE_NANOS;
        if (start <= now) {
          terminating.add(Json.name(object));
        } else {
          due = Math.min(due, start);
        }
      }
    }
    terminatingSince.keySet().retainAll(all.stream().map(Json::uid).collect(java.util.stream.Collectors.toSet()));
    Set<String> stillHoldingObjects = new HashSet<>();
    for (ObjectNode object : all) {
      String namespace = Json.namespace(object);
      if (namespace != null && terminating.contains(namespace)) {
        stillHoldingObjects.add(namespace);
        delete(object);
      }
    }
    for (String namespace : terminating) {
      if (!stillHoldingObjects.contains(namespace)) {
        objects.store().delete(NAMESPACES, null, namespace);
      }
    }
    Set<String> uids = new HashSet<>();
    all.forEach(o -> uids.add(Json.uid(o)));
    for (ObjectNode object : all) {
      JsonNode owners = object.path("metadata").path("ownerReferences");
      String involved = object.path("involvedObject").path("uid").asText("");
      if ("Event".equals(object.path("kind").asText()) && !involved.isEmpty() && !uids.contains(involved)) {
        // events outlive their object by an hour in a real cluster; here they go with it
        delete(object);
        continue;
      }
      if (owners.isEmpty()) {
        continue;
      }
      boolean orphan = true;
      for (JsonNode owner : owners) {
        orphan &= !uids.contains(owner.path("uid").asText());
      }
      if (orphan) {
        delete(object);
      }
    }
    return due;
  }

  private void delete(ObjectNode object) {
    catalog.findByKind(object.path("apiVersion").asText(), object.path("kind").asText())
        .ifPresent(t -> objects.store().delete(t, Json.namespace(object), Json.name(object)));
  }

  private void create(ResourceType type, String namespace, ObjectNode object) {
    try {
      objects.store().create(type, namespace, object);
    } catch (ApiError e) {
      // created meanwhile by someone else: nothing to do
    }
  }
}
