package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Diff;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.RunScheduler;
import io.runbook.engine.module.WrittenArgs;
import java.util.Map;

/**
 * {@code k8s_json_patch}: kubernetes.core's {@code k8s_json_patch} (2.4.0). The object {@code kind}/{@code name}
 * (in {@code namespace}, else the host's, else {@code default}) gets the RFC 6902 operations of {@code patch} in one
 * {@code application/json-patch+json} request; {@code changed} when the object differs afterwards in more than its
 * resourceVersion and generation (kubernetes.core's diff_objects). Check mode sends the request as a server-side dry
 * run. With {@code wait} the object is watched until ready by kubernetes.core's rules ({@link CoreReadiness}) or
 * {@code wait_condition}; a timeout fails with kubernetes.core's {@code Resource update timed out}.
 */
public final class K8sJsonPatch extends KubernetesCoreModule {
    private static final String JSON_PATCH = "application/json-patch+json";
    private static final ArgSpec SPEC = K8sArgs.withConnection(K8sArgs.withWait(ArgSpec.builder()
            .arg(Arg.str("kind").required().description("the object's kind"))
            .arg(Arg.str("name").required().description("the object's name"))
            .arg(Arg.str("namespace").description("the object's namespace (default: the host's namespace, else default)"))
            .arg(Arg.str("api_version").defaultValue("v1").aliases("api", "version").description("group/version (apps/v1 for a Deployment)"))
            .arg(Arg.list("patch").elements(ArgType.DICT).required()
                    .description("the JSON patch operations: {op: add|remove|replace|move|copy|test, path, value, from}"))))
            .build();

    public K8sJsonPatch() {
        super("k8s_json_patch", SPEC, "kubernetes.core.k8s_json_patch: apply RFC 6902 JSON patch operations to an existing object"
                + " (check mode: server-side dry run)");
    }

    @Override
    void checkOwn(WrittenArgs args) {
        JsonPatchOps.check(args.values().get("patch"), args.position("patch"));
    }

    @Override
    Result read(ModuleContext ctx, ClusterConnection conn) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        JsonPatchOps.check(args.raw("patch"), args.position("patch"));
        WaitSpec wait = WaitSpec.fromKubernetesCoreArgs(args);
        String kindName = args.string("kind");
        String name = args.string("name");
        ResourceDefinitionContext kind = served(conn, args.string("api_version"), kindName, ctx.checkMode());
        String namespace = !kind.isNamespaceScoped() ? null : args.string("namespace") != null ? args.string("namespace")
                : conn.target().namespaceOrDefault();
        Map<String, Object> existing = conn.get(kind, namespace, name, ctx.checkMode());
        if (existing == null) {
            return failed(kindName + " " + name + ": Failed to retrieve requested object: " + kind.getPlural() + " \"" + name
                    + "\" not found", 404, "Not Found");
        }
        Map<String, Object> patched;
        try {
            patched = conn.requests().write("PATCH", JSON_PATCH, kind, namespace, name, args.raw("patch"), ctx.checkMode());
        } catch (KubernetesClientException e) {
            if (ApiFailure.isConnectivity(e)) {
                throw e;
            }
            String why = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : ApiFailure.describe(e);
            return failed("Failed to patch existing object: " + why, e.getCode(), NodeRequests.reason(e));
        }
        if (!wait.enabled() || ctx.checkMode()) {
            return answer(ctx, existing, patched);
        }
        RunScheduler scheduler = ctx.scheduler();
        ObjectWait watch = new ObjectWait(conn);
        String label = ObjectRef.of(patched).label();
        return watch.answerLater(scheduler, () -> {
            watch.named(kind, namespace, name, label);
            return watch.untilSatisfiedLater(wait, ctx.progress(), "waiting for " + wait.describe(), scheduler);
        }, done -> {
            Map<String, Object> seen = done.objects().isEmpty() ? patched : done.objects().get(0);
            Result r = answer(ctx, existing, seen).with("duration", done.millis() / 1000);
            return done.done() ? r : r.withFailed(true).withMsg("Resource update timed out");
        });
    }

    /** A failed request's result, with kubernetes.core's {@code error} and {@code status} (the HTTP code) and {@code reason}. */
    private static Result failed(String msg, int code, String reason) {
        return Result.ok().withFailed(true).withMsg(msg).with("error", code).with("status", code).with("reason", reason);
    }

    /** kubernetes.core's result: the object after, {@code changed} by diff_objects, the diff with {@code --diff}. */
    private static Result answer(ModuleContext ctx, Map<String, Object> before, Map<String, Object> after) {
        boolean changed = ChangeDetection.differs(before, after);
        Result r = Result.changed(changed).with("result", ChangeDetection.shown(after));
        if (ctx.diffMode() && changed) {
            r = r.withDiff(new Diff(ObjectRef.of(after).label(), K8sApply.diffText(before), K8sApply.diffText(after)));
        }
        return r;
    }
}
