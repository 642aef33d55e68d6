package io.runbook.modules.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether the server a kubeconfig points at is a Kubernetes API at all, asked once per cluster per run before
 * the first module call: any web server answers 404 for an object, which would otherwise read as "not found"
 * ({@code api_found: false}, a Secret "absent") and pass for a healthy cluster. A Kubernetes API lists its core
 * resources at {@code GET /api/v1}: the discovery every module needs first anyway, kept for the run. Only when that
 * list is missing is {@code GET /version} asked too, to say what the server is instead (a web server's 404 page);
 * a healthy cluster so costs one request here, not two (a run over a thousand clusters sends a thousand fewer).
 * {@code k8s_apply} asks it only when its first answer does not already prove the same
 * ({@link ClusterConnection#provenByFirstAnswer}).
 */
final class ApiIdentity {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiIdentity() {
    }

    /**
     * Why the server is not a Kubernetes API, or empty when it is (or cannot be told, because it asks for
     * credentials: then the module's own request reports that). Throws {@link KubernetesClientException} when
     * the server cannot be talked to at all.
     */
    static Optional<String> problem(ClusterConnection conn, Discovery discovery, Duration limit) throws InterruptedException {
        String coreProblem = null;
        try {
            if (!discovery.coreResources().isEmpty()) {
                return Optional.empty();
            }
        } catch (KubernetesClientException e) {
            if (ApiFailure.isConnectivity(e) || e.getCode() == 401 || e.getCode() == 403) {
                throw e;
            }
            coreProblem = e.getCode() > 0 ? "answered " + e.getCode() : ApiFailure.describe(e);
        } catch (RuntimeException e) {
            coreProblem = "answered with something other than Kubernetes discovery (" + ApiFailure.describe(e) + ")";
        }
        ApiProbe.Answer answer = ApiProbe.get(conn, "/version", limit);
        if (answer.code() == 401 || answer.code() == 403) {
            return Optional.empty();
        }
        if (answer.code() != 200 || !isVersion(answer)) {
            String body = answer.bodyExcerpt();
            return Optional.of("GET /version answered " + answer.code() + (answer.contentType() == null ? "" : " " + answer.contentType())
                    + (body.isEmpty() ? "" : " (" + body + ")") + " instead of the server's Kubernetes version");
        }
        return Optional.of("GET /api/v1 " + (coreProblem == null ? "lists no resources" : coreProblem)
                + " instead of the core API's resources");
    }

    private static boolean isVersion(ApiProbe.Answer answer) {
        try {
            JsonNode doc = JSON.readTree(answer.body() == null ? "" : answer.body());
            return doc != null && doc.path("gitVersion").isTextual() && doc.path("major").isTextual();
        } catch (IOException e) {
            return false;
        }
    }
}
