package io.runbook.lab.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code pods/<name>/log} requests: which container, and which of its lines the query asks for. With
 * {@code previous=true}, a container that never restarted has no previous log: 400, as the API server relays the
 * kubelet's refusal.
 */
final class PodLogRequests {
  private static final ResourceType PODS = ResourceCatalog.builtIn("", "pods");
  private final ObjectStore store;
  private final PodLogs logs;

  PodLogRequests(ObjectStore store, PodLogs logs) {
    this.store = store;
    this.logs = logs;
  }

  /**
   * The resolved request: the container whose lines to serve, the lines selected, and the sequence number of the
   * newest line that was read (selected or not).
   */
  record Query(String namespace, String pod, String container, boolean timestamps, List<PodLogs.Line> lines,
      long readUpTo) {
    String format(PodLogs.Line line) {
      return (timestamps ? line.time().toString() + " " : "") + line.text() + "\n";
    }
  }

  Query resolve(RequestPath path) {
    ObjectNode pod = store.get(PODS, path.namespace(), path.name())
        .orElseThrow(() -> ApiError.notFound("pods", path.name()));
    String container = PodContainers.chosen(pod, path.name(), path.param("container"));
    if (path.flag("previous") && !restarted(pod, container)) {
      throw new ApiError(400, "BadRequest", "previous terminated container \"" + container + "\" in pod \""
          + path.name() + "\" not found");
    }
    List<PodLogs.Line> lines = new ArrayList<>(logs.read(path.namespace(), path.name(), container));
    long readUpTo = lines.stream().mapToLong(PodLogs.Line::sequence).max().orElse(0);
    String since = path.param("sinceSeconds");
    if (since != null) {
      Instant from = Instant.now().minusSeconds(Long.parseLong(since));
      lines.removeIf(l -> l.time().isBefore(from));
    }
    String sinceTime = path.param("sinceTime");
    if (sinceTime != null) {
      Instant from = Instant.parse(sinceTime);
      lines.removeIf(l -> l.time().isBefore(from));
    }
    String tail = path.param("tailLines");
    if (tail != null) {
      int n = Integer.parseInt(tail);
      if (n >= 0 && lines.size() > n) {
        lines = new ArrayList<>(lines.subList(lines.size() - n, lines.size()));
      }
    }
    return new Query(path.namespace(), path.name(), container, path.flag("timestamps"), lines, readUpTo);
  }

  /**
   * Whether the container has a previous, terminated instance whose log {@code previous=true} reads: its status says
   * so ({@code lastState.terminated}, as the lab's crash loops leave it). The lab keeps one log per container, so the
   * previous instance's log is the lines the container wrote.
   */
  private static boolean restarted(ObjectNode pod, String container) {
    for (String statuses : List.of("containerStatuses", "initContainerStatuses")) {
      for (var status : pod.path("status").path(statuses)) {
        if (status.path("name").asText().equals(container) && status.path("lastState").has("terminated")) {
          return true;
        }
      }
    }
    return false;
  }

  String body(Query query) {
    StringBuilder sb = new StringBuilder();
    query.lines().forEach(l -> sb.append(query.format(l)));
    return sb.toString();
  }

  static boolean isLog(RequestPath path) {
    return path != null && "pods".equals(path.plural()) && "log".equals(path.subresource()) && path.name() != null;
  }
}
