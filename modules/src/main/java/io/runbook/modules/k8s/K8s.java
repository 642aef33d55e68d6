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
        WaitSpec wait = WaitSpec.fromKubernetesCoreArgs(args);
        List<Map<String, Object>> declared = K8sArgs.definitions(ctx, args);
        Map<String, Object> ssa = args.map("server_side_apply");
        ObjectChange.Options options = new ObjectChange.Options(args.string("state"), args.bool("apply"),
                ssa == null ? null : String.valueOf(ssa.get("field_manager")), ssa != null && Boolean.TRUE.equals(ssa.get("force_conflicts")),
                args.bool("force"), args.strings("merge_type"), args.map("delete_options") == null ? Map.of() : args.map("delete_options"),
                args.strings("label_selectors"), ctx.checkMode());
        return changeEach(ctx, conn, declared, options, wait);
    }

    /**
     * kubernetes.core's perform_action for each of {@code declared} (k8s's objects, k8s_service's Service) and the
     * task's result of them. With {@code wait} (never in check mode) the objects are watched until they satisfy it, and
     * the result, {@code diff} and {@code changed} of each are computed from the object as the wait saw it last, as
     * kubernetes.core computes them after its wait: kubernetes.core's own wait ({@code wait: true}) one definition after
     * the other ({@link DefinitionWaits}), the engine's forms of {@code wait} all the objects together.
     */
    static Result changeEach(ModuleContext ctx, ClusterConnection conn, List<Map<String, Object>> declared, ObjectChange.Options options,
                             WaitSpec wait) throws ModuleException {
        declared.forEach(o -> SecretMask.register(ctx, o));
        ObjectChange changes = new ObjectChange(conn, options);
        String namespace = conn.target().namespaceOrDefault();
        boolean absent = "absent".equals(options.state());
        if (wait.enabled() && wait.kubernetesCore() && !ctx.checkMode()) {
            return new DefinitionWaits(ctx, conn, changes, declared, namespace, wait, absent).start();
        }
        List<ObjectChange.Change> done = new ArrayList<>();
        for (Map<String, Object> object : declared) {
            done.add(changes.perform(object, namespace));
        }
        done.forEach(c -> c.warnings().forEach(ctx::warn));
        Result shown = shownDiffs(ctx, done);
        if (wait.enabled() && !ctx.checkMode()) {
            List<ObjectApply.Outcome> awaited = done.stream().flatMap(c -> awaited(c, absent).stream()).toList();
            return K8sApply.waitFor(ctx, conn, awaited, wait, absent,
                    waited -> result(shown, entries(ctx, afterWait(done, waited.objects())), waited.millis() / 1000.0));
        }
        return result(shown, entries(ctx, done), null);
    }

    /** What of a change a wait watches: each object it wrote (or, with {@code absent}, deleted) by name. */
    static List<ObjectApply.Outcome> awaited(ObjectChange.Change change, boolean absent) {
        return change.outcomes().stream().filter(o -> o.kind() != null && o.ref().name() != null && (absent || o.after() != null)).toList();
    }

    /**
     * The changes as kubernetes.core reports them after its wait: a created, updated, replaced or applied object is the
     * one the wait saw last, and (but for a creation) changed when it differs from the object before in more than its
     * generation and resourceVersion.
     */
    static List<ObjectChange.Change> afterWait(List<ObjectChange.Change> done, List<Map<String, Object>> seen) {
        List<ObjectChange.Change> out = new ArrayList<>();
        for (ObjectChange.Change c : done) {
            ObjectApply.Outcome o = c.outcomes().size() == 1 ? c.outcomes().get(0) : null;
            Map<String, Object> waited = o == null || !List.of("create", "update", "replace", "apply").contains(c.method()) ? null
                    : seen.stream().filter(s -> o.ref().equals(ObjectRef.of(s))).findFirst().orElse(null);
            if (waited == null) {
                out.add(c);
                continue;
            }
            ChangeDetection.Action action = "create".equals(c.method()) ? ChangeDetection.Action.CREATED
                    : ChangeDetection.differs(o.before(), waited) ? ChangeDetection.Action.CONFIGURED : ChangeDetection.Action.UNCHANGED;
            out.add(new ObjectChange.Change(new ObjectApply.Outcome(o.ref(), action, o.apiFound(), o.kind(), o.before(), waited), c.method(),
                    waited, c.warnings(), c.msg()));
        }
        return out;
    }

    /**
     * Each definition's entry as kubernetes.core makes it: {@code changed}, {@code method}, {@code result},
     * {@code msg}, {@code warnings} and, with {@code --diff}, for an update, replace or apply, the
     * {@code diff} it registers ({@link ObjectDiff}).
     */
    static List<Map<String, Object>> entries(ModuleContext ctx, List<ObjectChange.Change> done) {
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
    static Result shownDiffs(ModuleContext ctx, List<ObjectChange.Change> done) {
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
    static Result result(Result shown, List<Map<String, Object>> each, Double seconds) {
        boolean changed = each.stream().anyMatch(e -> Boolean.TRUE.equals(e.get("changed")));
        for (int i = 0; seconds != null && i < each.size(); i++) {
            if (each.get(i).get("method") != null) {
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
