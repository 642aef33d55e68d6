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
import io.runbook.engine.module.RunScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code k8s_scale}: kubernetes.core's {@code k8s_scale} (2.4.0). The object (its definition's first, or
 * {@code kind}/{@code name}/{@code namespace}, or what {@code label_selectors} select) is scaled through its
 * {@code scale} subresource (a Job: its {@code spec.parallelism}) when its replica count differs from
 * {@code replicas}; {@code current_replicas} and {@code resource_version} make it a no-op with a {@code warning}
 * when the object does not match them. With {@code wait} (the default) the scaled objects are watched until ready
 * by their kind's rules ({@link Readiness}), at most {@code wait_timeout} seconds. Check mode changes nothing and
 * reports the object as it would be. With --diff each object's {@code diff} is registered as kubernetes.core's.
 */
public final class K8sScale extends KubernetesCoreModule {
    private static final ArgSpec SPEC = K8sArgs.withConnection(ArgSpec.builder()
            .arg(Arg.integer("replicas").required().description("the replica count to set"))
            .arg(Arg.integer("current_replicas").description("scale only an object that has this many now (else a warning, unchanged)"))
            .arg(Arg.str("resource_version").description("scale only an object at this resourceVersion (else a warning, unchanged)"))
            .arg(Arg.bool("wait").defaultValue(true).description("wait until the scaled objects are ready by kubernetes.core's rules"))
            .arg(Arg.integer("wait_timeout").defaultValue(20).description("seconds"))
            .arg(Arg.integer("wait_sleep").defaultValue(5).description("accepted: the engine watches instead of polling"))
            .arg(Arg.raw("resource_definition").aliases("definition", "inline").description("the object (its first definition is scaled)"))
            .arg(Arg.path("src").lookIn("files").description("a YAML file on the controller holding the object"))
            .arg(Arg.str("kind").description("the object's kind, where no definition gives it"))
            .arg(Arg.str("name").description("the object's name (without it, what label_selectors select)"))
            .arg(Arg.str("namespace").description("default: the host's namespace for a named object; all namespaces for a selection"))
            .arg(Arg.str("api_version").defaultValue("v1").aliases("api", "version").description("group/version (apps/v1 for a Deployment)"))
            .arg(Arg.list("label_selectors").elements(ArgType.STR).defaultValue(List.of()).description("the objects to scale, without name"))
            .arg(Arg.bool("continue_on_error").defaultValue(false).description("of several objects, scale the others when one cannot be")))
            .mutuallyExclusive("resource_definition", "src")
            .build();

    public K8sScale() {
        super("k8s_scale", SPEC, "kubernetes.core.k8s_scale: set the replicas of a Deployment, StatefulSet, ReplicaSet (or a Job's parallelism)");
    }

    @Override
    Result read(ModuleContext ctx, ClusterConnection conn) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        Map<String, Object> definition = Manifests.read(ctx, args.raw("resource_definition") == null && args.path("src") == null
                ? new LinkedHashMap<String, Object>() : args.raw("resource_definition"), args.path("src"),
                new Manifests.Completion(o -> K8sArgs.fill(o, args), true)).get(0);
        ObjectRef ref = ObjectRef.of(definition);
        ResourceDefinitionContext kind = served(conn, ref.apiVersion(), ref.kind(), ctx.checkMode());
        List<Map<String, Object>> existing = existing(ctx, conn, kind, ref, args);
        ScaleOutcomes scaling = new ScaleOutcomes(ctx, conn, kind, args);
        boolean several = existing.size() > 1;
        for (Map<String, Object> object : existing) {
            Result stop = scaling.scale(object, several);
            if (stop != null) {
                return stop;
            }
        }
        if (existing.isEmpty()) {
            Result none = Result.ok().with("result", Map.of());
            none = ctx.diffMode() ? none.with("diff", Map.of()) : none;
            return args.bool("wait") ? none.with("duration", 0) : none;
        }
        if (!args.bool("wait") || ctx.checkMode() || scaling.scaled().isEmpty()) {
            return scaling.answer(several, null);
        }
        RunScheduler scheduler = ctx.scheduler();
        ObjectWait watch = new ObjectWait(conn);
        // kubernetes.core's k8s_scale waits with its waiter's rules: a Deployment scaled down until its status counts only those wanted
        WaitSpec ready = new WaitSpec(true, null, null, null, null, Duration.ofSeconds(args.integer("wait_timeout")), true);
        return watch.answerLater(scheduler, () -> {
            for (Map<String, Object> o : scaling.scaled()) {
                ObjectRef r = ObjectRef.of(o);
                watch.named(kind, r.namespace(), r.name(), r.label());
            }
            return watch.untilSatisfiedLater(ready, ctx.progress(), "waiting for the scaled replicas to be ready", scheduler);
        }, done -> scaling.answer(several, done));
    }

    /** The objects to scale: the named one (a failure when it does not exist), or what the selectors select. */
    private static List<Map<String, Object>> existing(ModuleContext ctx, ClusterConnection conn, ResourceDefinitionContext kind, ObjectRef ref,
                                                      Args args) throws ModuleException {
        if (ref.name() != null) {
            String namespace = ref.namespace() != null ? ref.namespace() : conn.target().namespaceOrDefault();
            Map<String, Object> one = conn.get(kind, namespace, ref.name(), ctx.checkMode());
            if (one == null) {
                throw new ModuleException("Failed to retrieve requested object: " + ref.kind() + " " + (kind.isNamespaceScoped() ? namespace + "/" : "")
                        + ref.name() + " not found");
            }
            return List.of(one);
        }
        var op = ref.namespace() == null || !kind.isNamespaceScoped()
                ? (kind.isNamespaceScoped() ? conn.ops(kind).inAnyNamespace() : conn.ops(kind)) : conn.ops(kind).inNamespace(ref.namespace());
        List<String> labels = args.strings("label_selectors");
        var selected = labels.isEmpty() ? op : op.withLabelSelector(String.join(",", labels));
        List<Map<String, Object>> out = new ArrayList<>();
        selected.list().getItems().forEach(o -> out.add(conn.toMap(o)));
        return out;
    }

    /** A scale request's failure as kubernetes.core words it. */
    static ModuleException failed(KubernetesClientException e, ResourceDefinitionContext kind) {
        if (e.getCode() == 404 || e.getCode() == 405) {
            return new ModuleException("Cannot perform scale on resource of kind " + kind.getKind(), e);
        }
        String why = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : ApiFailure.describe(e);
        return new ModuleException("Scale request failed: " + why, e);
    }
}
