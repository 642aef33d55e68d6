package io.runbook.modules.k8s;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Diff;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.RunScheduler;
import io.runbook.engine.module.SourceFile;
import io.runbook.engine.module.WrittenArgs;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code k8s_apply}: declares objects with server-side apply (or deletes them with {@code state: absent}).
 * Check mode is a server-side dry run with the same result shape; Secret values never reach a result or diff.
 */
public final class K8sApply extends K8sModule {
    static final String DEFAULT_FIELD_MANAGER = "runbook";

    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.raw("definition").aliases("resource_definition", "inline")
                    .description("objects: a mapping, a list, or multi-document YAML text"))
            .arg(Arg.path("src").description("a YAML file (multi-document); .mustache files are rendered with the host's variables"))
            .arg(Arg.str("namespace").description("namespace for namespaced objects that name none (default: the host's namespace, else default)"))
            .arg(Arg.str("state").defaultValue("present").choices("present", "absent"))
            .arg(Arg.bool("force_conflicts").defaultValue(false).description("take over fields owned by other field managers"))
            .arg(Arg.str("field_manager").defaultValue(DEFAULT_FIELD_MANAGER))
            .arg(Arg.raw("wait").description("true, {condition, status, timeout}, or {for: <field predicate>, timeout}"))
            .arg(Arg.bool("prune").defaultValue(false).description("not supported yet; must stay false"))
            .requiredOneOf("definition", "src")
            .build();

    @Override
    public String name() {
        return "k8s_apply";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    /** A manifest file named literally is read when the playbook is read: its mistakes stop the run before anything runs. */
    @Override
    public void checkWritten(WrittenArgs args) {
        args.literalPath("src").filter(p -> !Manifests.isTemplate(p) && Files.isRegularFile(p))
                .ifPresent(p -> Manifests.parse(SourceFile.read(p).text(), p));
    }

    @Override
    public String description() {
        return "Apply Kubernetes objects with server-side apply (check mode: server-side dry run; Secret values masked)";
    }

    /**
     * Every object's first request is its GET (or, for a kind the cluster's discovery must name, that discovery after
     * the check): its answer proves the server a Kubernetes API, so the check needs no request of its own.
     */
    @Override
    ClusterConnection connect(ModuleContext ctx) throws ModuleException, InterruptedException {
        return ClusterConnection.provenByFirstAnswer(ctx);
    }

    @Override
    Result run(ModuleContext ctx, ClusterConnection conn) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        if (args.bool("prune")) {
            throw new UserError(args.position("prune"), "argument 'prune': pruning is not supported; delete objects with state: absent");
        }
        WaitSpec wait = WaitSpec.from(args, "wait");
        List<Map<String, Object>> declared = Manifests.read(ctx, args.raw("definition"), args.path("src"));
        declared.forEach(o -> SecretMask.register(ctx, o));
        String namespace = args.string("namespace") != null ? args.string("namespace") : conn.target().namespaceOrDefault();
        boolean absent = "absent".equals(args.string("state"));
        ObjectApply applier = new ObjectApply(conn, ctx.checkMode(), args.string("field_manager"), args.bool("force_conflicts"));

        List<ObjectApply.Outcome> outcomes = new ArrayList<>();
        for (Map<String, Object> object : declared) {
            ObjectApply.Outcome o = absent ? applier.absent(object, namespace) : applier.present(object, namespace);
            if (o.after() != null) {
                SecretMask.register(ctx, o.after());
            }
            outcomes.add(o);
        }
        Result result = summarise(ctx, outcomes);
        if (wait.enabled() && !ctx.checkMode()) {
            Result applied = result;
            result = waitFor(ctx, conn, outcomes, wait, absent, done -> applied.with("duration", done.millis() / 1000.0));
        }
        return result;
    }

    private Result summarise(ModuleContext ctx, List<ObjectApply.Outcome> outcomes) {
        List<Map<String, Object>> results = new ArrayList<>();
        List<Map<String, Object>> objects = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        boolean changed = false;
        Result result = Result.ok();
        for (ObjectApply.Outcome o : outcomes) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", o.ref().kind());
            entry.put("apiVersion", o.ref().apiVersion());
            entry.put("namespace", o.ref().namespace());
            entry.put("name", o.ref().name());
            entry.put("action", o.action().word());
            if (!o.apiFound()) {
                entry.put("api_found", false);
            }
            results.add(entry);
            if (o.after() != null) {
                objects.add(ChangeDetection.shown(o.after()));
            }
            counts.merge(o.action().word(), 1, Integer::sum);
            changed |= o.changed();
            if (ctx.diffMode() && o.changed()) {
                result = result.withDiff(new Diff(o.ref().label(), diffText(o.before()), diffText(o.after())));
            }
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((action, n) -> parts.add(n + " " + action));
        return result.withChanged(changed).withMsg(String.join(", ", parts) + (ctx.checkMode() ? " (dry run)" : ""))
                .with("results", results).with("objects", objects);
    }

    /**
     * Watches the applied (or deleted) objects until they are as {@code wait} asks, without a thread: a later result,
     * so the host's fork goes to the next host meanwhile. The informers are closed however the wait ends (its end, the
     * task's timeout or an interrupt, which cancel it).
     */
    static Result waitFor(ModuleContext ctx, ClusterConnection conn, List<ObjectApply.Outcome> outcomes, WaitSpec wait,
                           boolean absent, java.util.function.Function<ObjectWait.Outcome, Result> timed) {
        return watchFor(ctx, conn, outcomes, wait, absent, done -> waited(timed.apply(done), done, wait, absent));
    }

    /** As {@link #waitFor}, {@code answer} making the whole result of how the wait ended, a failed wait's too. */
    static Result watchFor(ModuleContext ctx, ClusterConnection conn, List<ObjectApply.Outcome> outcomes, WaitSpec wait,
                           boolean absent, java.util.function.Function<ObjectWait.Outcome, Result> answer) {
        RunScheduler scheduler = ctx.scheduler();
        ObjectWait watch = new ObjectWait(conn);
        return watch.answerLater(scheduler, () -> {
            for (ObjectApply.Outcome o : outcomes) {
                if (o.kind() != null && (!absent || o.action() == ChangeDetection.Action.DELETED)) {
                    watch.named(o.kind(), o.ref().namespace(), o.ref().name(), o.ref().label());
                }
            }
            return absent ? watch.untilGoneLater(wait.timeout(), ctx.progress(), "waiting for deletion", scheduler)
                    : watch.untilSatisfiedLater(wait, ctx.progress(), "waiting for " + wait.describe(), scheduler);
        }, answer);
    }

    /** The result of the wait: {@code timed}, the task's result of how the wait ended (the seconds waited), failed when the wait did. */
    private static Result waited(Result timed, ObjectWait.Outcome done, WaitSpec wait, boolean absent) {
        if (done.hopeless() != null) {
            return timed.withFailed(true).withMsg("gave up waiting: " + done.hopeless());
        }
        if (!done.done()) {
            return timed.withFailed(true).withMsg("timed out after " + wait.timeout().toSeconds() + " s waiting for "
                    + (absent ? "deletion" : wait.describe()) + ": " + done.pendingText());
        }
        return timed;
    }

    static String diffText(Map<String, Object> object) {
        return object == null ? "" : YamlText.of(SecretMask.mask(ChangeDetection.comparable(object)));
    }
}
