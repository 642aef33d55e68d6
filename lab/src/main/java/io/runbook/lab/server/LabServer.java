package io.runbook.lab.server;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP(S) front of one lab cluster on a loopback port. Ordinary requests (and WebSocket watches) go through
 * fabric8's mock web server request handling to the {@link LabDispatcher}; the streaming answers the mock cannot
 * give (log {@code follow}, plain HTTP watches of Go clients) and injected faults are handled here.
 */
public final class LabServer implements AutoCloseable {
  /** PEM certificate chain and private key the server presents when TLS is on. */
  public record Tls(String certificatePem, String privateKeyPem) {
  }

  private static final ResourceType PODS = ResourceCatalog.builtIn("", "pods");
  private final Vertx vertx;
  private final LabDispatcher dispatcher;
  private final ObjectStore store;
  private final PodLogs logs;
  private final Faults faults;
  private final Tls tls;
  private final HttpServerRequestHandler delegate;
  private final List<HttpServerRequest> unanswered = new CopyOnWriteArrayList<>();
  /** A request a {@link Faults#hold} keeps back, with the event-loop context of its connection (it resumes there). */
  private record Held(HttpServerRequest request, io.vertx.core.Context context) {
  }

  private final List<Held> held = new CopyOnWriteArrayList<>();
  private final Object heldMonitor = new Object();
  private final List<HttpConnection> connections = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private String deployment;
  private int port;

  public LabServer(Vertx vertx, LabDispatcher dispatcher, ObjectStore store, PodLogs logs, Faults faults, Tls tls) {
    this.vertx = vertx;
    this.dispatcher = dispatcher;
    this.store = store;
    this.logs = logs;
    this.faults = faults;
    this.tls = tls;
    this.delegate = new HttpServerRequestHandler(vertx) {
      @Override
      protected MockResponse onHttpRequest(RecordedRequest request) {
        return dispatcher.dispatch(request);
      }
    };
  }

  /** Binds 127.0.0.1 on an ephemeral port and returns the port. */
  public synchronized int start() {
    port = listen(0);
    dispatcher.serverAddress("127.0.0.1:" + port);
    return port;
  }

  /**
   * Stops listening (clients get "connection refused", open connections are dropped) or listens again on the same
   * port. Throws IllegalStateException when the port was taken meanwhile.
   */
  public synchronized void listening(boolean value) {
    if (value && server == null) {
      listen(port);
    } else if (!value && server != null) {
      stop();
    }
  }

  private int listen(int wanted) {
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(wanted)
        .setCompressionSupported(false).setHttp2ClearTextEnabled(false).setMaxWebSocketFrameSize(16 * 1024 * 1024)
        .setWebSocketSubProtocols(List.of("v4.channel.k8s.io", "v5.channel.k8s.io"));
    if (tls != null) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertValue(io.vertx.core.buffer.Buffer.buffer(tls.certificatePem()))
          .setKeyValue(io.vertx.core.buffer.Buffer.buffer(tls.privateKeyPem())));
    }
    // each server is deployed as its own verticle so that servers spread over the event loops: servers created
    // from one plain thread would all share that thread's single (sticky) event-loop context
    CompletableFuture<HttpServer> listening = new CompletableFuture<>();
    CompletableFuture<String> deployed = vertx.deployVerticle(new AbstractVerticle() {
      @Override
      public void start(Promise<Void> started) {
        HttpServer created = vertx.createHttpServer(options).requestHandler(LabServer.this::handle)
            .connectionHandler(LabServer.this::track);
        created.listen().onSuccess(s -> {
          listening.complete(s);
          started.complete();
        }).onFailure(e -> {
          listening.completeExceptionally(e);
          started.fail(e);
        });
      }
    }).toCompletionStage().toCompletableFuture();
    try {
      server = listening.get(30, TimeUnit.SECONDS);
      deployment = deployed.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the lab API server could not listen on 127.0.0.1:" + wanted, e);
    }
    return server.actualPort();
  }

  private void track(HttpConnection connection) {
    connections.add(connection);
    connection.closeHandler(v -> {
      connections.remove(connection);
      unanswered.removeIf(request -> request.connection() == connection);
      held.removeIf(h -> h.request().connection() == connection);
    });
  }

  /** Waits until at least {@code count} requests are held or unanswered; false if {@code limit} passed first. */
  public boolean awaitHeld(int count, java.time.Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (heldMonitor) {
      while (unanswered() + heldCount() < count) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        heldMonitor.wait(left);
      }
      return true;
    }
  }

  private void heldChanged() {
    synchronized (heldMonitor) {
      heldMonitor.notifyAll();
    }
  }

  /** How many requests a {@link Faults#hold} keeps back now. */
  public int heldCount() {
    return held.size();
  }

  /** Serves the requests a {@link Faults#hold} kept back whose clients are still connected, in arrival order. */
  public void releaseHeld() {
    List<Held> waiting = List.copyOf(held);
    held.removeAll(waiting);
    for (Held h : waiting) {
      // on the connection's own event loop, as every handler of the request runs
      h.context().runOnContext(v -> {
        if (h.request().response().closed()) {
          return;  // its client went away meanwhile (it was killed): nothing to answer
        }
        h.request().resume();
        serve(h.request());
      });
    }
  }

  @Override
  public synchronized void close() {
    stop();
  }

  private void stop() {
    try {
      stopAsync().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing is best effort: the port is released when the shared event loop stops anyway
    }
  }

  /**
   * Stops listening and serving; the future completes when the server is undeployed. A lab of hundreds of clusters
   * starts every stop before it waits for any: one after another, each an event-loop round trip, a loaded machine
   * took tens of seconds to end a lab after SIGTERM.
   */
  public synchronized CompletableFuture<Void> stopAsync() {
    unanswered.clear();
    held.clear();
    connections.forEach(HttpConnection::close);
    connections.clear();
    if (server == null) {
      return CompletableFuture.completedFuture(null);
    }
    server = null;
    return vertx.undeploy(deployment).toCompletionStage().toCompletableFuture();
  }

  /** How many requests are held unanswered (by {@link Faults#unresponsive()}). */
  public int unanswered() {
    return unanswered.size();
  }

  private void handle(HttpServerRequest request) {
    long delay = faults.latency().toMillis();
    if (delay > 0) {
      // a slow API server: hold the request (without reading it yet) and answer it later
      request.pause();
      vertx.setTimer(delay, id -> {
        request.resume();
        serve(request);
      });
      return;
    }
    serve(request);
  }

  private void serve(HttpServerRequest request) {
    if (faults.holding() && faults.holds(request.method().name(), request.path())) {
      request.pause();
      held.add(new Held(request, vertx.getOrCreateContext()));
      heldChanged();
      return;
    }
    if (faults.unresponsive()) {
      request.pause();
      unanswered.add(request);
      heldChanged();
      return;
    }
    if (faults.unavailable()) {
      fail(request, new ApiError(503, "ServiceUnavailable", "the lab cluster is unavailable (injected fault)"));
      return;
    }
    String upgrade = request.getHeader("Upgrade");
    boolean webSocket = upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    // only a GET with a query string can ask for a stream (watch, follow): other requests are not parsed here
    RequestPath path = webSocket || request.method() != io.vertx.core.http.HttpMethod.GET
        || request.uri().indexOf('?') < 0 ? null : RequestPath.parse(request.uri());
    if (path != null) {
      try {
        if (PodLogRequests.isLog(path) && path.flag("follow")) {
          followLogs(request, path);
          return;
        }
        if (path.flag("watch") && path.plural() != null && path.subresource() == null) {
          streamWatch(request, path);
          return;
        }
      } catch (ApiError e) {
        fail(request, e);
        return;
      }
    }
    delegate.handle(request);
  }

  private void followLogs(HttpServerRequest request, RequestPath path) {
    PodLogRequests.Query checked = dispatcher.podLogs().resolve(path);
    HttpServerResponse response = streaming(request, "text/plain; charset=utf-8");
    // subscribe before reading and hold new lines back until the read ones are out: none lost, none twice
    java.util.function.Consumer<String> write = LabDispatcher.inOrderOnThisContext(text -> {
      if (!response.ended() && !response.closed()) {
        response.write(text);
      }
    });
    Object order = new Object();
    List<PodLogs.Line> heldBack = new java.util.ArrayList<>();
    long[] readUpTo = {-1};
    AutoCloseable subscription = logs.follow(checked.namespace(), checked.pod(), checked.container(), line -> {
      synchronized (order) {
        if (readUpTo[0] < 0) {
          heldBack.add(line);
        } else if (line.sequence() > readUpTo[0]) {
          write.accept(checked.format(line));
        }
      }
    });
    PodLogRequests.Query query = dispatcher.podLogs().resolve(path);
    synchronized (order) {
      query.lines().forEach(line -> write.accept(query.format(line)));
      readUpTo[0] = query.readUpTo();
      heldBack.stream().filter(line -> line.sequence() > query.readUpTo())
          .forEach(line -> write.accept(query.format(line)));
      heldBack.clear();
    }
    long timer = vertx.setPeriodic(500, id -> {
      if (store.get(PODS, query.namespace(), query.pod()).isEmpty() && !response.ended()) {
        response.end();
      }
    });
    Runnable cleanup = () -> {
      vertx.cancelTimer(timer);
      try {
        subscription.close();
      } catch (Exception e) {
        // nothing to release beyond the list entry
      }
    };
    response.closeHandler(v -> cleanup.run());
    response.endHandler(v -> cleanup.run());
  }

  /** Serves a Go client's HTTP watch as a stream of JSON watch events, one per line. */
  private void streamWatch(HttpServerRequest request, RequestPath path) {
    HttpServerResponse response = request.response();
    response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json");
    boolean tables = Tables.wanted(request.getHeader("Accept"));
    // the watch is opened before the head goes out: a watch of a kind the cluster does not serve is answered 404
    // with its Status, as the API server does, instead of a 200 stream that breaks off
    AutoCloseable watch = dispatcher.watch(path, LabDispatcher.inBatchesOnThisContext(
        event -> tables ? dispatcher.eventAsTable(path, event) : event, events -> {
          if (!response.ended() && !response.closed()) {
            response.write(events);
          }
        }));
    if (!response.headWritten()) {
      response.writeHead();
    }
    String timeout = path.param("timeoutSeconds");
    long timer = vertx.setTimer(timeout == null ? 1_800_000 : Math.max(1, Long.parseLong(timeout)) * 1000L, id -> {
      if (!response.ended()) {
        response.end();
      }
    });
    Runnable cleanup = () -> {
      vertx.cancelTimer(timer);
      try {
        watch.close();
      } catch (Exception e) {
        // removing a listener cannot fail in a way that matters here
      }
    };
    response.closeHandler(v -> cleanup.run());
    response.endHandler(v -> cleanup.run());
  }

  private static HttpServerResponse streaming(HttpServerRequest request, String contentType) {
    HttpServerResponse response = request.response();
    response.setStatusCode(200).setChunked(true).putHeader("Content-Type", contentType);
    response.writeHead();
    return response;
  }

  private static void fail(HttpServerRequest request, ApiError error) {
    request.response().setStatusCode(error.code()).putHeader("Content-Type", "application/json")
        .end(Json.write(error.toStatus()));
  }
}
