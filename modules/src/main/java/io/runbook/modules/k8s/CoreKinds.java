package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds of the core API group ({@code apiVersion: v1}) that every Kubernetes API server serves, with their
 * plural and scope: what {@code GET /api/v1} would say of them. The core group is frozen (its kinds are never
 * renamed, re-scoped or removed), so asking each cluster for its list before the first Secret or ConfigMap adds a
 * request and a few kilobytes of JSON per cluster and tells nothing new; over a thousand clusters it was one of the
 * fourteen requests of a token rotation. Kinds not listed here (and every other group) are still asked for.
 */
final class CoreKinds {
    /** Kind → plural, and whether it is namespaced. */
    private record Entry(String kind, String plural, boolean namespaced) {
    }

    private static final Map<String, Entry> BY_LOWER_KIND = Map.ofEntries(
            entry("ConfigMap", "configmaps", true),
            entry("Endpoints", "endpoints", true),
            entry("Event", "events", true),
            entry("LimitRange", "limitranges", true),
            entry("Namespace", "namespaces", false),
            entry("Node", "nodes", false),
            entry("PersistentVolume", "persistentvolumes", false),
            entry("PersistentVolumeClaim", "persistentvolumeclaims", true),
            entry("Pod", "pods", true),
            entry("PodTemplate", "podtemplates", true),
            entry("ReplicationController", "replicationcontrollers", true),
            entry("ResourceQuota", "resourcequotas", true),
            entry("Secret", "secrets", true),
            entry("Service", "services", true),
            entry("ServiceAccount", "serviceaccounts", true));

    private CoreKinds() {
    }

    /**
     * The resource of {@code apiVersion}/{@code kind} when it is one of these core kinds (matched as discovery
     * matches kinds: exactly, else ignoring case), as {@link Discovery} would make it from the server's list.
     */
    static Optional<ResourceDefinitionContext> find(String apiVersion, String kind) {
        if (!"v1".equals(apiVersion) || kind == null) {
            return Optional.empty();
        }
        Entry e = BY_LOWER_KIND.get(kind.toLowerCase(Locale.ROOT));
        if (e == null) {
            return Optional.empty();
        }
        return Optional.of(ResourceDefinitionContext.fromApiResource("v1", new APIResourceBuilder().withKind(e.kind())
                .withName(e.plural()).withNamespaced(e.namespaced()).build()));
    }

    private static Map.Entry<String, Entry> entry(String kind, String plural, boolean namespaced) {
        return Map.entry(kind.toLowerCase(Locale.ROOT), new Entry(kind, plural, namespaced));
    }
}
