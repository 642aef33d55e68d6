package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code k8s_rollback}: kubernetes.core's {@code k8s_rollback} (2.4.0), {@code kubectl rollout undo}. Each Deployment or
 * DaemonSet selected ({@code name}, else {@code label_selectors}/{@code field_selectors}; in {@code namespace}, else the
 * host's, a named one in {@code default} when the host has none) goes back to its previous revision
 * ({@link RolloutHistory}): a Deployment gets its previous ReplicaSet's pod template (and kubernetes.core's revision
 * annotation) in a JSON patch, a DaemonSet its previous ControllerRevision's {@code data} in a strategic merge patch.
 * {@code rollback_info} has one entry per object, as kubernetes.core's: {@code changed}, {@code method: patch}, the
 * {@code body} sent and the object the server answered ({@code resources}), or {@code changed: false} and a
 * {@code warnings} list when it has no previous revision. Check mode sends nothing and shows the object as it is.
 */
public final class K8sRollback extends KubernetesCoreModule {
    private static final ArgSpec SPEC = K8sArgs.withConnection(ArgSpec.builder()
            .arg(Arg.str("kind").required().description("Deployment or DaemonSet"))
            .arg(Arg.str("name").description("the object's name (without it, what the selectors select)"))
            .arg(Arg.str("namespace").description("default: the host's namespace (for a named object: else default); all namespaces"
                    + " for a selection when the host has none"))
            .arg(Arg.str("api_version").defaultValue("v1").aliases("api", "version").description("group/version (apps/v1)"))
            .arg(Arg.list("label_selectors").elements(ArgType.STR).defaultValue(List.of()).description("like app=web, tier!=db"))
            .arg(Arg.list("field_selectors").elements(ArgType.STR).defaultValue(List.of()).description("like metadata.name=web")))
            .build();

    public K8sRollback() {
        super("k8s_rollback", SPEC, "kubernetes.core.k8s_rollback: roll Deployments and DaemonSets back to their previous revision"
                + " (kubectl rollout undo)");
    }

    @Override
    Result read(ModuleContext ctx, ClusterConnection conn) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        String kindName = args.string("kind");
        Optional<ResourceDefinitionContext> found = conn.resolveAsKubernetesCore(args.string("api_version"), kindName, ctx.checkMode());
        if (found.isEmpty()) {
            return Result.ok().with("rollback_info", List.of()); // kubernetes.core finds nothing to roll back
        }
        ResourceDefinitionContext kind = found.get();
        String namespace = kind.isNamespaceScoped() ? (args.string("namespace") != null ? args.string("namespace") : conn.target().namespace()) : null;
        List<Map<String, Object>> info = new ArrayList<>();
        boolean changed = false;
        for (Map<String, Object> object : K8sInfo.read(conn, kind, namespace, args, ctx.checkMode())) {
            Map<String, Object> entry = rollback(ctx, conn, kind, kindName, object);
            changed |= Boolean.TRUE.equals(entry.get("changed"));
            info.add(entry);
        }
        return Result.changed(changed).with("rollback_info", info);
    }

    /** One object's entry of {@code rollback_info}, as kubernetes.core's perform_action makes it. */
    private static Map<String, Object> rollback(ModuleContext ctx, ClusterConnection conn, ResourceDefinitionContext kind, String kindName,
                                                Map<String, Object> object) throws ModuleException {
        RolloutHistory history = switch (kindName) {
            case "Deployment" -> RolloutHistory.deployment(conn, object);
            case "DaemonSet" -> RolloutHistory.daemonSet(conn, object);
            default -> throw new ModuleException("Cannot perform rollback on resource of kind " + kindName);
        };
        Map<String, Object> entry = new LinkedHashMap<>();
        Optional<Object> body = history.previousBody();
        if (body.isEmpty()) {
            entry.put("changed", false);
            entry.put("warnings", List.of("No rollout history found for resource " + kindName + "/" + ObjectRef.of(object).name()));
            return entry;
        }
        Map<String, Object> after = object;
        if (!ctx.checkMode()) {
            ObjectRef ref = ObjectRef.of(object);
            try {
                after = conn.requests().write("PATCH", history.contentType(), kind, ref.namespace(), ref.name(), body.get(), false);
            } catch (KubernetesClientException e) {
                if (ApiFailure.isConnectivity(e)) {
                    throw e;
                }
                String why = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : ApiFailure.describe(e);
                throw new ModuleException("Failed to roll back " + ref.label() + ": " + why, e);
            }
        }
        entry.put("changed", true);
        entry.put("method", "patch");
        entry.put("body", body.get());
        entry.put("resources", after);
        return entry;
    }
}
