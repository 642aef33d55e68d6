package io.runbook.lab.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/**
 * Routes one cluster's API requests: discovery, version and OpenAPI documents, then resource requests with the API
 * server's semantics. Every answer carries a Content-Type and errors are {@code Status} objects.
 */
public final class LabDispatcher extends Dispatcher {
  private final ObjectStore store;
  private final ResourceCatalog catalog;
  private final Discovery discovery;
  private final ResourceRequests resources;
  private final PodLogRequests podLogs;
  private final PodExecRequests podExec;
  private final Watches watches;
  private final Evictions evictions;
  private volatile String serverAddress = "127.0.0.1:0";

  public LabDispatcher(ObjectStore store, ResourceCatalog catalog, Defaulting defaulting, PodLogs logs) {
    this.store = store;
    this.catalog = catalog;
    this.discovery = new Discovery(catalog);
    this.resources = new ResourceRequests(store, catalog, defaulting, logs);
    this.podLogs = new PodLogRequests(store, logs);
    this.podExec = new PodExecRequests(store);
    this.watches = new Watches(store);
    this.evictions = new Evictions(store);
  }

  void serverAddress(String address) {
    this.serverAddress = address;
  }

  PodLogRequests podLogs() {
    return podLogs;
  }

  /** Rewrites one watch event so that its object is a one-row Table, for clients that asked for tables. */
  String eventAsTable(RequestPath path, String event) {
    ResourceType type = catalog.find(path.group(), path.version(), path.plural()).orElse(null);
    ObjectNode parsed = Json.parse(event);
    if (type == null || !(parsed.get("object") instanceof ObjectNode object)) {
      return event;
    }
    parsed.set("object", Tables.table(type, java.util.List.of(object), Json.text(object, "metadata",
        "resourceVersion")));
    return Json.write(parsed);
  }

  /** Starts a watch for a watch URL; {@code send} gets each JSON event. Closing the handle ends it. */
  AutoCloseable watch(RequestPath path, java.util.function.Consumer<String> send) {
    ResourceType type = catalog.find(path.group(), path.version(), path.plural())
        .orElseThrow(() -> new ApiError(404, "NotFound", "the server could not find the requested resource"));
    return watches.open(type, path, send);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    try {
      return route(request);
    } catch (ApiError e) {
      return Replies.error(e);
    } catch (RuntimeException e) {
      return Replies.error(new ApiError(500, "InternalError", "lab server error: " + e));
    }
  }

  private MockResponse route(RecordedRequest request) {
    String uri = request.getPath();
    String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
    switch (path) {
      case "/version", "/version/" -> {
        return Replies.json(200, Discovery.version());
      }
      case "/api", "/api/" -> {
        return Replies.json(200, Discovery.coreVersions(serverAddress));
      }
      case "/apis", "/apis/" -> {
        return Replies.json(200, discovery.groups());
      }
      case "/openapi/v2" -> {
        return Replies.emptyOpenApiV2();
      }
      case "/healthz", "/livez", "/readyz" -> {
        return Replies.text(200, "ok");
      }
      case "/", "" -> {
        ObjectNode paths = Json.object();
        var list = paths.putArray("paths");
        java.util.List.of("/api", "/api/v1", "/apis", "/healthz", "/livez", "/openapi/v2", "/readyz", "/version")
            .forEach(list::add);
        return Replies.json(200, paths);
      }
      default -> {
        return resource(request, uri, path);
      }
    }
  }

  private MockResponse resource(RecordedRequest request, String uri, String path) {
    String[] segments = path.split("/");
    if (segments.length == 3 && segments[1].equals("apis")) {
      ObjectNode group = discovery.group(segments[2]);
      if (group != null) {
        return Replies.json(200, group);
      }
    }
    RequestPath parsed = RequestPath.parse(uri);
    if (parsed == null) {
      throw new ApiError(404, "NotFound", "the server could not find the requested resource");
    }
    if (parsed.plural() == null) {
      ObjectNode list = discovery.resources(parsed.group(), parsed.version());
      if (list == null) {
        throw new ApiError(404, "NotFound", "the server could not find the requested resource");
      }
      return Replies.json(200, list);
    }
    ResourceType type = catalog.find(parsed.group(), parsed.version(), parsed.plural())
        .orElseThrow(() -> new ApiError(404, "NotFound", "the server could not find the requested resource"));
    if (parsed.subresource() != null && !type.subresources().contains(parsed.subresource())) {
      throw new ApiError(404, "NotFound", "the server could not find the requested resource");
    }
    if (Evictions.SUBRESOURCE.equals(parsed.subresource())) {
      if (request.method() != io.fabric8.mockwebserver.dsl.HttpMethod.POST) {
        throw new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
      }
      return evictions.evict(parsed, request.getUtf8Body());
    }
    if (PodExecRequests.isExec(parsed)) {
      if (request.method() != io.fabric8.mockwebserver.dsl.HttpMethod.GET
          && request.method() != io.fabric8.mockwebserver.dsl.HttpMethod.POST) {
        throw new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
      }
      String upgrade = request.getHeader("Upgrade");
      return podExec.exec(parsed, uri, upgrade != null && upgrade.toLowerCase(java.util.Locale.ROOT).contains("websocket"));
    }
    return switch (request.method()) {
      case GET -> read(request, parsed, type);
      case POST -> resources.create(parsed, type, request);
      case PUT -> resources.update(parsed, type, request);
      case PATCH -> resources.patch(parsed, type, request);
      case DELETE -> resources.delete(parsed, type);
      default -> throw new ApiError(405, "MethodNotAllowed", "method not allowed: " + request.getMethod());
    };
  }

  private MockResponse read(RecordedRequest request, RequestPath path, ResourceType type) {
    if (path.flag("watch")) {
      // only WebSocket watches (fabric8) get here: the server streams plain HTTP watches itself
      return new MockResponse().withWebSocketUpgrade(new WatchSocket(path));
    }
    if (PodLogRequests.isLog(path)) {
      return Replies.text(200, podLogs.body(podLogs.resolve(path)));
    }
    return resources.get(path, type, request.getHeader("Accept"));
  }

  /**
   * Sends through the event loop of the calling Vert.x context, as queued tasks: writes made directly from the
   * event loop and writes handed over from other threads then reach the socket in the order they were made.
   */
  static java.util.function.Consumer<String> inOrderOnThisContext(java.util.function.Consumer<String> send) {
    io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
    if (context == null) {
      return send;
    }
    return event -> context.runOnContext(v -> send.accept(event));
  }

  /**
   * Like {@link #inOrderOnThisContext} for a stream of lines (an HTTP watch: one JSON event per line): each event is
   * turned into its line by {@code line} at once, and the lines that come before the event loop gets to them go out
   * in one write, in order. A write from a queued task is flushed to the socket by itself (one system call and one
   * chunk each): a cluster's re-issued tokens, written in one pass, and a rotation's deletes each sent one per event.
   * The stream's readers take it line by line, whatever the chunks.
   */
  static java.util.function.Consumer<String> inBatchesOnThisContext(
      java.util.function.UnaryOperator<String> line, java.util.function.Consumer<String> write) {
    io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
    if (context == null) {
      return event -> write.accept(line.apply(event) + "\n");
    }
    StringBuilder pending = new StringBuilder();
    return event -> {
      String text = line.apply(event);
      boolean first;
      synchronized (pending) {
        first = pending.length() == 0;
        pending.append(text).append('\n');
      }
      if (first) {
        context.runOnContext(v -> {
          String lines;
          synchronized (pending) {
            lines = pending.toString();
            pending.setLength(0);
          }
          write.accept(lines);
        });
      }
    };
  }

  /** One WebSocket watch: events go out as text frames until either side closes. */
  private final class WatchSocket extends WebSocketListener {
    private final RequestPath path;
    private volatile AutoCloseable watch;

    WatchSocket(RequestPath path) {
      this.path = path;
    }

    @Override
    public void onOpen(WebSocket socket, Response response) {
      watch = watch(path, inOrderOnThisContext(socket::send));
    }

    @Override
    public void onClosing(WebSocket socket, int code, String reason) {
      stop();
    }

    @Override
    public void onClosed(WebSocket socket, int code, String reason) {
      stop();
    }

    @Override
    public void onFailure(WebSocket socket, Throwable failure, Response response) {
      stop();
    }

    private void stop() {
      AutoCloseable current = watch;
      if (current != null) {
        try {
          current.close();
        } catch (Exception e) {
          // removing a listener from a list cannot fail in a way that matters here
        }
      }
    }
  }
}
