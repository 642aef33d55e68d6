package io.runbook.lab.tetrate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;

/**
 * What the new management plane's front envoy serves at its LoadBalancer address: HTTPS on 8443 (API, health) and
 * 9443 (XCP, where edges connect), with a certificate for the MP FQDN. Answers follow the operator's view of the
 * MP ({@link Serving}); the lab-only path {@code /lab/v1/xcp} tells a simulated control plane whether central
 * accepts connections and which key id the MP signs tokens with.
 */
final class ManagementPlaneEndpoint implements AutoCloseable {
  static final int API_PORT = 8443;
  static final int XCP_PORT = 9443;

  /**
   * The MP as front envoy sees it.
   *
   * @param healthy installed, and envoy, iam, tsb and oap ready (the health endpoints answer 200)
   * @param xcpReady healthy and central ready (edges can stream)
   * @param organization the organization of the ManagementPlane spec
   * @param kid the key id of the current {@code iam-signing-key}, null when none
   */
  record Serving(boolean healthy, boolean xcpReady, String organization, String kid) {
    static final Serving DOWN = new Serving(false, false, "", null);
  }

  private final String address;
  private final AtomicReference<Serving> serving = new AtomicReference<>(Serving.DOWN);
  /** What the MP's API reads from its Postgres, and whether Elasticsearch holds history (null: nothing to serve). */
  private volatile ConfigDatabase config;
  private volatile boolean metricsHistory = true;
  private final ExecutorService threads;
  private final List<HttpsServer> servers = new ArrayList<>();

  private ManagementPlaneEndpoint(String address) {
    this.address = address;
    this.threads = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "lab-mp-envoy-" + address);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Binds to the first of {@code candidates} where both ports are free (another lab in this machine may hold
   * some), serving a certificate for {@code fqdn} signed by {@code ca}.
   */
  static ManagementPlaneEndpoint bind(List<String> candidates, String fqdn, MpCertificates ca) {
    for (String candidate : candidates) {
      ManagementPlaneEndpoint endpoint = new ManagementPlaneEndpoint(candidate);
      try {
        endpoint.listen(ca.serverContext(fqdn));
        return endpoint;
      } catch (BindException e) {
        endpoint.close();
      } catch (IOException e) {
        endpoint.close();
        throw new IllegalStateException("cannot serve the lab MP on " + candidate + ": " + e.getMessage(), e);
      }
    }
    throw new IllegalStateException("no free address for the lab MP's envoy among " + candidates);
  }

  private synchronized void listen(SSLContext context) throws IOException {
    for (int port : List.of(API_PORT, XCP_PORT)) {
      HttpsServer server = HttpsServer.create(new InetSocketAddress(address, port), 16);
      server.setHttpsConfigurator(new HttpsConfigurator(context));
      server.createContext("/", this::handle);
      server.setExecutor(threads);
      server.start();
      servers.add(server);
    }
  }

  /** Serves a new certificate (another root CA) from now on, on the same address and ports. */
  synchronized void reissue(String fqdn, MpCertificates ca) {
    stopServers();
    try {
      listen(ca.serverContext(fqdn));
    } catch (IOException e) {
      throw new IllegalStateException("cannot serve the lab MP on " + address + " again: " + e.getMessage(), e);
    }
  }

  String address() {
    return address;
  }

  /** The configuration the API serves (from the external Postgres) and whether metrics history is there. */
  void data(ConfigDatabase database, boolean history) {
    config = database;
    metricsHistory = history;
  }

  void update(Serving state) {
    serving.set(state);
  }

  Serving serving() {
    return serving.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Serving state = serving.get();
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/lab/v1/xcp")) {
        if (state.xcpReady()) {
          reply(exchange, 200, "{\"kid\":\"" + state.kid() + "\"}");
        } else {
          reply(exchange, 503, "no healthy upstream");
        }
      } else if (!state.healthy()) {
        // what front envoy answers while the components behind it are not ready
        reply(exchange, 503, "no healthy upstream");
      } else if (path.equals("/v2/organizations/" + state.organization() + "/status")) {
        reply(exchange, 200, "{\"status\":\"OK\"}");
      } else if (path.equals("/promql/api/v1/labels")) {
        reply(exchange, 200, "{\"status\":\"success\",\"data\":[\"__name__\",\"cluster\",\"service\"]}");
      } else if (path.equals("/promql/api/v1/series")) {
        // what oap finds in Elasticsearch for the window asked (the lab's history is older than any recovery)
        reply(exchange, 200, "{\"status\":\"success\",\"data\":[" + (metricsHistory
            ? "{\"__name__\":\"service_cpm\",\"service\":\"checkout\"},{\"__name__\":\"service_cpm\",\"service\":\"ledger\"}"
            : "") + "]}");
      } else if (config != null && ConfigApi.handles(path)) {
        ConfigApi.Answer answer = ConfigApi.answer(config, path);
        reply(exchange, answer.status(), answer.body());
      } else {
        reply(exchange, 404, "{\"code\":5,\"message\":\"Not Found\"}");
      }
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
    exchange.getResponseHeaders().set("Server", "envoy");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void stopServers() {
    servers.forEach(s -> s.stop(0));
    servers.clear();
  }

  @Override
  public synchronized void close() {
    stopServers();
    threads.shutdownNow();
  }
}
