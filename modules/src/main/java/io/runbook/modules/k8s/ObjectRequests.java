package io.runbook.modules.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.internal.OperationSupport;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One named object's GET, server-side apply and DELETE as single HTTP requests on the cluster client's own HTTP
 * client (its credentials, TLS, token refresh and retries apply), the requests fabric8's resource DSL sends for them
 * with the same bodies and the same exceptions on failure ({@link KubernetesClientException} with the server's
 * Status, a 404 read as absent), without the DSL's work around each request: an operation object per call, the URL
 * joined through regular expressions and {@code java.net.URI}, and a time-out scheduled on fabric8's timer and
 * cancelled with a stack-traced exception when the answer comes (here the waiting fork's own timed wait is the
 * limit). A rotation over a thousand clusters sends 12 000 of these. A GET's and an apply's answer are read, and the
 * apply's body written, in one pass between the bytes and the map form the modules work on ({@link ObjectJson}),
 * without fabric8's model of the object in between.
 */
final class ObjectRequests {
    private static final String DELETE_BACKGROUND = "{\"apiVersion\":\"v1\",\"kind\":\"DeleteOptions\",\"propagationPolicy\":\"Background\"}";
    private static final String DELETE_BACKGROUND_DRY_RUN =
            "{\"apiVersion\":\"v1\",\"kind\":\"DeleteOptions\",\"dryRun\":[\"All\"],\"propagationPolicy\":\"Background\"}";
    private static final String APPLY_PATCH = "application/apply-patch+yaml";
    private static final String JSON = "application/json";
    /** Reads the first answers of a cluster as JSON trees, to see whether they prove the server a Kubernetes API. */
    private static final ObjectMapper PROBE = new ObjectMapper();

    /**
     * Whether the server is known to be a Kubernetes API ({@link ClusterConnection#provenByFirstAnswer}): until it is,
     * each answer either proves it or has the connection's check run before the answer is read.
     */
    interface ApiCheck {
        /** Known to be a Kubernetes API (checked, or proved by an answer). */
        boolean known();

        /** An answer proved it. */
        void proven();

        /** Runs the connection's check now; throws {@link ClusterConnection.Unusable} when the server is not one. */
        void require();
    }

    private final HttpClient http;
    private final KubernetesSerialization json;
    private final String base;
    private final long limitMillis;
    private final ApiCheck check;

    /** Requests on {@code http} to the API server at {@code masterUrl}, their bodies read and written with {@code json}. */
    ObjectRequests(HttpClient http, String masterUrl, KubernetesSerialization json, Duration requestTimeout, ApiCheck check) {
        this.http = http;
        this.json = json;
        this.check = check;
        String url = masterUrl;
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        // what fabric8 allows one attempt: the request time-out plus as much again, at most 5 s more
        long limit = requestTimeout.toMillis();
        this.limitMillis = limit + Math.min(limit, 5_000);
    }

    /** The object as a tree of maps ({@link ObjectJson}), or null when the server has none by that name (404). */
    Map<String, Object> get(ResourceDefinitionContext kind, String namespace, String name) {
        HttpRequest request = http().newHttpRequestBuilder().uri(url(kind, namespace, name, "")).build();
        byte[] body = send(request, true, kind);
        return body == null ? null : read(request, body);
    }

    /**
     * Server-side apply of {@code object} (a manifest with its name and namespace settled, {@link ObjectApply#cleaned});
     * what the server stored (or would), as a tree of maps. The body is written from the map ({@link ObjectJson#write}).
     */
    Map<String, Object> apply(ResourceDefinitionContext kind, String namespace, String name, Map<String, Object> object,
                              String fieldManager, boolean force, boolean dryRun) {
        // the query fabric8 builds for a server-side apply: force (when asked), dryRun, fieldManager
        String query = (force ? "?force=true" : "") + (dryRun ? (force ? "&" : "?") + "dryRun=All" : "")
                + (force || dryRun ? "&" : "?") + "fieldManager=" + encode(fieldManager == null ? "fabric8" : fieldManager);
        String body = ObjectJson.write(object, json);
        HttpRequest request = http().newHttpRequestBuilder().patch(APPLY_PATCH, body).uri(url(kind, namespace, name, query)).build();
        return read(request, send(request, false, kind));
    }

    /**
     * Deletes the object (background propagation, as fabric8's delete; a dry run says so in the query and the body, as
     * fabric8 does); false when there was none (404).
     */
    boolean delete(ResourceDefinitionContext kind, String namespace, String name, boolean dryRun) {
        return send(deleteRequest(kind, namespace, name, dryRun), true, kind) != null;
    }

    /**
     * A write kubernetes.core's {@code k8s} sends besides an apply: {@code POST} (create, to the kind's collection:
     * {@code name} is null), {@code PUT} (replace) or {@code PATCH} with {@code contentType} (a strategic-merge, merge
     * or JSON patch); {@code body} is the object or patch, sent as JSON. What the server stored (or would: a dry run).
     */
    Map<String, Object> write(String method, String contentType, ResourceDefinitionContext kind, String namespace, String name,
                              Object body, boolean dryRun) {
        String query = dryRun ? "?dryRun=All" : "";
        String uri = name == null ? collectionUrl(kind, namespace, query) : url(kind, namespace, name, query);
        String text = body instanceof Map<?, ?> m ? ObjectJson.write(stringKeyed(m), json) : json.asJson(body);
        HttpRequest.Builder builder = http().newHttpRequestBuilder().uri(uri);
        HttpRequest request = switch (method) {
            case "POST" -> builder.post(JSON, text).build();
            case "PUT" -> builder.put(JSON, text).build();
            default -> builder.patch(contentType, text).build();
        };
        return read(request, send(request, false, kind));
    }

    /**
     * Deletes the object with {@code options} (kubernetes.core's {@code delete_options}: propagationPolicy,
     * gracePeriodSeconds, preconditions) in the DeleteOptions body; the server's answer (the object, or a Status), or
     * null when there was none (404).
     */
    Map<String, Object> delete(ResourceDefinitionContext kind, String namespace, String name, Map<String, Object> options, boolean dryRun) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("apiVersion", "v1");
        body.put("kind", "DeleteOptions");
        body.put("propagationPolicy", "Background");
        body.putAll(options);
        if (dryRun) {
            body.put("dryRun", java.util.List.of("All"));
        }
        HttpRequest request = http().newHttpRequestBuilder().delete(JSON, json.asJson(body))
                .uri(url(kind, namespace, name, dryRun ? "?dryRun=All" : "")).build();
        byte[] answer = send(request, true, kind);
        return answer == null ? null : read(request, answer);
    }

    /**
     * A merge patch of one of the object's subresources ({@code scale}: kubernetes.core's {@code k8s_scale}); the
     * subresource as the server answered (an {@code autoscaling/v1 Scale}). Fails as {@link #write} does.
     */
    Map<String, Object> patchSubresource(ResourceDefinitionContext kind, String namespace, String name, String subresource,
                                         Map<String, Object> patch) {
        HttpRequest request = http().newHttpRequestBuilder().patch("application/merge-patch+json", ObjectJson.write(patch, json))
                .uri(url(kind, namespace, name, "/" + subresource)).build();
        return read(request, send(request, false, kind));
    }

    /**
     * A POST to one of the object's subresources ({@code eviction}: kubernetes.core's {@code k8s_drain}); the server's
     * answer (a {@code Status}). Fails as {@link #write} does (a 404 too).
     */
    Map<String, Object> postSubresource(ResourceDefinitionContext kind, String namespace, String name, String subresource,
                                        Map<String, Object> body) {
        HttpRequest request = http().newHttpRequestBuilder().post(JSON, ObjectJson.write(body, json))
                .uri(url(kind, namespace, name, "/" + subresource)).build();
        return read(request, send(request, false, kind));
    }

    /**
     * A pod's log ({@code pods/NAME/log}) with {@code query} (container, sinceSeconds, previous, tailLines: each sent as
     * given), as the text the server answered; null when there is no such pod (404).
     */
    String podLog(String namespace, String pod, Map<String, String> query) {
        ResourceDefinitionContext pods = CoreKinds.find("v1", "Pod").orElseThrow();
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> q.append(q.length() == 0 ? '?' : '&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = http().newHttpRequestBuilder().uri(collection(pods, namespace).append('/').append(encode(pod)).append("/log")
                .append(q).toString()).build();
        byte[] body = send(request, true, pods);
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeyed(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /** Reads an answer's body: what it throws is the request's failure. */
    interface AnswerReader<T> {
        T read(byte[] body) throws IOException;
    }

    /**
     * Deletes the object as {@link #delete} does and returns the API server's answer read by {@code reader} (the
     * object's last state, or a Status from some servers), or null when there was none (404).
     */
    <T> T delete(ResourceDefinitionContext kind, String namespace, String name, AnswerReader<T> reader) {
        HttpRequest request = deleteRequest(kind, namespace, name, false);
        byte[] body = send(request, true, kind);
        if (body == null) {
            return null;
        }
        try {
            return reader.read(body);
        } catch (IOException | RuntimeException e) {
            throw OperationSupport.requestException(request, e, null);
        }
    }

    private HttpRequest deleteRequest(ResourceDefinitionContext kind, String namespace, String name, boolean dryRun) {
        return http().newHttpRequestBuilder().delete(JSON, dryRun ? DELETE_BACKGROUND_DRY_RUN : DELETE_BACKGROUND)
                .uri(url(kind, namespace, name, dryRun ? "?dryRun=All" : "")).build();
    }

    private HttpClient http() {
        return http;
    }

    private String url(ResourceDefinitionContext kind, String namespace, String name, String query) {
        return collection(kind, namespace).append('/').append(encode(name)).append(query).toString();
    }

    /** The URL of a kind's objects in {@code namespace} (all namespaces when null), with {@code query} appended. */
    String collectionUrl(ResourceDefinitionContext kind, String namespace, String query) {
        return collection(kind, namespace).append(query).toString();
    }

    private StringBuilder collection(ResourceDefinitionContext kind, String namespace) {
        StringBuilder url = new StringBuilder(base.length() + 96).append(base);
        String group = kind.getGroup();
        if (group == null || group.isEmpty()) {
            url.append("/api/").append(kind.getVersion());
        } else {
            url.append("/apis/").append(group).append('/').append(kind.getVersion());
        }
        if (kind.isNamespaceScoped() && namespace != null) {
            url.append("/namespaces/").append(encode(namespace));
        }
        return url.append('/').append(kind.getPlural());
    }

    /** A name or namespace as a path segment: Kubernetes names need no escaping; anything else is percent-encoded. */
    static String encode(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == ':')) {
                return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
            }
        }
        return segment;
    }

    /**
     * The answer's body when it is a success, null for a 404 when {@code absentOk}; else the request's failure. Until
     * the server is known to be a Kubernetes API, an answer that does not prove it (see {@link #provesApi}) has the
     * connection's check run first, and so does a failure other than no answer at all (refused, timed out: the host is
     * unreachable either way, and the check would only wait as long again).
     */
    private byte[] send(HttpRequest request, boolean absentOk, ResourceDefinitionContext kind) {
        CompletableFuture<HttpResponse<byte[]>> sent = http().sendAsync(request, byte[].class);
        HttpResponse<byte[]> response;
        try {
            response = sent.get(limitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            throw KubernetesClientException.launderThrowable(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (!check.known() && !ApiFailure.isConnectivity(cause)) {
                check.require();
            }
            if (cause instanceof KubernetesClientException k) {
                throw k.copyAsCause();
            }
            throw OperationSupport.requestException(request, cause, null);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw OperationSupport.requestException(request, e, null);
        }
        if (!check.known()) {
            if (provesApi(response, kind)) {
                check.proven();
            } else {
                check.require();
            }
        }
        if (response.isSuccessful()) {
            return response.body() == null ? new byte[0] : response.body();
        }
        if (absentOk && response.code() == 404) {
            return null;
        }
        throw OperationSupport.requestFailure(request, OperationSupport.createStatus(response, json));
    }

    /**
     * Whether an answer is one only a Kubernetes API gives: a JSON object of the kind asked for (a GET's, an apply's or
     * a delete's answer), or the API's JSON {@code Status} saying NotFound. A web server's page, a proxy's error or an
     * API's other errors prove nothing (an unauthorised answer may come from anything in front of the API).
     */
    private static boolean provesApi(HttpResponse<byte[]> response, ResourceDefinitionContext kind) {
        if (!response.isSuccessful() && response.code() != 404 || response.body() == null) {
            return false;
        }
        JsonNode doc;
        try {
            doc = PROBE.readTree(response.body());
        } catch (IOException e) {
            return false;
        }
        if (doc == null || !doc.isObject()) {
            return false;
        }
        String answered = doc.path("kind").asText("");
        return response.isSuccessful() ? answered.equals(kind.getKind())
                : answered.equals("Status") && doc.path("reason").asText("").equals("NotFound");
    }

    /** An object's answer read in one pass ({@link ObjectJson}); an unreadable one is the request's failure. */
    private static Map<String, Object> read(HttpRequest request, byte[] body) {
        try {
            return ObjectJson.read(body);
        } catch (IOException | RuntimeException e) {
            throw OperationSupport.requestException(request, e, null);
        }
    }
}
