package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.runbook.engine.module.ModuleException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns a client failure into what the user should see: a cluster that cannot be reached makes the host
 * unreachable (address and cause in one line); an API error fails the task with the server's message.
 */
public final class ApiFailure {
    private ApiFailure() {
    }

    public static ModuleException translate(ClusterConnection conn, RuntimeException e) {
        Throwable root = rootCause(e);
        if (isConnectivity(e)) {
            return ModuleException.unreachable("cannot reach the Kubernetes API at " + conn.apiAddress()
                    + " (" + conn.target().describe() + "): " + describe(root), e);
        }
        if (e instanceof KubernetesClientException k && k.getCode() > 0) {
            String message = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage() : k.getMessage();
            return new ModuleException("Kubernetes API at " + conn.apiAddress() + " answered " + k.getCode() + ": " + message, e);
        }
        return new ModuleException("Kubernetes API at " + conn.apiAddress() + ": " + describe(root), e);
    }

    /** Whether the failure means the API server could not be talked to at all. */
    static boolean isConnectivity(Throwable e) {
        if (e instanceof KubernetesClientException k && (k.getCode() == 503 || k.getCode() == 502 || k.getCode() == 504)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException || t instanceof ClosedChannelException || t instanceof SSLException
                    || t instanceof TimeoutException || t.getClass().getName().endsWith("ConnectTimeoutException")
                    || t.getClass().getName().endsWith("HttpClosedException")
                    || (t instanceof IOException && t.getMessage() != null && t.getMessage().contains("Connection reset"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        String name = t.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return name;
        }
        return message.lines().findFirst().orElse(message).trim();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
