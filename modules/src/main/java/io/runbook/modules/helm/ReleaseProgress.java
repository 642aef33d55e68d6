package io.runbook.modules.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.runbook.modules.k8s.ApiFailure;
import io.runbook.modules.k8s.ApiLost;
import io.runbook.engine.module.ModuleContext;
import io.runbook.modules.k8s.Readiness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * While Helm waits for a release, shows how far its workloads are, by the Kubernetes modules' readiness
 * rules: {@code tsb/mp: 3/5 workloads ready (37 s) — waiting: Deployment central, Deployment oap}. The
 * workloads are those of the manifest Helm is applying (read from the pending revision). Helm does the
 * waiting; this only reports, every two seconds.
 */
final class ReleaseProgress implements AutoCloseable {
    private static final long PERIOD_SECONDS = 2;
    private final ScheduledExecutorService timer;
    private final Thread waiter;
    private int failures;
    private volatile KubernetesClientException lost;

    private ReleaseProgress(ScheduledExecutorService timer, Thread waiter) {
        this.timer = timer;
        this.waiter = waiter;
    }

    /**
     * Starts reporting for the task waiting on this thread. Two reads in a row that cannot reach the API server
     * mean it is lost: the waiting thread is interrupted, and {@link #lost} then says what happened.
     */
    static ReleaseProgress start(ModuleContext ctx, ReleaseStorage storage, ReleaseRequest req) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "helm-progress-" + req.name());
            t.setDaemon(true);
            return t;
        });
        ReleaseProgress progress = new ReleaseProgress(timer, Thread.currentThread());
        long start = System.currentTimeMillis();
        timer.scheduleAtFixedRate(() -> progress.report(ctx, storage, req, start), PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
        return progress;
    }

    private void report(ModuleContext ctx, ReleaseStorage storage, ReleaseRequest req, long start) {
        try {
            ctx.progress().update(line(storage, req, (System.currentTimeMillis() - start) / 1000));
            failures = 0;
        } catch (KubernetesClientException e) {
            if (ApiFailure.isConnectivity(e) && ++failures >= 2 && lost == null) {
                lost = e;
                waiter.interrupt();
            }
        } catch (RuntimeException e) {
            // progress is best effort: Helm's own wait decides the outcome
        }
    }

    /**
     * When the API server was lost while Helm waited (the waiting thread was interrupted for it): the failure
     * that makes the host unreachable, with the interrupt cleared; else null.
     */
    ApiLost lost(String verb, ReleaseRequest req) {
        KubernetesClientException e = lost;
        if (e == null) {
            return null;
        }
        Thread.interrupted();
        return new ApiLost("Helm's " + verb + " of " + req.describe() + " was waiting for the release's workloads and two reads"
                + " of its state failed (" + HelmAccess.message(e) + "); the release is left as Helm last wrote it", e);
    }

    static String line(ReleaseStorage storage, ReleaseRequest req, long seconds) {
        StoredRelease latest = storage.latest(req.namespace(), req.name());
        List<String[]> workloads = latest == null ? List.of() : ReleaseManifest.workloads(latest.manifest());
        List<String> waiting = notReady(storage, req.namespace(), workloads, false);
        String text = req.describe() + ": " + (workloads.size() - waiting.size()) + "/" + workloads.size()
                + " workloads ready (" + seconds + " s)";
        return waiting.isEmpty() ? text : text + " — waiting: " + String.join(", ", waiting);
    }

    /**
     * The workloads of the release's newest revision that are not ready now, each with why one of its pods is
     * not: {@code Deployment web (pod web-5d8f: ImagePullBackOff …)}.
     */
    static List<String> notReady(ReleaseStorage storage, ReleaseRequest req) {
        StoredRelease latest = storage.latest(req.namespace(), req.name());
        return latest == null ? List.of() : notReady(storage, req.namespace(), ReleaseManifest.workloads(latest.manifest()), true);
    }

    private static List<String> notReady(ReleaseStorage storage, String namespace, List<String[]> workloads, boolean why) {
        List<String> waiting = new ArrayList<>();
        for (String[] w : workloads) {
            GenericKubernetesResource found = storage.client().genericKubernetesResources(apiVersion(w[0]), w[0])
                    .inNamespace(namespace).withName(w[1]).get();
            @SuppressWarnings("unchecked")
            Map<String, Object> object = found == null ? null
                    : storage.client().getKubernetesSerialization().convertValue(found, Map.class);
            Readiness.Verdict verdict = object == null ? null : Readiness.of(object);
            if (verdict == null || !verdict.ready()) {
                waiting.add(w[0] + " " + w[1] + (verdict == null ? " (missing)" : why ? podReason(storage, namespace, found) : ""));
            }
        }
        return waiting;
    }

    /** Why the first unready pod the workload selects is not ready, or nothing when no pod says. */
    private static String podReason(ReleaseStorage storage, String namespace, GenericKubernetesResource workload) {
        Object labels = workload.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                && spec.get("selector") instanceof Map<?, ?> selector ? selector.get("matchLabels") : null;
        if (!(labels instanceof Map<?, ?> match) || match.isEmpty()) {
            return "";
        }
        Map<String, String> selectorLabels = new java.util.LinkedHashMap<>();
        match.forEach((k, v) -> selectorLabels.put(String.valueOf(k), String.valueOf(v)));
        for (var pod : storage.client().pods().inNamespace(namespace).withLabels(selectorLabels).list().getItems()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = storage.client().getKubernetesSerialization().convertValue(pod, Map.class);
            object.putIfAbsent("kind", "Pod");
            Readiness.Verdict verdict = Readiness.of(object);
            if (!verdict.ready()) {
                return " (pod " + pod.getMetadata().getName() + ": " + verdict.reason() + ")";
            }
        }
        return "";
    }

    private static String apiVersion(String kind) {
        return kind.equals("Job") ? "batch/v1" : "apps/v1";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
