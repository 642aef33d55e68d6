package io.runbook.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The server-side printing kubectl asks for ({@code Accept: ...;as=Table}): the columns {@code kubectl get} shows
 * for the common kinds (READY, STATUS, CLUSTER-IP, ...), and NAME/AGE for the rest.
 */
final class Tables {
  private record Column(String name, String type, Function<JsonNode, Object> cell) {
  }

  private Tables() {
  }

  static boolean wanted(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  static ObjectNode table(ResourceType type, List<? extends JsonNode> objects, String resourceVersion) {
    List<Column> columns = columns(type.kind());
    ObjectNode table = Json.object();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata").put("resourceVersion", resourceVersion);
    ArrayNode definitions = table.putArray("columnDefinitions");
    for (Column c : columns) {
      ObjectNode d = definitions.addObject();
      d.put("name", c.name());
      d.put("type", c.type());
      d.put("format", c.name().equals("Name") ? "name" : "");
      d.put("description", "");
      d.put("priority", 0);
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode object : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Column c : columns) {
        Object value = c.cell().apply(object);
        if (value instanceof Number n) {
          cells.add(n.longValue());
        } else {
          cells.add(String.valueOf(value));
        }
      }
      row.set("object", object);
    }
    return table;
  }

  private static List<Column> columns(String kind) {
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("Name", "string", Json::name));
    switch (kind) {
      case "Pod" -> {
        columns.add(text("Ready", o -> readyContainers(o) + "/" + o.path("spec").path("containers").size()));
        columns.add(text("Status", Tables::podStatus));
        columns.add(new Column("Restarts", "integer", o -> 0));
      }
      case "Deployment" -> {
        columns.add(text("Ready", o -> o.path("status").path("readyReplicas").asInt() + "/"
            + o.path("spec").path("replicas").asInt(1)));
        columns.add(new Column("Up-to-date", "integer", o -> o.path("status").path("updatedReplicas").asInt()));
        columns.add(new Column("Available", "integer", o -> o.path("status").path("availableReplicas").asInt()));
      }
      case "ReplicaSet" -> {
        columns.add(new Column("Desired", "integer", o -> o.path("spec").path("replicas").asInt(1)));
        columns.add(new Column("Current", "integer", o -> o.path("status").path("replicas").asInt()));
        columns.add(new Column("Ready", "integer", o -> o.path("status").path("readyReplicas").asInt()));
      }
      case "StatefulSet" -> columns.add(text("Ready", o -> o.path("status").path("readyReplicas").asInt() + "/"
          + o.path("spec").path("replicas").asInt(1)));
      case "DaemonSet" -> {
        columns.add(new Column("Desired", "integer", o -> o.path("status").path("desiredNumberScheduled").asInt()));
        columns.add(new Column("Ready", "integer", o -> o.path("status").path("numberReady").asInt()));
        columns.add(new Column("Available", "integer", o -> o.path("status").path("numberAvailable").asInt()));
      }
      case "Job" -> columns.add(text("Completions", o -> o.path("status").path("succeeded").asInt() + "/"
          + o.path("spec").path("completions").asInt(1)));
      case "Service" -> {
        columns.add(text("Type", o -> o.path("spec").path("type").asText("ClusterIP")));
        columns.add(text("Cluster-IP", o -> o.path("spec").path("clusterIP").asText("<none>")));
        columns.add(text("External-IP", Tables::externalIp));
        columns.add(text("Port(s)", Tables::ports));
      }
      case "Namespace" -> columns.add(text("Status", o -> o.path("status").path("phase").asText("Active")));
      case "Secret" -> {
        columns.add(text("Type", o -> o.path("type").asText("Opaque")));
        columns.add(new Column("Data", "integer", o -> o.path("data").size()));
      }
      case "ConfigMap" -> columns.add(new Column("Data", "integer", o -> o.path("data").size()
          + o.path("binaryData").size()));
      case "Event" -> {
        columns.add(text("Type", o -> o.path("type").asText("")));
        columns.add(text("Reason", o -> o.path("reason").asText("")));
        columns.add(text("Object", o -> o.path("involvedObject").path("kind").asText("").toLowerCase(
            java.util.Locale.ROOT) + "/" + o.path("involvedObject").path("name").asText("")));
        columns.add(text("Message", o -> o.path("message").asText("")));
      }
      case "Node" -> {
        columns.add(text("Status", o -> "Ready"));
        columns.add(text("Version", o -> o.path("status").path("nodeInfo").path("kubeletVersion").asText("")));
      }
      default -> {
      }
    }
    columns.add(text("Age", Tables::age));
    return columns;
  }

  private static Column text(String name, Function<JsonNode, Object> cell) {
    return new Column(name, "string", cell);
  }

  private static int readyContainers(JsonNode pod) {
    int ready = 0;
    for (JsonNode status : pod.path("status").path("containerStatuses")) {
      ready += status.path("ready").asBoolean() ? 1 : 0;
    }
    return ready;
  }

  private static String podStatus(JsonNode pod) {
    if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
      return "Terminating";
    }
    for (JsonNode status : pod.path("status").path("containerStatuses")) {
      String reason = status.path("state").path("waiting").path("reason").asText("");
      if (!reason.isEmpty()) {
        return reason;
      }
    }
    String phase = pod.path("status").path("phase").asText("Pending");
    return phase.equals("Succeeded") ? "Completed" : phase;
  }

  private static String externalIp(JsonNode service) {
    if (!"LoadBalancer".equals(service.path("spec").path("type").asText())) {
      return "<none>";
    }
    JsonNode ingress = service.path("status").path("loadBalancer").path("ingress");
    if (ingress.isEmpty()) {
      return "<pending>";
    }
    return ingress.get(0).path("ip").asText(ingress.get(0).path("hostname").asText());
  }

  private static String ports(JsonNode service) {
    List<String> ports = new ArrayList<>();
    for (JsonNode p : service.path("spec").path("ports")) {
      String port = p.path("port").asText() + (p.has("nodePort") ? ":" + p.path("nodePort").asText() : "");
      ports.add(port + "/" + p.path("protocol").asText("TCP"));
    }
    return ports.isEmpty() ? "<none>" : String.join(",", ports);
  }

  private static String age(JsonNode object) {
    String created = Json.text(object, "metadata", "creationTimestamp");
    if (created == null) {
      return "<unknown>";
    }
    Duration age = Duration.between(Instant.parse(created), Instant.now());
    long s = Math.max(0, age.getSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return (s / 60) + "m";
    }
    return s < 172800 ? (s / 3600) + "h" : (s / 86400) + "d";
  }
}
