package io.runbook.modules.k8s;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An HTTP proxy in front of a lab cluster that records every request (method, URI, whether it asked for a WebSocket)
 * and the connections made to it, can answer chosen requests itself, and can drop the connections of the streams it
 * is passing on (watches): what a test needs to see the requests a module sends and the failures it must survive.
 */
final class RecordingProxy implements AutoCloseable {
    record Seen(String method, String uri, boolean upgrade) {
        boolean isWatch() {
            return uri.contains("watch=true");
        }
    }

    /** An answer the proxy gives itself instead of passing the request on. */
    record Answer(Predicate<HttpServerRequest> when, int code, String statusJson) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final String target;
    private final HttpClient client;
    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<HttpConnection> streaming = new CopyOnWriteArrayList<>();
    private final List<HttpServerResponse> streams = new CopyOnWriteArrayList<>();
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    RecordingProxy(String target) throws Exception {
        this.target = target;
        this.client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64));
        this.server = vertx.createHttpServer().connectionHandler(c -> connections.incrementAndGet()).requestHandler(this::handle)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A kubeconfig (written to {@code dir}) whose only context reaches {@code cluster} of the lab through this proxy. */
    Path kubeconfig(Path dir, String cluster) throws Exception {
        Path file = dir.resolve("through-proxy.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters: [{name: %1$s, cluster: {server: "http://127.0.0.1:%2$d"}}]
                users: [{name: %1$s, user: {token: lab-token-%1$s}}]
                contexts: [{name: %1$s, context: {cluster: %1$s, user: %1$s, namespace: default}}]
                current-context: %1$s
                """.formatted(cluster, server.actualPort()));
        return file;
    }

    void answer(Answer answer) {
        answers.add(answer);
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    List<Seen> watches() {
        return seen.stream().filter(Seen::isWatch).toList();
    }

    int connections() {
        return connections.get();
    }

    /** Closes the connections of the streamed answers under way (the client sees its watch break). */
    void dropStreams() {
        streaming.forEach(HttpConnection::close);
        streaming.clear();
        streams.clear();
    }

    /** Writes {@code text} into each streamed answer under way, as if the server had sent it (whole lines). */
    void inject(String text) {
        streams.forEach(r -> r.write(text));
    }

    private void handle(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        seen.add(new Seen(request.method().name(), request.uri(), upgrade != null && upgrade.equalsIgnoreCase("websocket")));
        for (Answer a : answers) {
            if (a.when().test(request)) {
                request.response().setStatusCode(a.code()).putHeader("Content-Type", "application/json").end(a.statusJson());
                return;
            }
        }
        request.pause();
        RequestOptions options = new RequestOptions().setMethod(request.method()).setAbsoluteURI(target + request.uri());
        request.headers().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("Host")) {
                options.addHeader(h.getKey(), h.getValue());
            }
        });
        client.request(options).compose(out -> out.send(request)).onSuccess(in -> {
            HttpServerResponse response = request.response().setStatusCode(in.statusCode());
            for (Map.Entry<String, String> h : in.headers()) {
                if (!h.getKey().equalsIgnoreCase("Transfer-Encoding") && !h.getKey().equalsIgnoreCase("Connection")) {
                    response.putHeader(h.getKey(), h.getValue());
                }
            }
            if (in.getHeader("Content-Length") == null) {
                response.setChunked(true);
                streaming.add(request.connection());
                streams.add(response);
            }
            in.pipeTo(response);
        }).onFailure(e -> request.response().setStatusCode(502).end());
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
