package io.runbook.lab.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The legacy discovery documents and {@code /version}, built from a cluster's {@link ResourceCatalog}. */
final class Discovery {
  static final String KUBERNETES_VERSION = "v1.31.0";
  private final ResourceCatalog catalog;

  Discovery(ResourceCatalog catalog) {
    this.catalog = catalog;
  }

  static ObjectNode version() {
    ObjectNode v = Json.object();
    v.put("major", "1");
    v.put("minor", "31");
    v.put("gitVersion", KUBERNETES_VERSION);
    v.put("gitCommit", "9edcffcde5595e8a5b1a35f88c421764e575afce");
    v.put("gitTreeState", "clean");
    v.put("buildDate", "2024-08-13T07:28:49Z");
    v.put("goVersion", "go1.22.5");
    v.put("compiler", "gc");
    v.put("platform", "linux/amd64");
    return v;
  }

  static ObjectNode coreVersions(String serverAddress) {
    ObjectNode doc = Json.object();
    doc.put("kind", "APIVersions");
    doc.putArray("versions").add("v1");
    ObjectNode cidr = doc.putArray("serverAddressByClientCIDRs").addObject();
    cidr.put("clientCIDR", "0.0.0.0/0");
    cidr.put("serverAddress", serverAddress);
    return doc;
  }

  ObjectNode groups() {
    ObjectNode doc = Json.object();
    doc.put("kind", "APIGroupList");
    doc.put("apiVersion", "v1");
    ArrayNode groups = doc.putArray("groups");
    groupVersions().forEach((group, versions) -> groups.add(group(group, versions)));
    return doc;
  }

  /** {@code /apis/<group>}, or null when the group is not served. */
  ObjectNode group(String name) {
    Set<String> versions = groupVersions().get(name);
    return versions == null ? null : group(name, versions);
  }

  /** {@code /api/v1} or {@code /apis/<group>/<version>}, or null when not served. */
  ObjectNode resources(String group, String version) {
    List<ResourceType> types = catalog.all().stream()
        .filter(t -> t.group().equals(group) && t.version().equals(version)).toList();
    if (types.isEmpty()) {
      return null;
    }
    ObjectNode doc = Json.object();
    doc.put("kind", "APIResourceList");
    doc.put("apiVersion", "v1");
    doc.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = doc.putArray("resources");
    for (ResourceType t : types) {
      ObjectNode r = resources.addObject();
      r.put("name", t.plural());
      r.put("singularName", t.singular());
      r.put("namespaced", t.namespaced());
      r.put("kind", t.kind());
      ArrayNode verbs = r.putArray("verbs");
      ResourceType.VERBS.forEach(verbs::add);
      if (!t.shortNames().isEmpty()) {
        ArrayNode shortNames = r.putArray("shortNames");
        t.shortNames().forEach(shortNames::add);
      }
      if (!t.categories().isEmpty()) {
        ArrayNode categories = r.putArray("categories");
        t.categories().forEach(categories::add);
      }
      for (String sub : t.subresources()) {
        resources.add(subresource(t, sub));
      }
    }
    return doc;
  }

  private static ObjectNode subresource(ResourceType t, String sub) {
    ObjectNode r = Json.object();
    r.put("name", t.plural() + "/" + sub);
    r.put("singularName", "");
    r.put("namespaced", t.namespaced());
    ArrayNode verbs = r.putArray("verbs");
    switch (sub) {
      case "scale" -> {
        r.put("group", "autoscaling");
        r.put("version", "v1");
        r.put("kind", "Scale");
        List.of("get", "patch", "update").forEach(verbs::add);
      }
      case "log" -> {
        r.put("kind", t.kind());
        verbs.add("get");
      }
      case "exec" -> {
        r.put("kind", "PodExecOptions");
        List.of("create", "get").forEach(verbs::add);
      }
      case "eviction" -> {
        r.put("group", "policy");
        r.put("version", "v1");
        r.put("kind", "Eviction");
        verbs.add("create");
      }
      case "finalize" -> {
        r.put("kind", t.kind());
        verbs.add("update");
      }
      default -> {
        r.put("kind", t.kind());
        List.of("get", "patch", "update").forEach(verbs::add);
      }
    }
    return r;
  }

  private Map<String, Set<String>> groupVersions() {
    Map<String, Set<String>> result = new LinkedHashMap<>();
    for (ResourceType t : catalog.all()) {
      if (!t.group().isEmpty()) {
        result.computeIfAbsent(t.group(), g -> new LinkedHashSet<>()).add(t.version());
      }
    }
    return result;
  }

  private static ObjectNode group(String name, Set<String> versions) {
    ObjectNode g = Json.object();
    g.put("kind", "APIGroup");
    g.put("apiVersion", "v1");
    g.put("name", name);
    ArrayNode list = g.putArray("versions");
    for (String v : versions) {
      ObjectNode entry = list.addObject();
      entry.put("groupVersion", name + "/" + v);
      entry.put("version", v);
    }
    ObjectNode preferred = g.putObject("preferredVersion");
    String first = versions.iterator().next();
    preferred.put("groupVersion", name + "/" + first);
    preferred.put("version", first);
    return g;
  }
}
