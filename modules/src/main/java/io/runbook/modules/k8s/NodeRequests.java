package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.runbook.engine.module.ModuleException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What kubernetes.core's {@code k8s_drain} and {@code k8s_taint} ask of a node, with their failures as they word them:
 * read it, and patch its {@code spec} (the strategic merge patch python-kubernetes sends for {@code patch_node}).
 */
final class NodeRequests {
    static final ResourceDefinitionContext NODES = CoreKinds.find("v1", "Node").orElseThrow();
    private static final String STRATEGIC_MERGE = "application/strategic-merge-patch+json";

    private final ClusterConnection conn;
    private final String name;

    NodeRequests(ClusterConnection conn, String name) {
        this.conn = conn;
        this.name = name;
    }

    /** The node; {@code notFound} is the module's failure when there is none. */
    Map<String, Object> read(String notFound, boolean check) throws ModuleException {
        Map<String, Object> node;
        try {
            node = conn.get(NODES, null, name, check);
        } catch (KubernetesClientException e) {
            if (ApiFailure.isConnectivity(e)) {
                throw e;
            }
            throw new ModuleException("Failed to retrieve node '" + name + "' due to: " + reason(e), e);
        }
        if (node == null) {
            throw new ModuleException(notFound);
        }
        return node;
    }

    /** Patches the node's {@code spec} with {@code fields}; the node as the server answered. */
    Map<String, Object> patchSpec(Map<String, Object> fields) throws ModuleException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("spec", fields);
        try {
            return conn.requests().write("PATCH", STRATEGIC_MERGE, NODES, null, name, body, false);
        } catch (KubernetesClientException e) {
            if (ApiFailure.isConnectivity(e)) {
                throw e;
            }
            throw new ModuleException("Failed to patch node due to: (" + e.getCode() + ") Reason: " + reason(e)
                    + (e.getStatus() == null || e.getStatus().getMessage() == null ? "" : ": " + e.getStatus().getMessage()), e);
        }
    }

    /** The HTTP reason phrase python-kubernetes reports as an ApiException's reason. */
    static String reason(KubernetesClientException e) {
        return switch (e.getCode()) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            default -> e.getStatus() != null && e.getStatus().getReason() != null ? e.getStatus().getReason() : ApiFailure.describe(e);
        };
    }
}
