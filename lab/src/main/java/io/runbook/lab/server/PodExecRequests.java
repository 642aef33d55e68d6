package io.runbook.lab.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pods/<name>/exec}: a command run in a container, answered as the API server answers kubectl, fabric8 and the
 * Python client: a WebSocket of the {@code channel.k8s.io} subprotocols whose binary messages start with their channel
 * (1 stdout, 2 stderr, 3 the error channel: a {@code v1 Status}, {@code Success} or {@code NonZeroExitCode} with an
 * {@code ExitCode} cause), then closed. The pod must exist (404), the container be one of its own (400) and running
 * (404 {@code container not found}, as the kubelet says of one not started). What the command does is
 * {@link ExecShell}'s simulation.
 */
final class PodExecRequests {
  private static final ResourceType PODS = ResourceCatalog.builtIn("", "pods");
  private final ObjectStore store;

  PodExecRequests(ObjectStore store) {
    this.store = store;
  }

  static boolean isExec(RequestPath path) {
    return "pods".equals(path.plural()) && "exec".equals(path.subresource()) && path.name() != null;
  }

  /** The upgrade to the exec's WebSocket, once the request is known to be one the API server would run. */
  MockResponse exec(RequestPath path, String uri, boolean upgrade) {
    ObjectNode pod = store.get(PODS, path.namespace(), path.name())
        .orElseThrow(() -> ApiError.notFound("pods", path.name()));
    String container = PodContainers.chosen(pod, path.name(), path.param("container"));
    List<String> command = commands(uri);
    if (command.isEmpty()) {
      throw new ApiError(400, "BadRequest", "you must specify at least 1 command");
    }
    if (!path.flag("stdin") && !path.flag("stdout") && !path.flag("stderr")) {
      throw new ApiError(400, "BadRequest", "you must specify at least one of stdin, stdout, stderr");
    }
    if (!upgrade) {
      throw new ApiError(400, "BadRequest", "Upgrade request required");
    }
    ObjectNode state = state(pod, container);
    if (state.has("terminated")) {
      throw new ApiError(500, "InternalError", "error executing command in container: container " + container
          + " is not running (it terminated)");
    }
    if (!state.has("running")) {
      throw new ApiError(404, "NotFound", "container not found (\"" + container + "\")");
    }
    ExecShell.Outcome outcome = new ExecShell(path.name(), environment(pod, container)).exec(command);
    return new MockResponse().withWebSocketUpgrade(new Channels(outcome, command, path.flag("stdout"), path.flag("stderr")));
  }

  /** Every {@code command} value of the query, in order (the map of {@link RequestPath} keeps one per key). */
  private static List<String> commands(String uri) {
    List<String> out = new ArrayList<>();
    int q = uri.indexOf('?');
    for (String pair : q < 0 ? new String[0] : uri.substring(q + 1).split("&")) {
      if (pair.startsWith("command=")) {
        out.add(URLDecoder.decode(pair.substring("command=".length()), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static ObjectNode state(ObjectNode pod, String container) {
    for (String statuses : List.of("containerStatuses", "initContainerStatuses")) {
      for (var status : pod.path("status").path(statuses)) {
        if (status.path("name").asText().equals(container) && status.path("state") instanceof ObjectNode state) {
          return state;
        }
      }
    }
    return Json.object();
  }

  /** The container's literal {@code env} values (those from {@code valueFrom} are not resolved by the lab). */
  private static Map<String, String> environment(ObjectNode pod, String container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (var c : pod.path("spec").path("containers")) {
      if (c.path("name").asText().equals(container)) {
        c.path("env").forEach(e -> {
          if (e.has("value")) {
            env.put(e.path("name").asText(), e.path("value").asText());
          }
        });
      }
    }
    return env;
  }

  /** The error channel's Status for the outcome, as the kubelet writes it. */
  static ObjectNode status(ExecShell.Outcome outcome, List<String> command) {
    ObjectNode status = Json.object();
    status.putObject("metadata");
    if (outcome.startFailure() == null && outcome.exitCode() == 0) {
      status.put("status", "Success");
      return status;
    }
    status.put("status", "Failure");
    ObjectNode cause = Json.object();
    if (outcome.startFailure() != null) {
      status.put("message", "Internal error occurred: error executing command in container: " + outcome.startFailure());
      status.put("reason", "InternalError");
      cause.put("message", "error executing command in container: " + outcome.startFailure());
    } else {
      status.put("message", "command terminated with non-zero exit code: error executing command ["
          + String.join(" ", command) + "], exit code " + outcome.exitCode());
      status.put("reason", "NonZeroExitCode");
      cause.put("reason", "ExitCode");
      cause.put("message", String.valueOf(outcome.exitCode()));
    }
    status.putObject("details").putArray("causes").add(cause);
    if (outcome.startFailure() != null) {
      status.put("code", 500);
    }
    return status;
  }

  /** The exec's WebSocket: the output, then the error channel, then the close. */
  private static final class Channels extends WebSocketListener {
    private final ExecShell.Outcome outcome;
    private final List<String> command;
    private final boolean stdout;
    private final boolean stderr;

    Channels(ExecShell.Outcome outcome, List<String> command, boolean stdout, boolean stderr) {
      this.outcome = outcome;
      this.command = command;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    @Override
    public void onOpen(WebSocket socket, Response response) {
      if (stdout && !outcome.stdout().isEmpty()) {
        socket.send(frame(1, outcome.stdout()));
      }
      if (stderr && !outcome.stderr().isEmpty()) {
        socket.send(frame(2, outcome.stderr()));
      }
      socket.send(frame(3, Json.write(status(outcome, command))));
      socket.close(1000, "");
    }

    private static byte[] frame(int channel, String text) {
      byte[] body = text.getBytes(StandardCharsets.UTF_8);
      byte[] out = new byte[body.length + 1];
      out[0] = (byte) channel;
      System.arraycopy(body, 0, out, 1, body.length);
      return out;
    }
  }
}
