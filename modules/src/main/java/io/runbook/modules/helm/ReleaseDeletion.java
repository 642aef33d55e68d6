package io.runbook.modules.helm;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.runbook.engine.module.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@code state: absent} with {@code wait}: after Helm uninstalls, waits (with fabric8's watches) until every
 * object of the release's manifest is really gone, so that a following install does not meet objects that
 * are still terminating.
 */
final class ReleaseDeletion {
    private ReleaseDeletion() {
    }

    /** The objects still present when the time ran out; empty when all are gone. */
    static List<String> await(KubernetesClient client, String namespace, String manifest, Duration timeout, Progress progress) {
        long end = System.nanoTime() + timeout.toNanos();
        List<Map<String, Object>> objects = ReleaseManifest.objects(manifest);
        List<String> left = new ArrayList<>();
        int gone = 0;
        for (Map<String, Object> o : objects) {
            String label = o.get("kind") + " " + name(o);
            long remaining = Math.max(0, end - System.nanoTime());
            progress.update(namespace + ": " + gone + "/" + objects.size() + " objects deleted — waiting: " + label);
            try {
                var resource = client.genericKubernetesResources(String.valueOf(o.get("apiVersion")), String.valueOf(o.get("kind")));
                String ns = namespaceOf(o, namespace);
                var one = ns == null ? resource.withName(name(o)) : resource.inNamespace(ns).withName(name(o));
                if (one.get() != null) {
                    one.waitUntilCondition(Objects::isNull, Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)), TimeUnit.MILLISECONDS);
                }
                gone++;
            } catch (RuntimeException e) {
                left.add(label);
            }
        }
        return left;
    }

    private static String name(Map<String, Object> o) {
        return o.get("metadata") instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : "?";
    }

    /** The object's namespace, the release's for namespaced objects that name none, null for cluster-scoped kinds. */
    private static String namespaceOf(Map<String, Object> o, String releaseNamespace) {
        if (o.get("metadata") instanceof Map<?, ?> m && m.get("namespace") != null) {
            return String.valueOf(m.get("namespace"));
        }
        return CLUSTER_SCOPED.contains(String.valueOf(o.get("kind"))) ? null : releaseNamespace;
    }

    private static final List<String> CLUSTER_SCOPED = List.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "IngressClass");
}
