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
        if (e instanceof ApiLost lost) {
            return ModuleException.unreachable("lost the Kubernetes API at " + conn.apiAddress() + " (" + conn.target().describe()
                    + ") while waiting: " + lost.getMessage(), e);
        }
        if (isConnectivity(e)) {
            String why = e instanceof KubernetesClientException k && k.getCode() > 0 ? answered(k) : describe(root);
            return ModuleException.unreachable("cannot reach the Kubernetes API at " + conn.apiAddress()
                    + " (" + conn.target().describe() + "): " + why, e);
        }
        if (e instanceof KubernetesClientException k && k.getCode() > 0) {
            return new ModuleException("Kubernetes API at " + conn.apiAddress() + " " + answered(k), e);
        }
        return new ModuleException("Kubernetes API at " + conn.apiAddress() + ": " + describe(root), e);
    }

    /**
     * An HTTP error answer as one line: the status code, the reason and the server's own message, never the
     * client's dump of the whole Status object.
     */
    static String answered(KubernetesClientException k) {
        io.fabric8.kubernetes.api.model.Status status = k.getStatus();
        String reason = status == null || status.getReason() == null || status.getReason().isBlank() ? "" : " " + status.getReason();
        String message = status != null && status.getMessage() != null && !status.getMessage().isBlank() ? status.getMessage() : null;
        if (message == null) {
            message = k.getMessage() == null ? "" : k.getMessage().replaceAll("(?s)\\s*Received status: Status\\(.*", "");
        }
        message = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        message = message.length() > 200 ? message.substring(0, 200) + "…" : message;
        return "answered HTTP " + k.getCode() + reason + (message.isEmpty() ? "" : ": " + message);
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
    public static boolean isConnectivity(Throwable e) {
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
