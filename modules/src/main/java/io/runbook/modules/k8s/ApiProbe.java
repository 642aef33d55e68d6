package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One plain GET to a cluster's API server through the client's own HTTP client (so its credentials and TLS
 * apply), with a time limit of its own: what a health check needs, where fabric8's typed calls would turn a
 * 404 or an HTML page into something else.
 */
final class ApiProbe {
    /** The answer: HTTP status, body (may be empty) and content type (may be null). */
    record Answer(int code, String body, String contentType) {
        boolean json() {
            return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("json");
        }

        /** The server's message (of a Kubernetes Status) or the start of the body, on one line, for messages. */
        String bodyExcerpt() {
            String line = body == null ? "" : body.strip();
            if (json()) {
                try {
                    com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
                    if (doc != null && doc.path("message").isTextual()) {
                        line = doc.path("message").asText();
                    }
                } catch (java.io.IOException notJson) {
                    // keep the text as it is
                }
            }
            line = line.replaceAll("\\s+", " ");
            return line.length() > 80 ? line.substring(0, 80) + "…" : line;
        }
    }

    private ApiProbe() {
    }

    /**
     * GETs {@code path} (such as {@code /version}). A server that cannot be talked to at all (refused, reset,
     * timed out after {@code limit}) is a {@link KubernetesClientException} whose cause says why, so
     * {@link ApiFailure#isConnectivity} recognises it.
     */
    static Answer get(ClusterConnection conn, String path, Duration limit) throws InterruptedException {
        return await(send(conn.http(), conn.config().getMasterUrl(), path, limit), path, limit);
    }

    /** Sends the GET; {@link #await} reads its answer. */
    static CompletableFuture<HttpResponse<String>> send(HttpClient http, String base, String path, Duration limit) {
        String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
        var request = http.newHttpRequestBuilder().uri(url).timeout(limit.toMillis(), TimeUnit.MILLISECONDS).build();
        return http.sendAsync(request, String.class);
    }

    /** The answer of a {@link #send}, as {@link #get} describes it. */
    static Answer await(CompletableFuture<HttpResponse<String>> sent, String path, Duration limit) throws InterruptedException {
        try {
            HttpResponse<String> r = sent.get(limit.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return new Answer(r.code(), r.body(), r.header("Content-Type"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new KubernetesClientException("GET " + path + " failed: " + ApiFailure.describe(cause), cause);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new KubernetesClientException("GET " + path + " got no answer within " + limit.toSeconds() + " s", e);
        }
    }
}
