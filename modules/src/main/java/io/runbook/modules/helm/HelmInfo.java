package io.runbook.modules.helm;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.WrittenArgs;
import io.runbook.modules.k8s.ApiFailure;
import io.runbook.modules.k8s.ClusterConnection;
import io.runbook.modules.k8s.K8sArgs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code helm_info}: what {@code helm status} and {@code helm get values} show for a release, read from
 * Helm's release Secrets through the host's shared Kubernetes client (no Helm loaded). Never changes anything;
 * a missing release is {@code exists: false}. The values are returned as stored (a backup needs them), but
 * every value under a secret-looking key is registered with the run's redactor so no output shows it. A task written
 * as kubernetes.core.helm_info ({@link #writtenForKubernetesCore}) also takes that module's arguments (release_state,
 * get_all_values, kubeconfig, context) and registers its {@code status} mapping ({@link CoreHelmInfo}) in place of
 * the engine's status word.
 */
public final class HelmInfo implements Module {
    private static final ArgSpec SPEC = KubernetesCoreHelm.withConnection(ArgSpec.builder()
            .arg(Arg.str("name").required().aliases("release_name").description("release name"))
            .arg(Arg.str("namespace").aliases("release_namespace").description("default: the host's namespace, else default"))
            .arg(Arg.list("release_state").elements(ArgType.STR).defaultValue(List.of())
                    .description("kubernetes.core's: the states helm list shows (all, deployed, failed, pending, superseded, uninstalled, uninstalling); default deployed and failed"))
            .arg(Arg.bool("get_all_values").defaultValue(false).description("kubernetes.core's: status.values with the chart's defaults (helm get values -a)")))
            .build();
    /** Arguments only kubernetes.core.helm_info takes: a task that writes one registers kubernetes.core's {@code status}. */
    private static final List<String> CORE_ONLY = List.of("release_state", "get_all_values", "binary_path", "kubeconfig", "context", "host",
            "api_key", "ca_cert", "validate_certs");

    @Override
    public String name() {
        return "helm_info";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Read a Helm release's status, chart and user-supplied values (helm status / helm get values)";
    }

    @Override
    public void checkWritten(WrittenArgs args) {
        K8sArgs.checkConnection(name -> KubernetesCoreHelm.literal(SPEC, args, name), name -> KubernetesCoreHelm.position(SPEC, args, name));
    }

    /**
     * Whether the task is written as kubernetes.core.helm_info (named so, with its collection, or with release_name,
     * release_namespace or an argument only it takes): its {@code status} is then kubernetes.core's mapping instead of
     * the engine's status word.
     */
    static boolean writtenForKubernetesCore(Args args, String writtenAction) {
        return K8sArgs.writtenForKubernetesCore(args, writtenAction, CORE_ONLY)
                || "release_name".equals(args.writtenAs("name")) || "release_namespace".equals(args.writtenAs("namespace"));
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        K8sArgs.checkConnection(args::raw, args::position);
        boolean core = writtenForKubernetesCore(args, ctx.writtenAction());
        if (core) {
            KubernetesCoreHelm.refuseEnvironment(ctx);
        }
        KubernetesCoreHelm.ignoreBinaryPath(ctx, "the engine reads Helm's release records without Helm");
        ClusterConnection conn = ClusterConnection.of(ctx);
        String name = ctx.args().string("name");
        String namespace = ctx.args().string("namespace") != null ? ctx.args().string("namespace") : conn.target().namespaceOrDefault();
        ReleaseStorage storage = new ReleaseStorage(conn.client(), ctx.checkMode() ? conn.predicted() : null);
        List<StoredRelease> history;
        Map<String, Object> coreStatus;
        try {
            history = storage.history(namespace, name);
            coreStatus = core ? CoreHelmInfo.status(ctx, storage, history, args.strings("release_state"), args.bool("get_all_values")) : null;
        } catch (KubernetesClientException e) {
            throw ApiFailure.translate(conn, e);
        }
        StoredRelease latest = history.isEmpty() ? null : history.get(history.size() - 1);
        Result base = Result.ok().with("name", name).with("namespace", namespace);
        if (coreStatus != null) {
            base = base.with("status", coreStatus);
        }
        if (latest == null || latest.uninstalled()) {
            return base.with("exists", false).with("values", Map.of())
                    .withMsg("release " + namespace + "/" + name + " is not installed");
        }
        ValuesMask.register(ctx, latest.config());
        return (core ? base : base.with("status", latest.status())).with("exists", true).with("revision", latest.revision())
                .with("chart", latest.chart()).with("app_version", latest.appVersion())
                .with("values", new LinkedHashMap<>(latest.config()))
                .withMsg("release " + namespace + "/" + name + ": revision " + latest.revision() + " " + latest.status()
                        + " (" + latest.chart() + ")");
    }
}
