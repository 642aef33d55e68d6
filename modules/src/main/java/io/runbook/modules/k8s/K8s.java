package io.runbook.modules.k8s;

import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Diff;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.WrittenArgs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code k8s}: kubernetes.core's {@code k8s} module, its arguments and results as that collection's (2.4.0), through
 * the engine's Kubernetes client: the task names its cluster with {@code kubeconfig}/{@code context} (else
 * {@code K8S_AUTH_KUBECONFIG}/{@code K8S_AUTH_CONTEXT}, else the host's variables). See {@link ObjectChange} for what
 * it does to each object; Secret values are typed secret in its result and never shown.
 */
public final class K8s extends K8sModule {
    private static final ArgSpec SPEC = K8sArgs.spec();

    @Override
    public String name() {
        return "k8s";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "kubernetes.core.k8s: create, patch, apply, replace or delete Kubernetes objects (check mode: server-side dry run)";
    }

    /** The connection arguments the engine does not take, and a kubeconfig given as a mapping, stop the run before it starts. */
    @Override
    public void checkWritten(WrittenArgs args) {
        K8sArgs.checkWritten(args);
    }

    @Override
    Result run(ModuleContext ctx, ClusterConnection conn) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        K8sArgs.checkRun(ctx, args);
        WaitSpec wait = WaitSpec.fromCollectionArgs(args);
        List<Map<String, Object>> declared = K8sArgs.definitions(ctx, args);
        declared.forEach(o -> SecretMask.register(ctx, o));
        String state = args.string("state");
        Map<String, Object> ssa = args.map("server_side_apply");
        ObjectChange.Options options = new ObjectChange.Options(state, args.bool("apply"),
                ssa == null ? null : String.valueOf(ssa.get("field_manager")), ssa != null && Boolean.TRUE.equals(ssa.get("force_conflicts")),
                args.bool("force"), args.strings("merge_type"), args.map("delete_options") == null ? Map.of() : args.map("delete_options"),
                args.strings("label_selectors"), ctx.checkMode());
        ObjectChange changes = new ObjectChange(conn, options);
        String namespace = conn.target().namespaceOrDefault();
        List<ObjectChange.Change> done = new ArrayList<>();
        for (Map<String, Object> object : declared) {
            done.add(changes.perform(object, namespace));
        }
        List<ObjectApply.Outcome> outcomes = new ArrayList<>();
        done.forEach(c -> outcomes.addAll(c.outcomes()));
        List<Map<String, Object>> each = entries(ctx, done);
        Result shown = shownDiffs(ctx, done);
        if (wait.enabled() && !ctx.checkMode()) {
            List<ObjectApply.Outcome> awaited = outcomes.stream().filter(o -> o.kind() != null && o.ref().name() != null
                    && ("absent".equals(state) || o.after() != null)).toList();
            return K8sApply.waitFor(ctx, conn, awaited, wait, "absent".equals(state), seconds -> result(shown, done, each, seconds));
        }
        return result(shown, done, each, null);
    }

    /**
     * Each definition's entry as kubernetes.core makes it: {@code changed}, {@code method}, {@code result},
     * {@code msg}, {@code warnings} (printed now) and, with {@code --diff}, for an update, replace or apply, the
     * {@code diff} it registers ({@link ObjectDiff}).
     */
    private static List<Map<String, Object>> entries(ModuleContext ctx, List<ObjectChange.Change> done) {
        List<Map<String, Object>> each = new ArrayList<>();
        for (ObjectChange.Change c : done) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("changed", c.changed());
            if (c.method() != null) {
                one.put("method", c.method());
            }
            one.put("result", shown(ctx, c.instance()));
            if (c.msg() != null) {
                one.put("msg", c.msg());
            }
            if (!c.warnings().isEmpty()) {
                one.put("warnings", c.warnings());
                c.warnings().forEach(ctx::warn);
            }
            if (ctx.diffMode() && List.of("update", "replace", "apply").contains(c.method())) {
                ObjectApply.Outcome o = c.outcomes().get(0);
                one.put("diff", ObjectDiff.registered(ctx, o.before(), o.after()));
            }
            each.add(one);
        }
        return each;
    }

    /** What --diff shows: each changed object before and after, Secret values masked. */
    private static Result shownDiffs(ModuleContext ctx, List<ObjectChange.Change> done) {
        Result result = Result.ok();
        for (ObjectChange.Change c : done) {
            for (ObjectApply.Outcome o : c.outcomes()) {
                if (ctx.diffMode() && o.changed()) {
                    result = result.withDiff(new Diff(o.ref().label(), K8sApply.diffText(o.before()), K8sApply.diffText(o.after())));
                }
            }
        }
        return result;
    }

    /**
     * kubernetes.core's result: one definition's keys at the top; several as {@code result.results}. With a wait
     * ({@code seconds} not null), each definition that did something has the seconds waited as its {@code duration}.
     */
    private static Result result(Result shown, List<ObjectChange.Change> done, List<Map<String, Object>> each, Double seconds) {
        boolean changed = done.stream().anyMatch(ObjectChange.Change::changed);
        for (int i = 0; seconds != null && i < done.size(); i++) {
            if (done.get(i).method() != null) {
                each.get(i).put("duration", seconds);
            }
        }
        if (each.size() == 1) {
            Map<String, Object> one = new LinkedHashMap<>(each.get(0));
            one.remove("warnings");
            Result single = shown.withChanged(changed);
            for (Map.Entry<String, Object> e : one.entrySet()) {
                single = "changed".equals(e.getKey()) ? single : "msg".equals(e.getKey()) ? single.withMsg(String.valueOf(e.getValue()))
                        : single.with(e.getKey(), e.getValue());
            }
            return single;
        }
        return shown.withChanged(changed).with("result", Map.of("results", each));
    }

    /** An object (or a list of them) as the result shows it: without managedFields, a Secret's values typed secret. */
    @SuppressWarnings("unchecked")
    private static Object shown(ModuleContext ctx, Object instance) {
        if (instance instanceof List<?> list) {
            return list.stream().map(i -> shown(ctx, i)).toList();
        }
        Map<String, Object> object = SecretMask.deepCopy((Map<String, Object>) instance);
        if (object.isEmpty()) {
            return object;
        }
        SecretMask.register(ctx, object);
        if (object.get("metadata") instanceof Map<?, ?> metadata) {
            ((Map<String, Object>) metadata).remove("managedFields");
        }
        return SecretMask.typed(ctx, object);
    }

}
