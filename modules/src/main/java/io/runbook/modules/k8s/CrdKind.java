package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kind a CustomResourceDefinition object defines, read from its spec (group, names, scope, versions), as
 * the API server would serve it once the CRD is established.
 */
final class CrdKind {
    private CrdKind() {
    }

    /**
     * The kind {@code crd} defines, when it is {@code kind} (case-insensitive) and, with an {@code apiVersion},
     * served in that group/version; without one, in its storage version (else its first).
     */
    static Optional<ResourceDefinitionContext> of(Map<String, Object> crd, String apiVersion, String kind) {
        String group = text(crd, "spec.group");
        String defined = text(crd, "spec.names.kind");
        String plural = text(crd, "spec.names.plural");
        if (group == null || defined == null || plural == null || !defined.equalsIgnoreCase(kind)) {
            return Optional.empty();
        }
        List<String> versions = versions(crd);
        String version;
        if (apiVersion != null) {
            int slash = apiVersion.indexOf('/');
            if (slash < 0 || !apiVersion.substring(0, slash).equals(group) || !versions.contains(apiVersion.substring(slash + 1))) {
                return Optional.empty();
            }
            version = apiVersion.substring(slash + 1);
        } else if (!versions.isEmpty()) {
            version = versions.get(0);
        } else {
            return Optional.empty();
        }
        return Optional.of(new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(defined)
                .withPlural(plural).withNamespaced(!"Cluster".equals(text(crd, "spec.scope"))).build());
    }

    /** The served versions, the storage version first. */
    private static List<String> versions(Map<String, Object> crd) {
        List<String> out = new ArrayList<>();
        if (FieldPath.read(crd, "spec.versions").orElse(null) instanceof List<?> list) {
            for (Object v : list) {
                if (v instanceof Map<?, ?> m && m.get("name") != null && !Boolean.FALSE.equals(m.get("served"))) {
                    if (Boolean.TRUE.equals(m.get("storage"))) {
                        out.add(0, String.valueOf(m.get("name")));
                    } else {
                        out.add(String.valueOf(m.get("name")));
                    }
                }
            }
        }
        String legacy = text(crd, "spec.version");
        if (legacy != null && !out.contains(legacy)) {
            out.add(legacy);
        }
        return out;
    }

    private static String text(Map<String, Object> crd, String path) {
        return FieldPath.read(crd, path).map(String::valueOf).orElse(null);
    }
}
