package io.runbook.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRUD store's keys and queries, put together the way fabric8 puts them together but without its detours: the
 * query of a plain core path without parsing the URL, the key of a state from its JSON tree without reading it into
 * fabric8's model. Anything else is left to fabric8's extractor.
 */
final class ObjectKeys {
  private ObjectKeys() {
  }

  /**
   * The store's query for a plain core path ({@code /api/v1/PLURAL[/NAME]} or
   * {@code /api/v1/namespaces/NS/PLURAL[/NAME]}, no query string, names of lower-case letters, digits, dots and
   * dashes, no dot segment), put together as the store's regular expression over the URL reads it: version, plural,
   * namespace, name. Null for any other path, for the store's own parsing. The first request for each object's path
   * in each cluster parsed it (a URL parse and a regular expression).
   */
  static AttributeSet coreKey(String path) {
    if (!path.startsWith("/api/v1/") || path.length() == "/api/v1/".length()) {
      return null;
    }
    String[] segments = path.substring("/api/v1/".length()).split("/", -1);
    for (String segment : segments) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return null;  // the URL parser would resolve a dot segment
      }
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
          return null;
        }
      }
    }
    String namespace = null;
    String plural;
    String name = null;
    if (segments.length <= 2) {
      plural = segments[0];
      name = segments.length == 2 ? segments[1] : null;
    } else if (segments.length <= 4 && segments[0].equals("namespaces")) {
      namespace = segments[1];
      plural = segments[2];
      name = segments.length == 4 ? segments[3] : null;
    } else {
      return null;
    }
    List<Attribute> attributes = new ArrayList<>(4);
    attributes.add(new Attribute("version", "v1"));
    attributes.add(new Attribute("plural", plural));
    if (namespace != null) {
      attributes.add(new Attribute("namespace", namespace));
    }
    if (name != null) {
      attributes.add(new Attribute("name", name));
    }
    return new AttributeSet(attributes);
  }

  /** The key the CRUD store files a new state under (as its {@code processEvent} computes it). */
  static AttributeSet storedKey(KubernetesAttributesExtractor extractor, AttributeSet pathAttributes,
      GenericKubernetesResource resource) {
    AttributeSet key = extractor.extract(resource);
    return key.containsKey("plural") ? key : AttributeSet.merge(pathAttributes, key);
  }

  /**
   * The key the CRUD store files a state under, read from its tree. A core object's ({@code /api/...}, apiVersion
   * without a group) is put together at once: the store's extractor adds attribute after attribute, each time
   * copying the set, then merges it with the path's; no custom resource is ever core, so its kind needs no look-up of
   * a CRD for its plural (the path's is taken, as the store does).
   */
  static AttributeSet keyOf(KubernetesAttributesExtractor extractor, String path, AttributeSet pathAttributes,
      ObjectNode tree) {
    String apiVersion = textOrNull(tree.get("apiVersion"));
    if (!path.startsWith("/api/") || apiVersion == null || apiVersion.isEmpty() || apiVersion.contains("/")) {
      return storedKey(extractor, pathAttributes, keyed(tree));
    }
    List<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("version", apiVersion));
    JsonNode meta = tree.path("metadata");
    String name = textOrNull(meta.get("name"));
    if (name != null && !name.isEmpty()) {
      attributes.add(new Attribute("name", name));
      attributes.add(new Attribute("metadata.name", name));
    }
    String namespace = textOrNull(meta.get("namespace"));
    if (namespace != null && !namespace.isEmpty()) {
      attributes.add(new Attribute("namespace", namespace));
      attributes.add(new Attribute("metadata.namespace", namespace));
    }
    if (meta.get("labels") instanceof ObjectNode labels) {
      labels.fields().forEachRemaining(label -> attributes.add(
          new Attribute("labels:" + label.getKey(), textOrNull(label.getValue()))));
    }
    return AttributeSet.merge(pathAttributes, new AttributeSet(attributes));
  }

  /**
   * What the CRUD store's key of a state is made of (apiVersion, kind, name, namespace, labels), read from the tree
   * instead of reading the whole JSON into fabric8's model (which the store did twice per write).
   */
  private static GenericKubernetesResource keyed(ObjectNode tree) {
    GenericKubernetesResource keyed = new GenericKubernetesResource();
    keyed.setApiVersion(textOrNull(tree.get("apiVersion")));
    keyed.setKind(textOrNull(tree.get("kind")));
    ObjectMeta meta = new ObjectMeta();
    JsonNode given = tree.path("metadata");
    meta.setName(textOrNull(given.get("name")));
    meta.setNamespace(textOrNull(given.get("namespace")));
    if (given.get("labels") instanceof ObjectNode labels) {
      Map<String, String> values = new LinkedHashMap<>();
      labels.fields().forEachRemaining(label -> values.put(label.getKey(), textOrNull(label.getValue())));
      meta.setLabels(values);
    }
    keyed.setMetadata(meta);
    return keyed;
  }

  private static String textOrNull(JsonNode value) {
    return value == null || value.isNull() ? null : value.asText();
  }
}
