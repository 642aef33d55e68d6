package io.runbook.modules.k8s;

import java.util.Map;

/** Which object a manifest or result names. {@code namespace} is null for cluster-scoped objects. */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {
    @SuppressWarnings("unchecked")
    public static ObjectRef of(Map<String, Object> object) {
        Map<String, Object> metadata = (Map<String, Object>) object.getOrDefault("metadata", Map.of());
        return new ObjectRef(str(object.get("apiVersion")), str(object.get("kind")),
                str(metadata.get("namespace")), str(metadata.get("name")));
    }

    /** {@code Secret istio-system/otel-token}, or {@code Namespace tsb} when cluster-scoped. */
    public String label() {
        return kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }

    private static String str(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
