package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.RunScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code wait_pods}: watches a namespace until the selected pods (and named Deployments / StatefulSets)
 * are ready by Kubernetes' own rules, showing {@code tsb: 9/14 ready (37 s) — waiting: central, oap, web}.
 * A selector that matches nothing fails after a short grace period instead of waiting the whole timeout;
 * on timeout every pod that is not ready is listed with the reason.
 */
public final class WaitPods extends K8sModule {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("namespace").description("default: the host's namespace, else default"))
            .arg(Arg.str("selector").description("label selector of the pods; empty = every pod of the namespace"))
            .arg(Arg.list("deployments").elements(ArgType.STR).description("Deployments that must be rolled out and available"))
            .arg(Arg.list("statefulsets").elements(ArgType.STR).description("StatefulSets that must be rolled out and ready"))
            .arg(Arg.integer("min_ready").description("done when at least this many selected pods are ready"))
            .arg(Arg.integer("expected").description("done when exactly this many selected pods exist and all are ready"))
            .arg(Arg.duration("timeout").defaultValue("600s"))
            .arg(Arg.str("follow_logs").description("label selector whose pods' logs are streamed while waiting"))
            .arg(Arg.str("zero_matches").defaultValue("fail").choices("fail", "wait")
                    .description("fail: give up after zero_matches_grace when nothing matches; wait: keep waiting"))
            .arg(Arg.duration("zero_matches_grace").defaultValue("30s"))
            .arg(Arg.list("stop_on_log_errors").elements(ArgType.STR).description("log categories (database_auth, "
                    + "database_unreachable, elastic_auth, elastic_unreachable, tls, mp_unreachable, token) that end the wait "
                    + "at once when the latest lines of a pod that is not ready show them"))
            .mutuallyExclusive("min_ready", "expected")
            .build();

    /** How often the logs of pods that are not ready are read for {@code stop_on_log_errors}. */
    private static final long LOG_CHECK_MS = 2000;

    @Override
    public String name() {
        return "wait_pods";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Wait until pods and workloads are ready, with progress, log following and reasons on timeout";
    }

    @Override
    Result run(ModuleContext ctx, ClusterConnection conn) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        checkCounts(args);
        String namespace = args.string("namespace") != null ? args.string("namespace") : conn.target().namespaceOrDefault();
        List<String> deployments = args.strings("deployments");
        List<String> statefulsets = args.strings("statefulsets");
        boolean podsCount = args.string("selector") != null || (deployments.isEmpty() && statefulsets.isEmpty());
        String selector = args.string("selector") == null ? "" : args.string("selector").trim();
        ApiLiveness liveness = new ApiLiveness(conn);
        ChangeSignal signal = new ChangeSignal(liveness);
        List<AutoCloseable> open = new ArrayList<>();
        boolean waiting = false;
        try {
            SharedIndexInformer<Pod> pods = liveness.watch(selector.isEmpty()
                    ? conn.client().pods().inNamespace(namespace).inform(signal, 0)
                    : conn.client().pods().inNamespace(namespace).withLabelSelector(selector).inform(signal, 0));
            open.add(pods);
            SharedIndexInformer<Deployment> deps = deployments.isEmpty() ? null
                    : liveness.watch(conn.client().apps().deployments().inNamespace(namespace).inform(signal, 0));
            SharedIndexInformer<StatefulSet> sets = statefulsets.isEmpty() ? null
                    : liveness.watch(conn.client().apps().statefulSets().inNamespace(namespace).inform(signal, 0));
            if (deps != null) {
                open.add(deps);
            }
            if (sets != null) {
                open.add(sets);
            }
            if (args.string("follow_logs") != null && !ctx.checkMode()) {
                open.add(new LogFollower(conn.client(), namespace, args.string("follow_logs"), ctx.progress()));
            }
            Census census = new Census(conn, pods, deps, sets, deployments, statefulsets, podsCount);
            RunScheduler scheduler = ctx.scheduler();
            CompletableFuture<Result> result = await(ctx, args, namespace, selector, census, signal, liveness, podsCount, scheduler);
            // the informers and log streams are closed however the wait ends (its end, the task's timeout, an interrupt)
            result.whenComplete((r, e) -> scheduler.execute(WatchedWait.UPKEEP, () -> close(open)));
            waiting = true;
            return Result.later(result);
        } finally {
            if (!waiting) {
                close(open);
            }
        }
    }

    private static void close(List<AutoCloseable> open) {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing watches: nothing useful to report
            }
        }
    }

    /** When the wait is over, from the arguments. */
    private record Goal(Integer minReady, Integer expected, boolean podsCount, long graceMillis, boolean failOnZero, boolean check) {
        static Goal of(Args args, boolean podsCount, boolean check) {
            return new Goal(args.integer("min_ready"), args.integer("expected"), podsCount,
                    args.duration("zero_matches_grace").toMillis(), "fail".equals(args.string("zero_matches")), check);
        }

        /** {@code ready}, {@code check}, {@code zero}, {@code hopeless}, or empty to keep waiting. */
        Optional<String> decide(PodCensus c, long elapsedMillis) {
            if (c.satisfied(minReady, expected, podsCount)) {
                return Optional.of("ready");
            }
            if (check) {
                return Optional.of("check");
            }
            if (failOnZero && elapsedMillis >= graceMillis && (c.nothingMatches(podsCount) || !c.missingWorkloads().isEmpty())) {
                return Optional.of("zero");
            }
            return c.workloads().stream().anyMatch(e -> e.verdict().hopeless()) ? Optional.of("hopeless") : Optional.empty();
        }
    }

    /**
     * Waits without a thread ({@link WatchedWait}): the host's fork goes to the next host meanwhile. The checks read the
     * informers' caches; what asks the server runs on the scheduler's threads: a liveness probe on its blocking ones,
     * the logs {@code stop_on_log_errors} reads and the fresh census and reasons of a wait that did not end ready on its
     * read ones.
     */
    private CompletableFuture<Result> await(ModuleContext ctx, Args args, String namespace, String selector, Census census,
                                            ChangeSignal signal, ApiLiveness liveness, boolean podsCount, RunScheduler scheduler) {
        Goal goal = Goal.of(args, podsCount, ctx.checkMode());
        long start = System.currentTimeMillis();
        AtomicReference<PodCensus> last = new AtomicReference<>();
        LogWatch logs = new LogWatch(census.conn(), namespace, args.strings("stop_on_log_errors"), scheduler, signal::bump);
        WatchedWait.Upkeep upkeep = new WatchedWait.Upkeep(liveness::due, liveness::check);
        CompletableFuture<Optional<String>> wait = WatchedWait.start(signal, upkeep, () -> {
            PodCensus c = census.take();
            last.set(c);
            Optional<String> decided = goal.decide(c, System.currentTimeMillis() - start);
            if (decided.isEmpty() && logs.showedErrors()) {
                return Optional.of("log_errors");
            }
            if (decided.isEmpty()) {
                logs.readIfDue(c);
            }
            return decided;
        }, args.duration("timeout"), ctx.progress(), seconds -> last.get() == null ? namespace + ": starting"
                : last.get().progress(namespace, seconds), scheduler);
        String what = describe(namespace, selector, podsCount);
        CompletableFuture<Result> result = wait.thenCompose(ended -> {
            if (ended.isPresent() && !ended.get().equals("hopeless") && !ended.get().equals("log_errors")) {
                return CompletableFuture.completedFuture(report(last.get(), ended.get(), census, namespace, what, args, start));
            }
            // the reasons (and at the timeout a fresh census: never declared on a cache that missed an event) are requests
            return CompletableFuture.supplyAsync(() -> {
                PodCensus c = last.get();
                String outcome = ended.orElse("timeout");
                if (ended.isEmpty()) {
                    c = census.fresh(namespace, selector);
                    if (c.satisfied(goal.minReady(), goal.expected(), podsCount)) {
                        outcome = "ready";
                    }
                }
                return report(c, outcome, census, namespace, what, args, start);
            }, scheduler.executor(WatchedWait.READS));
        });
        result.whenComplete((r, e) -> wait.cancel(true));
        return result;
    }

    /**
     * The logs {@code stop_on_log_errors} reads, every {@link #LOG_CHECK_MS} while pods are not ready: requests, read on
     * the scheduler's read threads while the wait goes on; {@code onRead} wakes the wait when they showed a category
     * (or failed: the wait then fails as a blocked read would have failed it).
     */
    private static final class LogWatch {
        private final ClusterConnection conn;
        private final String namespace;
        private final List<String> stopOn;
        private final RunScheduler scheduler;
        private final Runnable onRead;
        private final AtomicBoolean reading = new AtomicBoolean();
        private volatile long readAt;
        private volatile boolean showed;
        private volatile RuntimeException failed;

        LogWatch(ClusterConnection conn, String namespace, List<String> stopOn, RunScheduler scheduler, Runnable onRead) {
            this.conn = conn;
            this.namespace = namespace;
            this.stopOn = stopOn;
            this.scheduler = scheduler;
            this.onRead = onRead;
        }

        /** Starts a read of the logs of {@code c}'s pods that are not ready, when one is due and none is under way. */
        void readIfDue(PodCensus c) {
            long now = System.currentTimeMillis();
            if (stopOn.isEmpty() || c.unreadyPods().isEmpty() || now - readAt < LOG_CHECK_MS || !reading.compareAndSet(false, true)) {
                return;
            }
            readAt = now;
            java.util.Set<String> pods = java.util.Set.copyOf(c.unreadyPods());
            scheduler.execute(WatchedWait.READS, () -> {
                try {
                    showed = PodLogDiagnosis.shows(PodLogDiagnosis.of(conn, namespace, pods), stopOn);
                } catch (RuntimeException e) {
                    failed = e;
                } finally {
                    reading.set(false);
                }
                if (showed || failed != null) {
                    onRead.run();
                }
            });
        }

        /** Whether the logs showed a category; a read that failed is thrown. */
        boolean showedErrors() {
            if (failed != null) {
                throw failed;
            }
            return showed;
        }
    }

    private Result report(PodCensus c, String outcome, Census census, String namespace, String what, Args args, long start) {
        double seconds = (System.currentTimeMillis() - start) / 1000.0;
        long grace = args.duration("zero_matches_grace").toSeconds();
        Result result = Result.ok().with("namespace", namespace).with("ready", c.ready()).with("total", c.total())
                .with("pods", c.podRows()).with("duration", seconds);
        return switch (outcome) {
            case "ready" -> result.withMsg(what + ": " + c.ready() + "/" + c.total() + " pods ready after " + Math.round(seconds) + " s");
            case "check" -> result.withMsg("check mode, not waiting: " + what + " has " + c.ready() + "/" + c.total() + " pods ready now");
            case "zero" -> result.withFailed(true).withMsg(c.missingWorkloads().isEmpty()
                    ? "nothing matches " + what + " after " + grace + " s (zero_matches: fail); check the selector and namespace"
                    : String.join(", ", c.missingWorkloads()) + " not found in namespace " + namespace + " after " + grace + " s");
            default -> {
                List<String> unready = c.unreadyReport(PodWarnings.latest(census.conn(), namespace, c.unreadyPods()));
                LogClassification logs = PodLogDiagnosis.of(census.conn(), namespace, c.unreadyPods());
                String why = logs.found().isEmpty() ? "" : "; " + logs.failureMessage("their logs");
                String how = switch (outcome) {
                    case "hopeless" -> "gave up waiting for ";
                    case "log_errors" -> "stopped waiting (the logs show " + String.join(", ", logs.found().stream()
                            .map(LogCategory::name).distinct().toList()) + ") for ";
                    default -> "timed out after " + args.duration("timeout").toSeconds() + " s waiting for ";
                };
                yield result.withFailed(true).with("not_ready", unready).with("log_categories", logs.asResult())
                        .withMsg(how + what + " (" + c.ready() + "/" + c.total() + " ready); not ready: " + String.join("; ", unready) + why);
            }
        };
    }

    private static String describe(String namespace, String selector, boolean podsCount) {
        if (!podsCount) {
            return "workloads in " + namespace;
        }
        return selector.isEmpty() ? "pods in " + namespace : "pods " + selector + " in " + namespace;
    }

    private static void checkCounts(Args args) {
        for (String name : List.of("min_ready", "expected")) {
            Integer n = args.integer(name);
            if (n != null && n < 0) {
                throw new UserError(args.position(name), "argument '" + name + "' must be 0 or more, not " + n);
            }
        }
    }

    /** Reads the informers' stores into a {@link PodCensus}. */
    private record Census(ClusterConnection conn, SharedIndexInformer<Pod> pods, SharedIndexInformer<Deployment> deps,
                          SharedIndexInformer<StatefulSet> sets, List<String> deployments, List<String> statefulsets,
                          boolean podsCount) {
        /** From the informers' caches (no API call). */
        PodCensus take() {
            return take(pods.getStore().list(), deps == null ? List.of() : deps.getStore().list(),
                    sets == null ? List.of() : sets.getStore().list());
        }

        /** From a fresh read of the API: a timeout is never declared on a cache that missed an event. */
        PodCensus fresh(String namespace, String selector) {
            var podOps = conn.client().pods().inNamespace(namespace);
            List<Pod> current = selector.isEmpty() ? podOps.list().getItems() : podOps.withLabelSelector(selector).list().getItems();
            return take(current, deps == null ? List.of() : conn.client().apps().deployments().inNamespace(namespace).list().getItems(),
                    sets == null ? List.of() : conn.client().apps().statefulSets().inNamespace(namespace).list().getItems());
        }

        private PodCensus take(List<Pod> podList, List<Deployment> depList, List<StatefulSet> setList) {
            List<Map<String, Object>> workloads = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            collect(depList, deployments, "Deployment", workloads, missing);
            collect(setList, statefulsets, "StatefulSet", workloads, missing);
            List<Map<String, Object>> podMaps = new ArrayList<>();
            for (Pod p : podList) {
                Map<String, Object> pod = conn.toMap(p);
                if (podsCount || workloads.stream().anyMatch(w -> selects(w, pod))) {
                    podMaps.add(pod);
                }
            }
            return PodCensus.of(podMaps, workloads, missing);
        }

        private void collect(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> objects, List<String> names, String kind,
                             List<Map<String, Object>> workloads, List<String> missing) {
            for (String name : names) {
                Object found = objects.stream().filter(o -> name.equals(o.getMetadata().getName()))
                        .findFirst().orElse(null);
                if (found == null) {
                    missing.add(kind + " " + name);
                } else {
                    Map<String, Object> w = conn.toMap(found);
                    w.putIfAbsent("kind", kind);
                    workloads.add(w);
                }
            }
        }

        @SuppressWarnings("unchecked")
        private static boolean selects(Map<String, Object> workload, Map<String, Object> pod) {
            Object match = FieldPath.read(workload, "spec.selector.matchLabels").orElse(null);
            Object labels = FieldPath.read(pod, "metadata.labels").orElse(Map.of());
            if (!(match instanceof Map<?, ?> m) || m.isEmpty() || !(labels instanceof Map<?, ?> l)) {
                return false;
            }
            return ((Map<String, Object>) m).entrySet().stream().allMatch(e -> String.valueOf(e.getValue()).equals(String.valueOf(l.get(e.getKey()))));
        }
    }
}
