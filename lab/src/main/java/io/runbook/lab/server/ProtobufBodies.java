package io.runbook.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the protobuf bodies that Go clients send for built-in kinds (kubectl 1.32+ typed writes, Helm's release
 * Secrets) into the JSON the rest of the lab works on, using the Kubernetes message descriptors of
 * {@code client-java-proto}. A body it cannot decode is a 415, never a hang.
 */
final class ProtobufBodies {
  private static final byte[] MAGIC = {'k', '8', 's', 0};
  private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
  private static final DateTimeFormatter MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
      .withZone(java.time.ZoneOffset.UTC);

  /** Message descriptors by "package-suffix/Kind", e.g. "core.v1/Secret"; built once, read-only afterwards. */
  private final Map<String, Descriptor> descriptors = new HashMap<>();

  /** The descriptors are loaded on the first protobuf body only: they cost start-up time most runs never need. */
  private static final class Shared {
    static final ProtobufBodies INSTANCE = new ProtobufBodies();
  }

  static ProtobufBodies shared() {
    return Shared.INSTANCE;
  }

  private ProtobufBodies() {
    List<FileDescriptor> files = List.of(io.kubernetes.client.proto.V1.getDescriptor(),
        io.kubernetes.client.proto.V1Apps.getDescriptor(), io.kubernetes.client.proto.V1Batch.getDescriptor(),
        io.kubernetes.client.proto.V1Rbac.getDescriptor(), io.kubernetes.client.proto.V1Networking.getDescriptor(),
        io.kubernetes.client.proto.V1Policy.getDescriptor(), io.kubernetes.client.proto.V1Storage.getDescriptor(),
        io.kubernetes.client.proto.V1Coordination.getDescriptor(),
        io.kubernetes.client.proto.V1Discovery.getDescriptor(),
        io.kubernetes.client.proto.V1Scheduling.getDescriptor(),
        io.kubernetes.client.proto.V1Autoscaling.getDescriptor(),
        io.kubernetes.client.proto.V2Autoscaling.getDescriptor(),
        io.kubernetes.client.proto.V1Admissionregistration.getDescriptor(),
        io.kubernetes.client.proto.V1Apiextensions.getDescriptor(),
        io.kubernetes.client.proto.Meta.getDescriptor());
    for (FileDescriptor file : files) {
      String[] parts = file.getPackage().split("\\.");
      String suffix = parts[parts.length - 2] + "." + parts[parts.length - 1];
      for (Descriptor type : file.getMessageTypes()) {
        descriptors.put(suffix + "/" + type.getName(), type);
      }
    }
  }

  static boolean isProtobuf(String contentType) {
    return contentType != null && contentType.contains("protobuf");
  }

  ObjectNode decode(byte[] body) {
    if (body.length < MAGIC.length || !java.util.Arrays.equals(java.util.Arrays.copyOf(body, 4), MAGIC)) {
      throw unsupported("the protobuf body lacks the k8s envelope");
    }
    try {
      Descriptor unknownType = Runtime.getDescriptor().findMessageTypeByName("Unknown");
      DynamicMessage unknown = DynamicMessage.parseFrom(unknownType,
          ByteString.copyFrom(body, MAGIC.length, body.length - MAGIC.length));
      Message typeMeta = (Message) unknown.getField(unknownType.findFieldByName("typeMeta"));
      String apiVersion = (String) typeMeta.getField(typeMeta.getDescriptorForType().findFieldByName("apiVersion"));
      String kind = (String) typeMeta.getField(typeMeta.getDescriptorForType().findFieldByName("kind"));
      Descriptor type = descriptors.get(suffix(apiVersion) + "/" + kind);
      if (type == null) {
        throw unsupported("the lab cannot decode protobuf bodies of " + apiVersion + " " + kind);
      }
      ByteString raw = (ByteString) unknown.getField(unknownType.findFieldByName("raw"));
      ObjectNode object = (ObjectNode) toJson(DynamicMessage.parseFrom(type, raw));
      object.put("apiVersion", apiVersion);
      object.put("kind", kind);
      return object;
    } catch (InvalidProtocolBufferException | ClassCastException e) {
      throw unsupported("the protobuf body could not be decoded: " + e.getMessage());
    }
  }

  private static String suffix(String apiVersion) {
    if (!apiVersion.contains("/")) {
      return "core." + apiVersion;
    }
    String group = apiVersion.substring(0, apiVersion.indexOf('/'));
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    return group.split("\\.")[0] + "." + version;
  }

  private static ApiError unsupported(String message) {
    return new ApiError(415, "UnsupportedMediaType", message);
  }

  private JsonNode toJson(Message message) {
    String type = message.getDescriptorForType().getFullName();
    switch (type) {
      case META + "Time" -> {
        long seconds = (Long) field(message, "seconds");
        return seconds == 0 ? null : Json.MAPPER.getNodeFactory().textNode(
            Instant.ofEpochSecond(seconds).truncatedTo(ChronoUnit.SECONDS).toString());
      }
      case META + "MicroTime" -> {
        long seconds = (Long) field(message, "seconds");
        int nanos = (Integer) field(message, "nanos");
        return seconds == 0 ? null : Json.MAPPER.getNodeFactory().textNode(
            MICRO.format(Instant.ofEpochSecond(seconds, nanos)));
      }
      case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> {
        long kind = ((Number) field(message, "type")).longValue();
        return kind == 0 ? Json.MAPPER.getNodeFactory().numberNode((Integer) field(message, "intVal"))
            : Json.MAPPER.getNodeFactory().textNode((String) field(message, "strVal"));
      }
      case "k8s.io.apimachinery.pkg.api.resource.Quantity" -> {
        return Json.MAPPER.getNodeFactory().textNode((String) field(message, "string"));
      }
      case "k8s.io.apimachinery.pkg.runtime.RawExtension", META + "FieldsV1",
          "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSON" -> {
        ByteString raw = (ByteString) field(message, "raw");
        return raw.isEmpty() ? null : Json.parseAny(raw.toStringUtf8());
      }
      default -> {
        return object(message);
      }
    }
  }

  private ObjectNode object(Message message) {
    ObjectNode object = Json.object();
    for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
      FieldDescriptor field = e.getKey();
      JsonNode value;
      if (field.isMapField()) {
        ObjectNode map = Json.object();
        for (Object entry : (List<?>) e.getValue()) {
          Message m = (Message) entry;
          Object key = field(m, "key");
          JsonNode v = scalarOrMessage(m.getDescriptorForType().findFieldByName("value"), field(m, "value"));
          map.set(String.valueOf(key), v == null ? Json.MAPPER.getNodeFactory().textNode("") : v);
        }
        value = map;
      } else if (field.isRepeated()) {
        ArrayNode array = Json.array();
        for (Object element : (List<?>) e.getValue()) {
          JsonNode v = scalarOrMessage(field, element);
          if (v != null) {
            array.add(v);
          }
        }
        value = array;
      } else {
        value = scalarOrMessage(field, e.getValue());
        if (value != null && value.isTextual() && value.asText().isEmpty()) {
          value = null;
        }
      }
      if (value != null) {
        object.set(field.getName(), value);
      }
    }
    return object;
  }

  private JsonNode scalarOrMessage(FieldDescriptor field, Object value) {
    var nodes = Json.MAPPER.getNodeFactory();
    return switch (field.getJavaType()) {
      case MESSAGE -> toJson((Message) value);
      case BYTE_STRING -> nodes.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
      case STRING -> nodes.textNode((String) value);
      case BOOLEAN -> nodes.booleanNode((Boolean) value);
      case INT -> nodes.numberNode((Integer) value);
      case LONG -> nodes.numberNode((Long) value);
      case FLOAT -> nodes.numberNode((Float) value);
      case DOUBLE -> nodes.numberNode((Double) value);
      case ENUM -> nodes.textNode(value.toString());
    };
  }

  private static Object field(Message message, String name) {
    return message.getField(message.getDescriptorForType().findFieldByName(name));
  }
}
