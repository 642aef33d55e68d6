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

    /**
     * The failure of one object's apply or delete, naming the object and, where it can, the fix; a
     * connectivity failure is returned unchanged so the host becomes unreachable.
     */
    static RuntimeException forObject(ObjectRef ref, KubernetesClientException e, boolean forced) {
        if (isConnectivity(e)) {
            return e;
        }
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : describe(e);
        String hint = switch (e.getCode()) {
            case 404 -> ref.namespace() == null ? "" : "; does namespace " + ref.namespace() + " exist? (a Namespace object earlier in the same task creates it)";
            case 409 -> forced ? "" : "; another field manager owns these fields: set force_conflicts: true to take them over";
            case 403 -> "; the kubeconfig's user may not change this object";
            default -> "";
        };
        return new ObjectFailure(ref.label() + ": the API answered " + e.getCode() + ": " + message + hint, e);
    }

    /** An object-level failure whose message is complete as it is. */
    static final class ObjectFailure extends RuntimeException {
        ObjectFailure(String message, Throwable cause) {
            super(message, cause);
        }
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
