package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The latest Warning event of each pod, as {@code kubectl describe pod} shows it (for example
 * {@code FailedMount: MountVolume.SetUp failed for volume "xcp-central-auth-jwt" : secret
 * "xcp-edge-central-auth-token" not found}). Read once, when a wait has failed.
 */
final class PodWarnings {
    private PodWarnings() {
    }

    /** Pod name → {@code reason: message} of its latest Warning; empty when events cannot be read. */
    static Map<String, String> latest(ClusterConnection conn, String namespace, Set<String> pods) {
        Map<String, String> out = new HashMap<>();
        if (pods.isEmpty()) {
            return out;
        }
        try {
            conn.client().v1().events().inNamespace(namespace).list().getItems().stream()
                    .filter(e -> "Warning".equals(e.getType()) && e.getInvolvedObject() != null
                            && "Pod".equals(e.getInvolvedObject().getKind()) && pods.contains(e.getInvolvedObject().getName()))
                    .sorted(Comparator.comparing(PodWarnings::time))
                    .forEach(e -> out.put(e.getInvolvedObject().getName(), e.getReason() + ": " + e.getMessage()));
        } catch (KubernetesClientException e) {
            if (ApiFailure.isConnectivity(e)) {
                throw e;
            }
            // events are an extra: the readiness report stands without them
        }
        return out;
    }

    private static String time(Event e) {
        return Objects.requireNonNullElse(e.getLastTimestamp(), Objects.requireNonNullElse(e.getEventTime() == null ? null : e.getEventTime().getTime(), ""));
    }
}
