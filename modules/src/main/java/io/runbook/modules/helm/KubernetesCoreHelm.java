package io.runbook.modules.helm;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.WrittenArgs;
import io.runbook.modules.k8s.ClusterConnection;
import io.runbook.modules.k8s.K8sArgs;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code helm} ({@code kubernetes.core.helm}): kubernetes.core 2.4.0's arguments, changed rule, check mode and
 * registered result ({@code status}, {@code command}, {@code stdout}, {@code stderr}), on the Helm that
 * {@code helm_release} runs in process. What helm-java cannot do (a post-renderer, skipping hooks on install or
 * upgrade) and connection arguments other than a kubeconfig and its context are refused before anything runs.
 */
public final class KubernetesCoreHelm implements Module {
    private static final ArgSpec SPEC = withConnection(ArgSpec.builder()
            .arg(Arg.str("release_name").required().aliases("name"))
            .arg(Arg.str("release_namespace").required().aliases("namespace"))
            .arg(Arg.str("release_state").defaultValue("present").choices("present", "absent").aliases("state"))
            .arg(Arg.str("chart_ref").description("a chart folder or .tgz (relative to the playbook), repo/chart, oci://…, or a chart name in chart_repo_url"))
            .arg(Arg.str("chart_repo_url"))
            .arg(Arg.str("chart_version"))
            .arg(Arg.dict("release_values").defaultValue(Map.of()).aliases("values"))
            .arg(Arg.list("values_files").elements(ArgType.PATH).defaultValue(List.of()).description("read before release_values"))
            .arg(Arg.list("set_values").elements(ArgType.DICT).description("entries {value: key=value, value_type: raw|string|json|file}"))
            .arg(Arg.bool("update_repo_cache").defaultValue(false).description("helm repo update of the user's repositories first"))
            .arg(Arg.bool("dependency_update").defaultValue(false).aliases("dep_up"))
            .arg(Arg.bool("disable_hook").defaultValue(false).description("state absent only (helm-java cannot skip hooks on install or upgrade)"))
            .arg(Arg.bool("force").defaultValue(false))
            .arg(Arg.bool("purge").defaultValue(true))
            .arg(Arg.bool("wait").defaultValue(false))
            .arg(Arg.str("wait_timeout").description("a Go duration, with wait"))
            .arg(Arg.str("timeout").description("a Go duration; default 5m0s"))
            .arg(Arg.bool("atomic").defaultValue(false))
            .arg(Arg.bool("create_namespace").defaultValue(false))
            .arg(Arg.str("post_renderer").description("refused: helm-java has no post-renderer"))
            .arg(Arg.bool("replace").defaultValue(false))
            .arg(Arg.bool("skip_crds").defaultValue(false))
            .arg(Arg.integer("history_max")))
            .mutuallyExclusive("replace", "history_max")
            .mutuallyExclusive("wait_timeout", "timeout")
            .build();
    private static final ArgumentRefusal REFUSAL = KubernetesCoreHelm::refuse;
    /** kubernetes.core's environment fallbacks for the connection arguments the engine does not take. */
    private static final Map<String, String> REFUSED_ENV = Map.of("K8S_AUTH_HOST", "host", "K8S_AUTH_API_KEY", "api_key",
            "K8S_AUTH_SSL_CA_CERT", "ca_cert");

    /** kubernetes.core's Helm connection arguments (HELM_AUTH_ARG_SPEC): a kubeconfig and its context; the others are refused. */
    static ArgSpec.Builder withConnection(ArgSpec.Builder b) {
        return b.arg(Arg.path("binary_path").description("ignored (with a warning): Helm runs in process"))
                .arg(Arg.raw("kubeconfig").aliases("kubeconfig_path").description("a kubeconfig file; default K8S_AUTH_KUBECONFIG, else the host's"))
                .arg(Arg.str("context").aliases("kube_context").description("default K8S_AUTH_CONTEXT, else the kubeconfig's current context"))
                .arg(Arg.str("host").description("refused: name the cluster with kubeconfig"))
                .arg(Arg.str("api_key").secret().description("refused: name the cluster with kubeconfig"))
                .arg(Arg.path("ca_cert").aliases("ssl_ca_cert").description("refused: name the cluster with kubeconfig"))
                .arg(Arg.bool("validate_certs").defaultValue(true).aliases("verify_ssl").description("false is refused"))
                .mutuallyExclusive("context", "ca_cert");
    }

    @Override
    public String name() {
        return "helm";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "kubernetes.core.helm: install, upgrade or uninstall a Helm release with kubernetes.core's arguments and results";
    }

    @Override
    public void checkWritten(WrittenArgs args) {
        REFUSAL.beforeRun(SPEC, args);
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        REFUSAL.inRun(args, "release_name");
        refuseEnvironment(ctx);
        ignoreBinaryPath(ctx, "the engine runs Helm in process (helm-java)");
        ClusterConnection conn = ClusterConnection.of(ctx);
        ReleaseRequest req = CoreHelmRequest.from(ctx);
        ValuesMask.register(ctx, req.values());
        ReleaseStorage storage = new ReleaseStorage(conn.client(), ctx.checkMode() ? conn.predicted() : null);
        HelmAccess helm = new HelmAccess(ctx, conn.target());
        return HelmRelease.apiErrorsTranslated(conn, () -> {
            if (args.bool("update_repo_cache")) {
                helm.updateRepositories();
            }
            Map<String, Object> before = CoreHelmStatus.of(storage.latest(req.namespace(), req.name()));
            Result done;
            String output;
            if (req.present()) {
                boolean force = args.bool("force");
                ReleaseDeploy deploy = new ReleaseDeploy(ctx, req, storage, helm, conn, (d, w) -> CoreHelmCheck.decide(d, w, force));
                done = deploy.run();
                output = deploy.output();
            } else {
                ReleaseUninstall.Outcome uninstall = new ReleaseUninstall(ctx, req, storage, helm, conn).run();
                done = uninstall.result();
                output = uninstall.output();
            }
            return done.isFailed() ? done : registered(ctx, req, done, before, output, storage);
        });
    }

    /** The result as kubernetes.core registers it: changed, status, command, stdout, stderr (and the engine's msg and diffs). */
    private static Result registered(ModuleContext ctx, ReleaseRequest req, Result done, Map<String, Object> before, String output,
                                     ReleaseStorage storage) {
        Object status;
        if (ctx.checkMode()) {
            status = Map.of("values", Map.of("current", before == null ? Map.of() : before.get("values"),
                    "declared", before == null ? Map.of() : before));
        } else {
            status = done.isChanged() ? CoreHelmStatus.of(storage.latest(req.namespace(), req.name())) : before;
        }
        Result out = Result.changed(done.isChanged()).withMsg(done.msg()).with("status", status)
                .with("command", CoreHelmCommand.of(ctx.args(), req.present(), done.isChanged()))
                .with("stdout", output == null ? "" : output).with("stderr", "");
        for (io.runbook.engine.module.Diff diff : done.diffs()) {
            out = out.withDiff(diff);
        }
        return out;
    }

    /** kubernetes.core's binary_path, which names a helm the engine does not run: a warning that says {@code why}. */
    static void ignoreBinaryPath(ModuleContext ctx, String why) {
        if (ctx.args().raw("binary_path") != null) {
            ctx.warn("binary_path is not used: " + why);
        }
    }

    /** What the engine cannot do as asked, refused with the argument's place: the same checks before the run and in it. */
    private static void refuse(Function<String, Object> value, java.util.function.Predicate<String> given,
                               Function<String, SourcePosition> at, SourcePosition task) {
        K8sArgs.checkConnection(value, at);
        if (value.apply("post_renderer") != null) {
            throw new UserError(at.apply("post_renderer"), "post_renderer is not supported: the engine runs Helm in process"
                    + " (helm-java), which has no post-renderer; patch the chart's output with kustomize beforehand, or use helm_release");
        }
        // a templated state is known only when the task runs: the checks for present wait until then
        boolean present = !given.test("release_state") || "present".equals(String.valueOf(value.apply("release_state")));
        if (present && truthy(value.apply("disable_hook"))) {
            throw new UserError(at.apply("disable_hook"), "disable_hook is not supported on install or upgrade: helm-java"
                    + " cannot skip hooks there (it can on uninstall, with state: absent)");
        }
        if (present && !given.test("chart_ref")) {
            throw new UserError(task, "release_state is present but all of the following are missing: chart_ref");
        }
        CoreHelmRequest.checkSetValues(value.apply("set_values"), at.apply("set_values"));
    }

    private static boolean truthy(Object v) {
        return Boolean.TRUE.equals(v) || v != null && List.of("true", "yes", "on", "1").contains(String.valueOf(v).toLowerCase(java.util.Locale.ROOT));
    }

    /** kubernetes.core would take these from the environment; the engine cannot, so it says so instead of ignoring them. */
    static void refuseEnvironment(ModuleContext ctx) throws ModuleException {
        for (Map.Entry<String, String> e : REFUSED_ENV.entrySet()) {
            String set = ctx.processEnvironment().get(e.getKey());
            if (set != null && !set.isEmpty()) {
                throw new ModuleException(e.getKey() + " is set, which kubernetes.core.helm would use as " + e.getValue()
                        + "; the engine's helm does not take " + e.getValue() + ": unset it and name the cluster with kubeconfig");
            }
        }
    }

    /** A literal argument as written under its name or an alias (absent while it is a template). */
    static Object literal(ArgSpec spec, WrittenArgs args, String name) {
        Arg arg = spec.find(name).orElse(null);
        if (arg == null) {
            return null;  // not this module's argument (K8sArgs.checkConnection asks for kubernetes.core's whole list)
        }
        for (String written : names(arg)) {
            if (args.values().containsKey(written)) {
                return args.literal(written).orElse(null);
            }
        }
        return null;
    }

    /** Whether the task writes the argument, under its name or an alias (a template counts). */
    static boolean written(ArgSpec spec, WrittenArgs args, String name) {
        return names(spec.find(name).orElseThrow()).stream().anyMatch(args.values()::containsKey);
    }

    static SourcePosition position(ArgSpec spec, WrittenArgs args, String name) {
        Arg arg = spec.find(name).orElse(null);
        return arg == null ? args.task() : names(arg).stream().filter(args.positions()::containsKey).findFirst().map(args::position).orElse(args.task());
    }

    private static List<String> names(Arg arg) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(arg.name()), arg.aliases().stream()).toList();
    }
}
