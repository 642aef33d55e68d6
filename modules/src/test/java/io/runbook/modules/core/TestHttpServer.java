package io.runbook.modules.core;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;

/**
 * A real HTTP(S) server on 127.0.0.1 with the endpoints the uri tests call; it remembers what it saw
 * (Host headers, TLS server names, request bodies) so tests can assert on the wire, not on our code.
 */
final class TestHttpServer implements AutoCloseable {
    final List<String> hostHeaders = new CopyOnWriteArrayList<>();
    final List<String> serverNames = new CopyOnWriteArrayList<>();
    final Map<String, String> lastRequest = new ConcurrentHashMap<>();
    final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    /** {@code /slow} answers only once released (or the server closes): a client that returns before gave up. */
    private final java.util.concurrent.CountDownLatch slowReleased = new java.util.concurrent.CountDownLatch(1);
    final java.util.concurrent.atomic.AtomicInteger slowAnswered = new java.util.concurrent.atomic.AtomicInteger();

    private TestHttpServer(HttpServer server) {
        this.server = server;
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    static TestHttpServer plain() throws IOException {
        TestHttpServer created = new TestHttpServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        created.server.start();
        return created;
    }

    static TestHttpServer tls(SSLContext context) throws IOException {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        TestHttpServer created = new TestHttpServer(https);
        https.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setSNIMatchers(List.of(created.recordingMatcher()));
                params.setSSLParameters(ssl);
            }
        });
        https.start();
        return created;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private SNIMatcher recordingMatcher() {
        return new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
            @Override
            public boolean matches(SNIServerName name) {
                serverNames.add(((SNIHostName) name).getAsciiName());
                return true;
            }
        };
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        // every Host header line, joined: a request with two Host headers would show both
        hostHeaders.add(String.join(" | ", exchange.getRequestHeaders().getOrDefault("Host", List.of())));
        lastRequest.put("method", exchange.getRequestMethod());
        lastRequest.put("body", body);
        lastRequest.put("path", path);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        lastRequest.put("content-type", contentType == null ? "" : contentType);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        lastRequest.put("authorization", auth == null ? "" : auth);
        switch (path) {
            case "/json" -> respond(exchange, 200, "application/json", "{\"status\":\"ready\",\"clusters\":[\"cp-1\",\"cp-2\"]}");
            case "/unavailable" -> respond(exchange, 503, "text/plain", "upstream connect error\nor disconnect");
            case "/created" -> respond(exchange, 201, "application/json", "{\"id\":7}");
            case "/redirect" -> {
                exchange.getResponseHeaders().add("Location", "/json");
                respond(exchange, 302, "text/plain", "");
            }
            case "/slow" -> {
                try {
                    slowReleased.await(10, java.util.concurrent.TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                slowAnswered.incrementAndGet();
                respond(exchange, 200, "text/plain", "late");
            }
            default -> respond(exchange, 200, "text/plain; charset=utf-8", "hello from " + path);
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("X-Served-By", "test");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** Lets {@code /slow} answer. */
    void releaseSlow() {
        slowReleased.countDown();
    }

    @Override
    public void close() {
        releaseSlow();
        server.stop(0);
        threads.shutdownNow();
    }
}
