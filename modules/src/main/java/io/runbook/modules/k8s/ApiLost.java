package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The API server stopped answering while a task waited on it (a watch closed or went silent and fresh
 * requests failed): the host is unreachable, with this message after the server's address.
 */
public final class ApiLost extends KubernetesClientException {
    public ApiLost(String message, Throwable cause) {
        super(message, cause);
    }
}
