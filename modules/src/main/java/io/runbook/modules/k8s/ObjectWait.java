package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.runbook.engine.module.Progress;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.RunScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Waits, by watching, until objects satisfy a {@link WaitSpec} (or are gone). Each watched source is one
 * named object or one selection; a source with nothing in it is pending ("does not exist yet").
 */
final class ObjectWait implements AutoCloseable {
    /** How a wait ended: {@code pending} maps each object still not satisfied to why; {@code objects} is what was seen last. */
    record Outcome(boolean done, Map<String, String> pending, String hopeless, long millis, List<Map<String, Object>> objects) {
        String pendingText() {
            List<String> parts = new ArrayList<>();
            pending.forEach((k, v) -> parts.add(k + ": " + v));
            return String.join("; ", parts);
        }
    }

    private record Source(String label, SharedIndexInformer<GenericKubernetesResource> informer) {
    }

    private final ClusterConnection conn;
    private final ApiLiveness liveness;
    private final ChangeSignal signal;
    private final List<Source> sources = new ArrayList<>();

    ObjectWait(ClusterConnection conn) {
        this.conn = conn;
        this.liveness = new ApiLiveness(conn);
        this.signal = new ChangeSignal(liveness);
    }

    /** Watches one named object. */
    ObjectWait named(ResourceDefinitionContext kind, String namespace, String name, String label) {
        Resource<GenericKubernetesResource> r = kind.isNamespaceScoped()
                ? conn.ops(kind).inNamespace(namespace).withName(name) : conn.ops(kind).withName(name);
        sources.add(new Source(label, liveness.watch(r.inform(signal, 0))));
        return this;
    }

    /** Watches every object of a selection. */
    ObjectWait selection(FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> selection,
                         String label) {
        sources.add(new Source(label, liveness.watch(selection.inform(signal, 0))));
        return this;
    }

    /** Waits, on this thread, until every source is empty (the objects are deleted). */
    Outcome untilGone(Duration timeout, Progress progress, String what) throws InterruptedException {
        return await(timeout, progress, what, this::stillThere);
    }

    private Outcome stillThere() {
        Map<String, String> pending = new LinkedHashMap<>();
        sources.stream().filter(s -> !s.informer.getStore().list().isEmpty()).forEach(s -> pending.put(s.label, "still exists"));
        return new Outcome(pending.isEmpty(), pending, null, 0, List.of());
    }

    private Outcome pendingFor(WaitSpec spec) {
        Map<String, String> pending = new LinkedHashMap<>();
        List<Map<String, Object>> seen = new ArrayList<>();
        String hopeless = null;
        for (Source s : sources) {
            List<GenericKubernetesResource> items = s.informer.getStore().list();
            if (items.isEmpty()) {
                pending.put(s.label, "does not exist yet");
            }
            for (GenericKubernetesResource item : items) {
                Map<String, Object> object = conn.toMap(item);
                seen.add(object);
                Readiness.Verdict v = spec.check(object);
                if (!v.ready()) {
                    String label = ObjectRef.of(object).label();
                    pending.put(label, v.reason());
                    if (v.hopeless()) {
                        hopeless = label + ": " + v.reason();
                    }
                }
            }
        }
        return new Outcome(pending.isEmpty(), pending, hopeless, 0, seen);
    }

    /**
     * Waits until every source has objects and each satisfies {@code spec}, without a thread ({@link WatchedWait}):
     * cancelling the returned future ends the wait. The informers are left open: the caller closes them
     * ({@link #close}, a request, on {@code scheduler}'s blocking threads).
     */
    CompletableFuture<Outcome> untilSatisfiedLater(WaitSpec spec, Progress progress, String what, RunScheduler scheduler) {
        return later(spec.timeout(), progress, what, () -> pendingFor(spec), scheduler);
    }

    /**
     * As {@link #untilSatisfiedLater}, the way kubernetes.core's k8s_info waits for what it finds: first until every
     * source has objects, then for each object found then, in the API's order (namespace, name), one after the other,
     * each with its own whole {@code spec} timeout; objects that appear later are not waited for. The outcome is the
     * first object's that is not satisfied in its time (with the objects satisfied before it), else every object as its
     * own wait saw it last; its time is the whole wait's.
     */
    CompletableFuture<Outcome> untilEachSatisfiedLater(WaitSpec spec, Progress progress, String what, RunScheduler scheduler) {
        long start = System.currentTimeMillis();
        CompletableFuture<Outcome> all = new CompletableFuture<>();
        AtomicReference<CompletableFuture<Outcome>> current = new AtomicReference<>();
        all.whenComplete((o, e) -> current.get().cancel(true));
        CompletableFuture<Outcome> found = later(spec.timeout(), progress, what, this::existing, scheduler);
        current.set(found);
        found.whenComplete((o, e) -> {
            if (e != null || !o.done()) {
                finish(all, o, e, start, List.of());
                return;
            }
            List<Map<String, Object>> objects = new ArrayList<>(o.objects());
            objects.sort(Comparator.comparing((Map<String, Object> m) -> String.valueOf(ObjectRef.of(m).namespace()))
                    .thenComparing(m -> String.valueOf(ObjectRef.of(m).name())));
            each(objects.stream().map(m -> ObjectRef.of(m)).toList(), 0, new ArrayList<>(), spec, progress, scheduler, all, current, start);
        });
        return all;
    }

    private void each(List<ObjectRef> refs, int index, List<Map<String, Object>> satisfied, WaitSpec spec, Progress progress,
                      RunScheduler scheduler, CompletableFuture<Outcome> all, AtomicReference<CompletableFuture<Outcome>> current, long start) {
        if (index == refs.size() || all.isDone()) {
            all.complete(new Outcome(true, Map.of(), null, System.currentTimeMillis() - start, satisfied));
            return;
        }
        ObjectRef ref = refs.get(index);
        CompletableFuture<Outcome> one = later(spec.timeout(), progress, "waiting for " + ref.label() + " " + spec.describe(),
                () -> pendingFor(spec, ref), scheduler);
        current.set(one);
        if (all.isDone()) {
            one.cancel(true);
            return;
        }
        one.whenComplete((o, e) -> {
            if (e != null || !o.done()) {
                finish(all, o, e, start, satisfied);
                return;
            }
            satisfied.addAll(o.objects());
            each(refs, index + 1, satisfied, spec, progress, scheduler, all, current, start);
        });
    }

    private static void finish(CompletableFuture<Outcome> all, Outcome o, Throwable e, long start, List<Map<String, Object>> before) {
        if (e != null) {
            all.completeExceptionally(e);
            return;
        }
        List<Map<String, Object>> seen = new ArrayList<>(before);
        seen.addAll(o.objects());
        all.complete(new Outcome(false, o.pending(), o.hopeless(), System.currentTimeMillis() - start, seen));
    }

    /** Done when every source has objects, whatever their state (kubernetes.core's first look, for what exists). */
    private Outcome existing() {
        Map<String, String> pending = new LinkedHashMap<>();
        List<Map<String, Object>> seen = new ArrayList<>();
        for (Source s : sources) {
            List<GenericKubernetesResource> items = s.informer.getStore().list();
            if (items.isEmpty()) {
                pending.put(s.label, "does not exist yet");
            }
            items.forEach(item -> seen.add(conn.toMap(item)));
        }
        return new Outcome(pending.isEmpty(), pending, null, 0, seen);
    }

    /** The one object {@code ref} names, among the sources' objects, judged by {@code spec}. */
    private Outcome pendingFor(WaitSpec spec, ObjectRef ref) {
        for (Source s : sources) {
            for (GenericKubernetesResource item : s.informer.getStore().list()) {
                Map<String, Object> object = conn.toMap(item);
                ObjectRef r = ObjectRef.of(object);
                if (java.util.Objects.equals(r.namespace(), ref.namespace()) && java.util.Objects.equals(r.name(), ref.name())) {
                    Readiness.Verdict v = spec.check(object);
                    String why = ref.label() + ": " + v.reason();
                    return new Outcome(v.ready(), v.ready() ? Map.of() : Map.of(ref.label(), v.reason()), v.hopeless() ? why : null, 0,
                            List.of(object));
                }
            }
        }
        return new Outcome(false, Map.of(ref.label(), "no longer exists"), null, 0, List.of());
    }

    /** As {@link #untilGone}, without a thread, as {@link #untilSatisfiedLater}. */
    CompletableFuture<Outcome> untilGoneLater(Duration timeout, Progress progress, String what, RunScheduler scheduler) {
        return later(timeout, progress, what, this::stillThere, scheduler);
    }

    /**
     * A module's result of a wait that holds no thread: {@code start} sets up this wait's watches and starts it (with
     * {@link #untilSatisfiedLater} or {@link #untilGoneLater}), {@code answer} makes the result of how it ended. A later
     * result, so the host's fork goes to the next host meanwhile. The informers are closed however the wait ends (its
     * end, the task's timeout or an interrupt, which cancel it) on {@code scheduler}'s blocking threads, and at once
     * when the wait does not start.
     */
    Result answerLater(RunScheduler scheduler, Supplier<CompletableFuture<Outcome>> start, Function<Outcome, Result> answer) {
        boolean waiting = false;
        try {
            CompletableFuture<Outcome> ended = start.get();
            CompletableFuture<Result> result = ended.thenApply(answer);
            result.whenComplete((r, e) -> {
                ended.cancel(true);
                scheduler.execute(WatchedWait.UPKEEP, this::close);
            });
            waiting = true;
            return Result.later(result);
        } finally {
            if (!waiting) {
                close();
            }
        }
    }

    private CompletableFuture<Outcome> later(Duration timeout, Progress progress, String what, Supplier<Outcome> check,
                                             RunScheduler scheduler) {
        long start = System.currentTimeMillis();
        Outcome[] last = {null};
        WatchedWait.Upkeep upkeep = new WatchedWait.Upkeep(liveness::due, liveness::check);
        CompletableFuture<Optional<Outcome>> wait = WatchedWait.start(signal, upkeep, () -> {
            Outcome o = check.get();
            last[0] = o;
            return o.done() || o.hopeless() != null ? Optional.of(o) : Optional.empty();
        }, timeout, progress, seconds -> what + " (" + seconds + " s): " + (last[0] == null ? "starting" : summary(last[0])), scheduler);
        CompletableFuture<Outcome> ended = wait.thenApply(done -> {
            Outcome o = done.orElse(last[0]);
            return new Outcome(o.done(), o.pending(), o.hopeless(), System.currentTimeMillis() - start, o.objects());
        });
        ended.whenComplete((o, e) -> wait.cancel(true));
        return ended;
    }

    private Outcome await(Duration timeout, Progress progress, String what, Supplier<Outcome> check)
            throws InterruptedException {
        long start = System.currentTimeMillis();
        Outcome[] last = {null};
        Optional<Outcome> done = signal.await(() -> {
            Outcome o = check.get();
            last[0] = o;
            return o.done() || o.hopeless() != null ? Optional.of(o) : Optional.empty();
        }, timeout, progress, seconds -> what + " (" + seconds + " s): " + (last[0] == null ? "starting" : summary(last[0])));
        Outcome o = done.orElse(last[0]);
        return new Outcome(o.done(), o.pending(), o.hopeless(), System.currentTimeMillis() - start, o.objects());
    }

    private static String summary(Outcome o) {
        return o.pending().size() + " waiting — " + o.pendingText();
    }

    @Override
    public void close() {
        sources.forEach(s -> s.informer.close());
    }
}
