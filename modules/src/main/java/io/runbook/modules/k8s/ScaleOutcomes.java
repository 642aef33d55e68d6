package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link K8sScale} did to each object, as kubernetes.core's {@code k8s_scale} reports it: per object
 * {@code changed}, {@code result} (the object after, or as it would be in check mode), {@code diff} (with --diff:
 * the object before against {@code result}; none for a Job) and {@code duration} (with {@code wait}), or a {@code warning} when {@code current_replicas} or {@code resource_version} did not match; one
 * object's keys at the top of the result, several as {@code results}.
 */
final class ScaleOutcomes {
    private static final String MERGE = "application/merge-patch+json";

    /** One object's entry, the object before, and whether a scale request was sent (so a wait applies). */
    private record Entry(Map<String, Object> fields, Map<String, Object> before, boolean scaled) {
    }

    private final ModuleContext ctx;
    private final ClusterConnection conn;
    private final ResourceDefinitionContext kind;
    private final Args args;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Map<String, Object>> errors = new ArrayList<>();
    private boolean changed;

    ScaleOutcomes(ModuleContext ctx, ClusterConnection conn, ResourceDefinitionContext kind, Args args) {
        this.ctx = ctx;
        this.conn = conn;
        this.kind = kind;
        this.args = args;
    }

    /** Scales one object if it should be; a result that ends the task at once (a warning or failure of a lone object), else null. */
    @SuppressWarnings("unchecked")
    Result scale(Map<String, Object> existing, boolean several) throws ModuleException {
        boolean job = "job".equalsIgnoreCase(kind.getKind());
        Map<String, Object> spec = existing.get("spec") instanceof Map<?, ?> s ? (Map<String, Object>) s : Map.of();
        Object count = spec.get(job ? "parallelism" : "replicas");
        ObjectRef ref = ObjectRef.of(existing);
        String which = "kind=" + existing.get("kind") + " name=" + ref.name() + " namespace=" + ref.namespace();
        if (!(count instanceof Number)) {
            String error = "Failed to retrieve the available count for object " + which + ".";
            if (several && args.bool("continue_on_error")) {
                errors.add(Map.of("error", error, "failed", true));
                return null;
            }
            return several ? Result.failed(error).with("results", results()) : lone(Result.failed(error));
        }
        int replicas = args.integer("replicas");
        String version = metadata(existing).get("resourceVersion") == null ? null : String.valueOf(metadata(existing).get("resourceVersion"));
        String warning = null;
        if (args.string("resource_version") != null && !args.string("resource_version").equals(version)) {
            warning = "expected resource version " + args.string("resource_version") + " does not match with actual " + version + " for object "
                    + which + ".";
        } else if (args.integer("current_replicas") != null && ((Number) count).intValue() != args.integer("current_replicas")) {
            warning = "current replicas " + args.integer("current_replicas") + " does not match with actual " + count + " for object " + which + ".";
        }
        if (warning != null) {
            if (!several) {
                return lone(Result.ok().with("warning", warning));
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("warning", warning);
            fields.put("changed", false);
            entries.add(new Entry(fields, existing, false));
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        if (((Number) count).intValue() == replicas) {
            Map<String, Object> now = conn.get(kind, ref.namespace(), ref.name(), ctx.checkMode());
            fields.put("changed", false);
            fields.put("result", ChangeDetection.shown(now == null ? existing : now));
            if (ctx.diffMode()) {
                fields.put("diff", Map.of());
            }
            if (args.bool("wait")) {
                fields.put("duration", 0);
            }
            entries.add(new Entry(fields, existing, false));
            return null;
        }
        Map<String, Object> after;
        if (ctx.checkMode()) {
            after = SecretMask.deepCopy(existing);
            ((Map<String, Object>) after.computeIfAbsent("spec", k -> new LinkedHashMap<>())).put(job ? "parallelism" : "replicas", replicas);
        } else {
            after = request(ref, job, replicas);
        }
        fields.put("changed", true);
        fields.put("result", ChangeDetection.shown(after));
        if (!job) {
            if (args.bool("wait")) {
                fields.put("duration", 0);
            }
            fields.put("changed", ChangeDetection.differs(existing, after));
            changed |= ChangeDetection.differs(existing, after);
            if (ctx.diffMode()) {
                fields.put("diff", ObjectDiff.registered(ctx, existing, after));
            }
        }
        entries.add(new Entry(fields, existing, !job && !ctx.checkMode()));
        return null;
    }

    /** The scale request (a Job: a merge patch of its parallelism), then the object as it is now. */
    private Map<String, Object> request(ObjectRef ref, boolean job, int replicas) throws ModuleException {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put(job ? "parallelism" : "replicas", replicas);
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("spec", spec);
        try {
            if (job) {
                return conn.requests().write("PATCH", MERGE, kind, ref.namespace(), ref.name(), patch, false);
            }
            conn.requests().patchSubresource(kind, ref.namespace(), ref.name(), "scale", patch);
        } catch (KubernetesClientException e) {
            if (ApiFailure.isConnectivity(e)) {
                throw e;
            }
            throw K8sScale.failed(e, kind);
        }
        Map<String, Object> now = conn.get(kind, ref.namespace(), ref.name());
        return now == null ? Map.of() : now;
    }

    /** The objects a scale request was sent for, as they were after it (what a wait watches). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> scaled() {
        return entries.stream().filter(Entry::scaled).map(e -> (Map<String, Object>) e.fields().get("result")).toList();
    }

    /** The task's result, with what the wait saw last of each scaled object (null: no wait). */
    Result answer(boolean several, ObjectWait.Outcome waited) {
        if (waited != null) {
            long seconds = waited.millis() / 1000;
            for (Entry e : entries) {
                if (e.scaled()) {
                    ObjectRef ref = ObjectRef.of(e.fields().get("result") instanceof Map<?, ?> m ? cast(m) : Map.of());
                    waited.objects().stream().filter(o -> ref.equals(ObjectRef.of(o))).findFirst().ifPresent(o -> {
                        e.fields().put("result", ChangeDetection.shown(o));
                        e.fields().put("changed", ChangeDetection.differs(e.before(), o));
                        if (ctx.diffMode()) {
                            e.fields().put("diff", ObjectDiff.registered(ctx, e.before(), o));
                        }
                    });
                    e.fields().put("duration", seconds);
                }
            }
            if (!waited.done()) {
                String why = waited.hopeless() != null ? waited.hopeless() : waited.pendingText();
                return Result.failed("Resource scaling timed out" + (why == null || why.isEmpty() ? "" : ": " + why));
            }
        }
        if (!several) {
            Result r = Result.ok();
            for (Map.Entry<String, Object> f : entries.get(0).fields().entrySet()) {
                r = f.getKey().equals("changed") ? r.withChanged(Boolean.TRUE.equals(f.getValue())) : r.with(f.getKey(), f.getValue());
            }
            return r;
        }
        boolean any = changed || entries.stream().anyMatch(e -> e.scaled() && Boolean.TRUE.equals(e.fields().get("changed")));
        Result r = Result.changed(any).with("results", results());
        return errors.isEmpty() ? r : r.with("errors", errors);
    }

    /**
     * A lone object's early answer (a warning, a failure) as kubernetes.core's: with its empty {@code result}, an empty
     * {@code diff} with --diff and a {@code duration} of 0 with {@code wait}.
     */
    private Result lone(Result r) {
        Result out = r.with("result", Map.of());
        out = ctx.diffMode() ? out.with("diff", Map.of()) : out;
        return args.bool("wait") ? out.with("duration", 0) : out;
    }

    private List<Map<String, Object>> results() {
        return entries.stream().map(Entry::fields).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> object) {
        return object.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
