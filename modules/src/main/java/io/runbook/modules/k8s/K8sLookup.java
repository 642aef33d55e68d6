package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.vars.LookupPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code k8s} lookup, as kubernetes.core's: {@code lookup('kubernetes.core.k8s', kind='Service',
 * namespace='tsb', resource_name='envoy')} reads objects through the run's client for the host's cluster.
 * Options: {@code kind} (required), {@code api_version} (default {@code v1}, else the group that serves the
 * kind), {@code namespace} (default: the host's), {@code resource_name}, {@code label_selector},
 * {@code field_selector}. A missing object or an unknown kind gives an empty list. Secret data is secret.
 */
public final class K8sLookup implements LookupPlugin {
    private static final Set<String> OPTIONS = Set.of("kind", "api_version", "namespace", "resource_name",
            "label_selector", "field_selector");

    @Override
    public String name() {
        return "k8s";
    }

    @Override
    public List<Object> run(List<Object> terms, Map<String, Object> options, ModuleContext ctx) throws Exception {
        LookupPlugin.checkOptions("k8s", options, OPTIONS);
        String kindName = text(options.get("kind"));
        if (kindName == null) {
            throw new IllegalArgumentException("the k8s lookup needs kind=, e.g. lookup('kubernetes.core.k8s', kind='Service', resource_name='envoy')");
        }
        ClusterConnection conn = ClusterConnection.of(ctx);
        try {
            return typed(ctx, read(conn, kindName, options));
        } catch (KubernetesClientException e) {
            throw ApiFailure.translate(conn, e);
        }
    }

    private static List<Object> read(ClusterConnection conn, String kindName, Map<String, Object> options) {
        Optional<ResourceDefinitionContext> found = resolve(conn, text(options.get("api_version")), kindName);
        if (found.isEmpty()) {
            return new ArrayList<>();
        }
        ResourceDefinitionContext kind = found.get();
        String given = text(options.get("namespace"));
        String namespace = kind.isNamespaceScoped() ? (given != null ? given : conn.target().namespaceOrDefault()) : null;
        String name = text(options.get("resource_name"));
        List<Object> out = new ArrayList<>();
        if (name != null && options.get("label_selector") == null && options.get("field_selector") == null) {
            Map<String, Object> one = conn.get(kind, namespace, name);
            if (one != null) {
                out.add(one);
            }
            return out;
        }
        FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op =
                namespace == null ? conn.ops(kind) : conn.ops(kind).inNamespace(namespace);
        if (text(options.get("label_selector")) != null) {
            op = op.withLabelSelector(text(options.get("label_selector")));
        }
        if (name != null) {
            op = op.withField("metadata.name", name);
        }
        if (text(options.get("field_selector")) != null) {
            for (String field : text(options.get("field_selector")).split(",")) {
                String[] kv = field.split("!=|==|=", 2);
                op = field.contains("!=") ? op.withoutField(kv[0].strip(), kv[1].strip()) : op.withField(kv[0].strip(), kv[1].strip());
            }
        }
        op.list().getItems().forEach(item -> out.add(conn.toMap(item)));
        return out;
    }

    /** kubernetes.core's default api_version is v1; a kind that v1 does not serve is looked up in every group. */
    private static Optional<ResourceDefinitionContext> resolve(ClusterConnection conn, String apiVersion, String kind) {
        if (apiVersion != null) {
            return conn.discovery().resolve(apiVersion, kind);
        }
        return conn.discovery().resolveKind(kind);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** The objects as the lookup returns them: Secret values registered and typed as secret. */
    static List<Object> typed(ModuleContext ctx, List<Object> objects) {
        List<Object> out = new ArrayList<>();
        for (Object o : objects) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) o;
            SecretMask.register(ctx, object);
            out.add(SecretMask.typed(ctx, object));
        }
        return out;
    }
}
