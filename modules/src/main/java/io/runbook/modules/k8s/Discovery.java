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
    private volatile List<String> groupVersions = List.of();

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

    /**
     * The resource for a kind by an api_version without a group ({@code v1}), as kubernetes.core's Python client looks
     * it up: the core group's kind, else the kind of the one group serving it at that version (none when several
     * groups do: its "multiple matches").
     */
    public Optional<ResourceDefinitionContext> resolveVersion(String version, String kind) {
        Optional<ResourceDefinitionContext> core = resolve(version, kind);
        if (core.isPresent()) {
            return core;
        }
        for (boolean refresh : new boolean[] {false, true}) {
            preferredGroupVersions(refresh);
            List<ResourceDefinitionContext> hits = groupVersions.stream().filter(gv -> gv.endsWith("/" + version))
                    .map(gv -> find(resources(gv, refresh), gv, kind)).flatMap(Optional::stream).toList();
            if (!hits.isEmpty()) {
                return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
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

    /**
     * Every kind the cluster serves, by group version ({@code v1}, {@code group/version}), as kubernetes.core's
     * {@code k8s_cluster_info} lists them: per kind its categories, resource name, whether it is namespaced, whether
     * its version is the group's preferred one, short names and singular name (the first resource of a kind in a
     * group version; subresources left out). {@code refresh} asks the server again instead of the run's cache.
     */
    public Map<String, Map<String, Map<String, Object>>> kinds(boolean refresh) {
        Map<String, Map<String, Map<String, Object>>> out = new java.util.LinkedHashMap<>();
        out.put("v1", kinds(resources("v1", refresh), true));
        // kubernetes.core lists the Python client's generic List kind with the core kinds, its fields all empty
        Map<String, Object> list = new java.util.LinkedHashMap<>();
        list.put("categories", List.of());
        list.put("name", null);
        list.put("namespaced", null);
        list.put("preferred", null);
        list.put("short_names", List.of());
        list.put("singular_name", null);
        out.get("v1").put("List", list);
        APIGroupList groups = client.get().getApiGroups();
        if (groups != null && groups.getGroups() != null) {
            for (APIGroup g : groups.getGroups()) {
                String preferred = g.getPreferredVersion() == null ? null : g.getPreferredVersion().getGroupVersion();
                for (var v : g.getVersions() == null ? List.<io.fabric8.kubernetes.api.model.GroupVersionForDiscovery>of() : g.getVersions()) {
                    out.put(v.getGroupVersion(), kinds(resources(v.getGroupVersion(), refresh), v.getGroupVersion().equals(preferred)));
                }
            }
        }
        return out;
    }

    private static Map<String, Map<String, Object>> kinds(List<APIResource> resources, boolean preferred) {
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        for (APIResource r : resources) {
            if (r.getName().contains("/") || out.containsKey(r.getKind())) {
                continue;
            }
            Map<String, Object> entry = new java.util.LinkedHashMap<>();
            entry.put("categories", r.getCategories() == null ? List.of() : r.getCategories());
            entry.put("name", r.getName());
            entry.put("namespaced", r.getNamespaced());
            entry.put("preferred", preferred);
            entry.put("short_names", r.getShortNames() == null ? List.of() : r.getShortNames());
            entry.put("singular_name", r.getSingularName());
            out.put(r.getKind(), entry);
        }
        return out;
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
        List<String> all = new ArrayList<>();
        if (groups != null && groups.getGroups() != null) {
            for (APIGroup g : groups.getGroups()) {
                if (g.getVersions() != null) {
                    g.getVersions().forEach(v -> all.add(v.getGroupVersion()));
                }
                if (g.getPreferredVersion() != null) {
                    out.add(g.getPreferredVersion().getGroupVersion());
                } else if (g.getVersions() != null && !g.getVersions().isEmpty()) {
                    out.add(g.getVersions().get(0).getGroupVersion());
                }
            }
        }
        groupVersions = List.copyOf(all);
        preferredGroupVersions = List.copyOf(out);
        return preferredGroupVersions;
    }
}
