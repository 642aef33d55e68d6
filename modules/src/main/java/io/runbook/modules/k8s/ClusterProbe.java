package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code cluster_probe}: checks endpoints from inside the cluster, not from the operator's machine — a short-lived
 * Job whose pod runs one container per check ({@code nc -z}, {@code psql … select 1}, {@code curl -f}), with the
 * credentials in a short-lived Secret. Waits for the pod to finish, reads what each check printed, deletes the Job
 * and the Secret, and tells per check: ok, timeout (firewall), refused, no_such_host or auth_failed, with the remedy.
 * Never {@code changed} (what it creates is gone when it returns); in check mode nothing is created or checked.
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
        try {
            Pod pod = runJob(ctx, conn, namespace, name, checks, args);
            return report(conn, namespace, pod, checks, args.bool("fail_on_error"));
        } finally {
            conn.client().batch().v1().jobs().inNamespace(namespace).withName(name)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            conn.client().secrets().inNamespace(namespace).withName(name).delete();
        }
    }

    /** Creates the Secret and the Job, and waits until the pod has run (null: it did not finish in time). */
    private Pod runJob(ModuleContext ctx, ClusterConnection conn, String namespace, String name, List<ProbeCheck> checks,
                       Args args) throws InterruptedException {
        Map<String, String> data = new LinkedHashMap<>();
        checks.forEach(c -> data.putAll(c.secretData()));
        conn.client().secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(namespace).addToLabels("app.kubernetes.io/managed-by", "runbook").endMetadata()
                .withType("Opaque").withStringData(data).build()).create();
        long connectTimeout = Math.max(1, args.duration("connect_timeout").toSeconds());
        PodSpecBuilder pod = new PodSpecBuilder().withRestartPolicy("Never").withAutomountServiceAccountToken(false);
        pod.addNewVolume().withName("credentials").withNewSecret().withSecretName(name).endSecret().endVolume();
        checks.forEach(c -> pod.addToContainers(c.container(name, connectTimeout)));
        Job job = new JobBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/name", "runbook-probe").addToLabels("app.kubernetes.io/managed-by", "runbook")
                .endMetadata().withNewSpec().withBackoffLimit(0).withTtlSecondsAfterFinished(600)
                .withActiveDeadlineSeconds(args.duration("timeout").toSeconds() + 30)
                .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/name", "runbook-probe").endMetadata()
                .withSpec(pod.build()).endTemplate().endSpec().build();
        ApiLiveness liveness = new ApiLiveness(conn);
        ChangeSignal signal = new ChangeSignal(liveness);
        try (SharedIndexInformer<Pod> pods = liveness.watch(conn.client().pods().inNamespace(namespace)
                .withLabel("job-name", name).inform(signal, 0))) {
            conn.client().batch().v1().jobs().inNamespace(namespace).resource(job).create();
            Pod[] last = {null};
            Optional<Pod> done = signal.await(() -> {
                List<Pod> list = pods.getStore().list();
                last[0] = list.isEmpty() ? null : list.get(0);
                String phase = last[0] == null || last[0].getStatus() == null ? null : last[0].getStatus().getPhase();
                return "Succeeded".equals(phase) || "Failed".equals(phase) ? Optional.of(last[0]) : Optional.empty();
            }, args.duration("timeout"), ctx.progress(), s -> "probing " + targets(checks) + " from inside the cluster ("
                    + s + " s)" + (last[0] == null ? "" : ": " + PodDiagnosis.explain(conn.toMap(last[0]))));
            if (done.isPresent()) {
                return done.get();
            }
            throw new ApiFailure.ObjectFailure("the probe Job did not complete in " + args.duration("timeout").toSeconds()
                    + " s: " + (last[0] == null ? "its pod was never created"
                    : "its pod did not finish: " + PodDiagnosis.explain(conn.toMap(last[0]))), null);
        }
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
