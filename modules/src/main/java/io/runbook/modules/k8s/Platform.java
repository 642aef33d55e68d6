package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.Node;
import java.util.List;
import java.util.Map;

/** Which Kubernetes distribution a cluster is, from its version string, API groups and (when read) its nodes. */
final class Platform {
    private Platform() {
    }

    static String of(String gitVersion, List<String> apiGroups) {
        String v = gitVersion == null ? "" : gitVersion.toLowerCase();
        if (apiGroups.contains("config.openshift.io") || apiGroups.contains("route.openshift.io")) {
            return "openshift";
        }
        for (String p : List.of("eks", "gke", "k3s", "rke2", "aks")) {
            if (v.contains("-" + p) || v.contains("+" + p)) {
                return p;
            }
        }
        return "kubernetes";
    }

    /** The provider IDs of nodes name the cloud (aws://, gce://, azure://, kind://). */
    static String refine(String platform, List<Node> nodes) {
        if (!platform.equals("kubernetes")) {
            return platform;
        }
        Map<String, String> byScheme = Map.of("aws", "eks", "gce", "gke", "azure", "aks", "kind", "kind");
        for (Node n : nodes) {
            String id = n.getSpec() == null ? null : n.getSpec().getProviderID();
            if (id != null && id.contains("://")) {
                String found = byScheme.get(id.substring(0, id.indexOf("://")));
                if (found != null) {
                    return found;
                }
            }
        }
        return platform;
    }
}
