package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Which kinds a cluster serves, asked once per group/version and kept for the run. A kind that is not
 * found is asked again once (its CRD may have been created since), so CRDs applied during the run work.
 */
public final class Discovery {
    private final Supplier<KubernetesClient> client;
    private final Map<String, List<APIResource>> byGroupVersion = new ConcurrentHashMap<>();
    private volatile List<String> preferredGroupVersions;

    /** {@code client}: the cluster's fabric8 client, asked for only when discovery sends a request. */
    Discovery(Supplier<KubernetesClient> client) {
        this.client = client;
    }

    /** The resource for {@code apiVersion}/{@code kind}, or empty when the cluster does not serve it. */
    public Optional<ResourceDefinitionContext> resolve(String apiVersion, String kind) {
        Optional<ResourceDefinitionContext> found = find(resources(apiVersion, false), apiVersion, kind);
        return found.isPresent() ? found : find(resources(apiVersion, true), apiVersion, kind);
    }

    /** The resource for a kind in whichever group serves it, core ({@code v1}) first. */
    public Optional<ResourceDefinitionContext> resolveKind(String kind) {
        Optional<ResourceDefinitionContext> core = resolve("v1", kind);
        if (core.isPresent()) {
            return core;
        }
        for (boolean refresh : new boolean[] {false, true}) {
            for (String gv : preferredGroupVersions(refresh)) {
                Optional<ResourceDefinitionContext> hit = find(resources(gv, refresh), gv, kind);
                if (hit.isPresent()) {
                    return hit;
                }
            }
        }
        return Optional.empty();
    }

    /** The core group's resources ({@code /api/v1}), asked once and kept like every group's. */
    List<APIResource> coreResources() {
        return resources("v1", false);
    }

    private Optional<ResourceDefinitionContext> find(List<APIResource> resources, String apiVersion, String kind) {
        return resources.stream()
                .filter(r -> !r.getName().contains("/"))
                .filter(r -> r.getKind().equals(kind) || r.getKind().equalsIgnoreCase(kind))
                .findFirst()
                .map(r -> ResourceDefinitionContext.fromApiResource(apiVersion, r));
    }

    private List<APIResource> resources(String groupVersion, boolean refresh) {
        if (refresh) {
            byGroupVersion.remove(groupVersion);
        }
        return byGroupVersion.computeIfAbsent(groupVersion, gv -> {
            try {
                APIResourceList list = client.get().getApiResources(gv);
                return list == null || list.getResources() == null ? List.of() : List.copyOf(list.getResources());
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return List.of();
                }
                throw e;
            }
        });
    }

    /** The API groups the cluster serves (asked once per run, shared with kind resolution). */
    public List<String> apiGroups() {
        return preferredGroupVersions(false).stream().map(gv -> gv.contains("/") ? gv.substring(0, gv.indexOf('/')) : gv)
                .distinct().toList();
    }

    private List<String> preferredGroupVersions(boolean refresh) {
        List<String> cached = preferredGroupVersions;
        if (cached != null && !refresh) {
            return cached;
        }
        APIGroupList groups = client.get().getApiGroups();
        List<String> out = new ArrayList<>();
        if (groups != null && groups.getGroups() != null) {
            for (APIGroup g : groups.getGroups()) {
                if (g.getPreferredVersion() != null) {
                    out.add(g.getPreferredVersion().getGroupVersion());
                } else if (g.getVersions() != null && !g.getVersions().isEmpty()) {
                    out.add(g.getVersions().get(0).getGroupVersion());
                }
            }
        }
        preferredGroupVersions = List.copyOf(out);
        return preferredGroupVersions;
    }
}
