package io.runbook.lab.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API server's typed decoding of built-in kinds: a value of the wrong JSON type ({@code replicas: '3'}, a number
 * in a ConfigMap's {@code data}) is rejected as a real API server rejects it, with its message. Objects are read
 * into fabric8's model classes (the same Go struct names and field types) without Jackson's scalar coercion.
 * <ul>
 *   <li>create, update and the JSON/merge/strategic patches: {@code 400 BadRequest}, {@code Deployment in version
 *       "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field
 *       DeploymentSpec.spec.replicas of type int32};</li>
 *   <li>server-side apply: what a real API server (1.31) answers, {@code 500} with no reason, {@code failed to create
 *       typed patch object (ns/web; apps/v1, Kind=Deployment): .spec.replicas: expected numeric (int or float), got
 *       string}.</li>
 * </ul>
 * Custom resources and kinds without a model class are not checked (no schema validation, as before).
 */
final class FieldTypes {
  private static final JsonMapper STRICT = JsonMapper.builder().disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
      .build();
  private static final Map<String, Optional<Class<?>>> MODELS = new ConcurrentHashMap<>();
  private static final Map<String, String> PACKAGES = Map.ofEntries(Map.entry("", ""), Map.entry("apps", "apps."),
      Map.entry("batch", "batch.v1."), Map.entry("networking.k8s.io", "networking.v1."),
      Map.entry("policy", "policy.v1."), Map.entry("rbac.authorization.k8s.io", "rbac."),
      Map.entry("apiextensions.k8s.io", "apiextensions.v1."), Map.entry("storage.k8s.io", "storage."),
      Map.entry("scheduling.k8s.io", "scheduling.v1."), Map.entry("coordination.k8s.io", "coordination.v1."),
      Map.entry("discovery.k8s.io", "discovery.v1."), Map.entry("autoscaling", "autoscaling.v2."),
      Map.entry("admissionregistration.k8s.io", "admissionregistration.v1."));

  private FieldTypes() {
  }

  /** Checks a body decoded for create or update (or the object a JSON/merge/strategic patch produced). */
  static void checkDecoded(ResourceType type, JsonNode object) {
    mismatch(type, object).ifPresent(m -> {
      throw new ApiError(400, "BadRequest", type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
          + type.kind() + ": json: cannot unmarshal " + m.jsonType() + " into Go struct field " + m.struct() + "."
          + m.goPath() + " of type " + m.goType());
    });
  }

  /** Checks a server-side apply patch, with the name and namespace it is applied to. */
  static void checkApplied(ResourceType type, JsonNode patch, String namespace, String name) {
    mismatch(type, patch).ifPresent(m -> {
      String gvk = (type.group().isEmpty() ? "" : type.group()) + "/" + type.version() + ", Kind=" + type.kind();
      throw new ApiError(500, "", "failed to create typed patch object (" + (namespace == null ? "" : namespace) + "/"
          + name + "; " + gvk + "): ." + m.applyPath() + ": " + m.applyExpectation());
    });
  }

  /** Where the first value of the wrong type is, as Go's decoder and structured-merge-diff name it. */
  private record Mismatch(List<String> fields, List<String> fullPath, String struct, Class<?> target, JsonNode value) {
    String goPath() {
      return String.join(".", fields);
    }

    String applyPath() {
      return String.join(".", fullPath).replaceAll("\\.(\\[\\d+])", "$1");
    }

    String jsonType() {
      if (value == null) {
        return "value";
      }
      return value.isTextual() ? "string" : value.isNumber() ? (value.isIntegralNumber() ? "number" : "number " + value.asText())
          : value.isBoolean() ? "bool" : value.isArray() ? "array" : value.isObject() ? "object" : "null";
    }

    String goType() {
      if (target == Integer.class || target == int.class) {
        return "int32";
      }
      if (target == Long.class || target == long.class) {
        return "int64";
      }
      if (target == Boolean.class || target == boolean.class) {
        return "bool";
      }
      if (target == Double.class || target == double.class) {
        return "float64";
      }
      return target == String.class ? "string" : "v1." + target.getSimpleName();
    }

    String applyExpectation() {
      if (goType().startsWith("int") || goType().startsWith("float")) {
        return "expected numeric (int or float), got " + (value != null && value.isTextual() ? "string" : jsonType());
      }
      if (goType().equals("bool")) {
        return "expected boolean, got " + (value == null ? "null" : "&{" + value + "}");
      }
      return "expected string, got &value.valueUnstructured{Value:" + (value == null ? "<nil>" : value.toString()) + "}";
    }
  }

  private static Optional<Mismatch> mismatch(ResourceType type, JsonNode object) {
    return plainlyTyped(type, object) ? Optional.empty() : modelMismatch(type, object);
  }

  /** Whether reading {@code object} into its kind's model finds no value of the wrong type (tests compare). */
  static boolean modelReads(ResourceType type, JsonNode object) {
    return modelMismatch(type, object).isEmpty();
  }

  private static Optional<Mismatch> modelMismatch(ResourceType type, JsonNode object) {
    Optional<Class<?>> model = MODELS.computeIfAbsent(type.group() + "/" + type.kind(), k -> model(type));
    if (model.isEmpty() || object == null || !object.isObject()) {
      return Optional.empty();
    }
    try {
      STRICT.treeToValue(object, model.get());
      return Optional.empty();
    } catch (MismatchedInputException e) {
      Class<?> target = e.getTargetType();
      if (target == null || !(target.isPrimitive() || Number.class.isAssignableFrom(target) || target == String.class
          || target == Boolean.class)) {
        return Optional.empty();
      }
      return Optional.of(locate(e.getPath(), object, target, model.get()));
    } catch (IOException | RuntimeException e) {
      // anything else the model classes cannot read is left to the lab's other checks
      return Optional.empty();
    }
  }

  /** The fields of a core Secret or ConfigMap whose model type is a map of strings. */
  private static final java.util.Set<String> SECRET_MAPS = java.util.Set.of("data", "stringData");
  private static final java.util.Set<String> CONFIG_MAP_MAPS = java.util.Set.of("data", "binaryData");
  /** The metadata fields whose model type is a string, and those that are a map of strings. */
  private static final java.util.Set<String> META_TEXTS = java.util.Set.of("name", "namespace", "generateName", "uid",
      "resourceVersion", "creationTimestamp");
  private static final java.util.Set<String> META_MAPS = java.util.Set.of("labels", "annotations");

  /**
   * Whether a core Secret or ConfigMap holds nothing but values of its model's types: text where the model has a
   * string (apiVersion, kind, type, the plain metadata fields), maps of text where it has a map of strings (data,
   * stringData, binaryData, labels, annotations), a boolean for {@code immutable}. Such an object is read into the
   * model without a mismatch, so the read (a whole object mapping, the largest part of an apply's checks) is skipped.
   * Any other field or value, or any other kind, is read as before.
   */
  static boolean plainlyTyped(ResourceType type, JsonNode object) {
    if (!type.group().isEmpty() || !(object instanceof com.fasterxml.jackson.databind.node.ObjectNode)) {
      return false;
    }
    java.util.Set<String> maps = switch (type.kind()) {
      case "Secret" -> SECRET_MAPS;
      case "ConfigMap" -> CONFIG_MAP_MAPS;
      default -> null;
    };
    if (maps == null) {
      return false;
    }
    for (var fields = object.fields(); fields.hasNext();) {
      var field = fields.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      boolean typed = switch (name) {
        case "apiVersion", "kind" -> value.isTextual();
        case "type" -> value.isTextual() && type.kind().equals("Secret");
        case "immutable" -> value.isBoolean();
        case "metadata" -> plainMetadata(value);
        default -> maps.contains(name) && textMap(value);
      };
      if (!typed) {
        return false;
      }
    }
    return true;
  }

  private static boolean plainMetadata(JsonNode meta) {
    if (!meta.isObject()) {
      return false;
    }
    for (var fields = meta.fields(); fields.hasNext();) {
      var field = fields.next();
      if (!(META_TEXTS.contains(field.getKey()) ? field.getValue().isTextual()
          : META_MAPS.contains(field.getKey()) && textMap(field.getValue()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean textMap(JsonNode map) {
    if (!map.isObject()) {
      return false;
    }
    for (var values = map.elements(); values.hasNext();) {
      if (!values.next().isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static Mismatch locate(List<JsonMappingException.Reference> path, JsonNode object, Class<?> target,
                                 Class<?> model) {
    List<String> fields = new ArrayList<>();
    List<String> full = new ArrayList<>();
    String struct = model.getSimpleName();
    JsonNode value = object;
    for (JsonMappingException.Reference ref : path) {
      Object from = ref.getFrom();
      boolean container = from instanceof Map<?, ?> || from instanceof Collection<?> || from == null;
      if (ref.getIndex() >= 0) {
        value = value == null ? null : value.get(ref.getIndex());
        full.add("[" + ref.getIndex() + "]");
        continue;
      }
      value = value == null ? null : value.get(ref.getFieldName());
      full.add(ref.getFieldName());
      if (!container) {
        fields.add(ref.getFieldName());
        struct = from instanceof Class<?> c ? c.getSimpleName() : from.getClass().getSimpleName();
      }
    }
    return new Mismatch(fields, full, struct, target, value);
  }

  private static Optional<Class<?>> model(ResourceType type) {
    String pkg = PACKAGES.get(type.group());
    if (pkg == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Class.forName("io.fabric8.kubernetes.api.model." + pkg + type.kind()));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }
}
