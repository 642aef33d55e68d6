package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code cluster_probe}: checks endpoints from inside the cluster, not from the operator's machine — a short-lived
 * Job whose pod runs one container per check ({@code nc -z}, {@code psql … select 1}, {@code curl -f}), with the
 * credentials in a short-lived Secret owned by the Job (what a killed run leaves goes with the Job, at its deadline and
 * TTL). Waits for the pod to finish, reads what each check printed, deletes the Job
 * and the Secret, and tells per check: ok, timeout (firewall), refused, no_such_host or auth_failed, with the remedy.
 * Never {@code changed} (what it creates is gone when it returns); in check mode nothing is created or checked. The
 * wait is a {@link Result#later} result: a host waiting for its probe pod holds neither a fork nor a thread.
 */
public final class ClusterProbe extends K8sModule {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.list("checks").required().description("each {name, kind: tcp|postgres|http, host, port, url, database, "
                    + "username, password, insecure, what, image}"))
            .arg(Arg.str("namespace").defaultValue("default").description("where the probe Job runs"))
            .arg(Arg.duration("timeout").defaultValue("180s").description("how long the probe pod may take (image pulls included)"))
            .arg(Arg.duration("connect_timeout").defaultValue("10s").description("each check's own connect timeout"))
            .arg(Arg.dict("images").description("image per kind (tcp, postgres, http), e.g. from a private registry"))
            .arg(Arg.bool("fail_on_error").defaultValue(true).description("fail when a check does not succeed"))
            .build();

    @Override
    public String name() {
        return "cluster_probe";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Check endpoints (TCP, Postgres login, HTTP) from inside the cluster with a short-lived Job";
    }

    @Override
    Result run(ModuleContext ctx, ClusterConnection conn) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        List<ProbeCheck> checks = new ArrayList<>();
        Map<String, Object> images = args.map("images") == null ? Map.of() : args.map("images");
        for (Object entry : args.list("checks")) {
            ProbeCheck check = ProbeCheck.parse(entry, images, args.position("checks"));
            if (check.password() != null && !check.password().isEmpty()) {
                ctx.secret(check.password());
            }
            if (checks.stream().anyMatch(c -> c.name().equals(check.name()))) {
                throw new UserError(args.position("checks"), "argument 'checks': two checks are named '" + check.name() + "'");
            }
            checks.add(check);
        }
        if (checks.isEmpty()) {
            throw new UserError(args.position("checks"), "argument 'checks': give at least one check");
        }
        String namespace = args.string("namespace");
        if (ctx.checkMode()) {
            return Result.ok().with("checks", Map.of()).withMsg("check mode: would check " + targets(checks)
                    + " from inside the cluster (namespace " + namespace + ")");
        }
        String name = "runbook-probe-" + UUID.randomUUID().toString().substring(0, 8);
        ProbeJobs jobs = ProbeJobs.of(ctx, conn);
        jobs.started(namespace, name);
        SharedIndexInformer<Pod> pods = null;
        boolean waiting = false;
        try {
            ApiLiveness liveness = new ApiLiveness(conn);
            ChangeSignal signal = new ChangeSignal(liveness);
            pods = liveness.watch(conn.client().pods().inNamespace(namespace).withLabel("job-name", name).inform(signal, 0));
            // the Job first, then the Secret it owns: the cluster deletes the Secret with the Job, even when this run is
            // killed before its own deletes; the pod waits for the Secret (the kubelet retries until it is there)
            Job created = conn.client().batch().v1().jobs().inNamespace(namespace).resource(job(namespace, name, checks, args)).create();
            createSecret(conn, created, checks);
            // the wait holds no fork: the host's fork goes to the next host until the probe pod has run
            Result later = Result.later(awaitPod(ctx, conn, new Probe(namespace, name, checks, args), pods, signal, liveness, jobs));
            waiting = true;
            return later;
        } finally {
            if (!waiting) {
                if (pods != null) {
                    pods.close();
                }
                jobs.delete(namespace, name);
            }
        }
    }

    /** One run of the probe: where its Job runs, what it checks, with the task's arguments. */
    private record Probe(String namespace, String name, List<ProbeCheck> checks, Args args) {
    }

    /**
     * The Secret that holds the checks' credentials, read by the probe pod, owned by the probe Job as the Job's pods are
     * ({@code controller: true}), so that the cluster's garbage collector deletes it with the Job. Without
     * {@code blockOwnerDeletion}: it only matters to a foreground delete of the Job, and setting it needs the right to
     * update the Job's finalizers where the OwnerReferencesPermissionEnforcement admission plugin runs (OpenShift).
     */
    private static void createSecret(ClusterConnection conn, Job job, List<ProbeCheck> checks) {
        Map<String, String> data = new LinkedHashMap<>();
        checks.forEach(c -> data.putAll(c.secretData()));
        String namespace = job.getMetadata().getNamespace();
        conn.client().secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata()
                .withName(job.getMetadata().getName()).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "runbook")
                .addNewOwnerReference().withApiVersion("batch/v1").withKind("Job").withName(job.getMetadata().getName())
                .withUid(job.getMetadata().getUid()).withController(true).endOwnerReference()
                .endMetadata().withType("Opaque").withStringData(data).build()).create();
    }

    private static Job job(String namespace, String name, List<ProbeCheck> checks, Args args) {
        long connectTimeout = Math.max(1, args.duration("connect_timeout").toSeconds());
        PodSpecBuilder pod = new PodSpecBuilder().withRestartPolicy("Never").withAutomountServiceAccountToken(false);
        pod.addNewVolume().withName("credentials").withNewSecret().withSecretName(name).endSecret().endVolume();
        checks.forEach(c -> pod.addToContainers(c.container(name, connectTimeout)));
        return new JobBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/name", "runbook-probe").addToLabels("app.kubernetes.io/managed-by", "runbook")
                .endMetadata().withNewSpec().withBackoffLimit(0).withTtlSecondsAfterFinished(600)
                .withActiveDeadlineSeconds(args.duration("timeout").toSeconds() + 30)
                .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/name", "runbook-probe").endMetadata()
                .withSpec(pod.build()).endTemplate().endSpec().build();
    }

    /**
     * Waits, without a thread ({@link WatchedWait}), until the probe pod has run, then reads what each check printed (on
     * the scheduler's read threads): the result, or a failure saying why the pod did not finish in time. The informer is
     * closed and the Job and Secret deleted (on its blocking threads) before the result comes, and however the wait
     * ends: the engine cancels it at the task's timeout or an interrupt.
     */
    private CompletableFuture<Result> awaitPod(ModuleContext ctx, ClusterConnection conn, Probe probe, SharedIndexInformer<Pod> pods,
                                               ChangeSignal signal, ApiLiveness liveness, ProbeJobs jobs) {
        RunScheduler scheduler = ctx.scheduler();
        Duration timeout = probe.args().duration("timeout");
        boolean failOnError = probe.args().bool("fail_on_error");
        AtomicReference<Pod> last = new AtomicReference<>();
        CompletableFuture<Optional<Pod>> wait = WatchedWait.start(signal, new WatchedWait.Upkeep(liveness::due, liveness::check), () -> {
            List<Pod> list = pods.getStore().list();
            Pod pod = list.isEmpty() ? null : list.get(0);
            last.set(pod);
            String phase = pod == null || pod.getStatus() == null ? null : pod.getStatus().getPhase();
            return "Succeeded".equals(phase) || "Failed".equals(phase) ? Optional.of(pod) : Optional.empty();
        }, timeout, ctx.progress(), s -> "probing " + targets(probe.checks()) + " from inside the cluster (" + s + " s)"
                + (last.get() == null ? "" : ": " + PodDiagnosis.explain(conn.toMap(last.get()))), scheduler);
        CompletableFuture<Result> reported = wait.thenApplyAsync(done -> {
            if (done.isPresent()) {
                return report(conn, probe.namespace(), done.get(), probe.checks(), failOnError);
            }
            Pod pod = last.get();
            throw new ApiFailure.ObjectFailure("the probe Job did not complete in " + timeout.toSeconds() + " s: "
                    + (pod == null ? "its pod was never created" : "its pod did not finish: " + PodDiagnosis.explain(conn.toMap(pod))),
                    null);
        }, scheduler.executor(WatchedWait.READS));
        CompletableFuture<Result> result = new CompletableFuture<>();
        // cancelling the result cancels the wait and what reads the logs: this cleans up then
        reported.whenComplete((r, e) -> scheduler.execute(WatchedWait.UPKEEP, () -> {
            pods.close();
            try {
                jobs.delete(probe.namespace(), probe.name());
            } catch (RuntimeException deleteFailed) {
                if (e == null) {
                    result.completeExceptionally(deleteFailed);
                    return;
                }
            }
            if (e == null) {
                result.complete(r);
            } else {
                result.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            }
        }));
        result.whenComplete((r, e) -> {
            wait.cancel(true);
            reported.cancel(true);
        });
        return result;
    }

    private Result report(ClusterConnection conn, String namespace, Pod pod, List<ProbeCheck> checks, boolean failOnError) {
        Map<String, Object> results = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ProbeCheck check : checks) {
            int exit = exitCode(pod, check.name());
            String output = log(conn, namespace, pod, check.name());
            String outcome = ProbeCheck.outcome(exit, output);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("ok", outcome.equals("ok"));
            one.put("outcome", outcome);
            one.put("target", check.target());
            one.put("exit_code", exit);
            one.put("output", LineMask.mask(output.strip()));
            if (!outcome.equals("ok")) {
                one.put("remedy", check.remedy(outcome));
                String firstLine = output.strip().isEmpty() ? "exit code " + exit : output.strip().lines().findFirst().orElse("");
                problems.add(check.name() + " (" + check.target() + "): " + outcome + ": " + LineMask.mask(firstLine)
                        + " — remedy: " + check.remedy(outcome));
            }
            results.put(check.name(), one);
        }
        Result result = Result.ok().with("checks", results).with("namespace", namespace);
        if (problems.isEmpty()) {
            return result.withMsg("from inside the cluster: " + targets(checks) + " ok");
        }
        return result.withFailed(failOnError).withMsg("from inside the cluster: " + String.join("; ", problems));
    }

    private static int exitCode(Pod pod, String container) {
        return pod.getStatus().getContainerStatuses().stream().filter(c -> container.equals(c.getName()))
                .map(c -> c.getState() != null && c.getState().getTerminated() != null
                        ? c.getState().getTerminated().getExitCode() : null)
                .filter(java.util.Objects::nonNull).findFirst().orElse(-1);
    }

    private static String log(ClusterConnection conn, String namespace, Pod pod, String container) {
        String text = conn.client().pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                .inContainer(container).getLog();
        return text == null ? "" : text;
    }

    private static String targets(List<ProbeCheck> checks) {
        return String.join(", ", checks.stream().map(c -> c.name() + " (" + c.target() + ")").toList());
    }
}
