package io.runbook.modules.helm;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.WrittenArgs;
import io.runbook.modules.k8s.ApiFailure;
import io.runbook.modules.k8s.ClusterConnection;

/**
 * {@code helm_release}: a Helm release in the state the task describes, with Helm in process (helm-java; no
 * helm binary). Reaches the same cluster as the Kubernetes modules, reads Helm's release records itself to
 * decide whether anything must change, settles stuck releases by an explicit policy, and masks Secret values
 * in every diff and result. Holds no helm-java type, so loading this class does not load Helm.
 */
public final class HelmRelease implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("name").required().aliases("release_name").description("release name"))
            .arg(Arg.str("chart").aliases("chart_ref").description("a chart folder or .tgz (relative to the playbook), repo/chart, or oci://…"))
            .arg(Arg.str("version").aliases("chart_version").description("chart version; for a local chart it must match Chart.yaml"))
            .arg(Arg.str("repo_url").aliases("chart_repo_url").description("repository URL for a repo/chart reference"))
            .arg(Arg.str("namespace").aliases("release_namespace").description("default: the host's namespace, else default"))
            .arg(Arg.bool("create_namespace").defaultValue(false))
            .arg(Arg.dict("values").aliases("release_values").description("values, merged over values_files"))
            .arg(Arg.list("values_files").elements(ArgType.PATH).description("values files in order; .mustache files are rendered with the host's variables"))
            .arg(Arg.dict("set").description("dotted keys (a.b.c) applied last, like --set"))
            .arg(Arg.str("state").defaultValue("present").choices("present", "absent").aliases("release_state"))
            .arg(Arg.bool("wait").defaultValue(false).description("wait until the release's workloads are ready"))
            .arg(Arg.duration("timeout").defaultValue("10m").description("Helm's timeout for the operation and its wait"))
            .arg(Arg.bool("atomic").defaultValue(false).description("roll back (or uninstall a new release) when the operation fails; implies wait"))
            .arg(Arg.str("stuck").defaultValue("fail").choices("fail", "rollback", "uninstall")
                    .description("a pending-* or failed release: fail and explain, roll back to the last deployed revision, or uninstall and install"))
            .arg(Arg.integer("history_max").defaultValue(10).description("revisions kept per release, as helm's --history-max; 0 keeps all"))
            .arg(Arg.bool("return_manifest").defaultValue(false).description("add the release's manifest (Secret values masked) to the result"))
            .build();

    @Override
    public String name() {
        return "helm_release";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    /** Values files named literally are read when the playbook is read: their mistakes stop the run before anything runs. */
    @Override
    public void checkWritten(WrittenArgs args) {
        ReleaseValues.checkWritten(args);
    }

    @Override
    public String description() {
        return "Install, upgrade or uninstall a Helm release in process, idempotently, with stuck-release recovery";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        ClusterConnection conn = ClusterConnection.of(ctx);
        ReleaseRequest req = ReleaseRequest.from(ctx, conn.target());
        ValuesMask.register(ctx, req.values());
        ReleaseStorage storage = new ReleaseStorage(conn.client(), ctx.checkMode() ? conn.predicted() : null);
        HelmAccess helm = new HelmAccess(ctx, conn.target());
        return apiErrorsTranslated(conn, () -> req.present() ? new ReleaseDeploy(ctx, req, storage, helm, conn, ReleasePlan::decide).run()
                : new ReleaseUninstall(ctx, req, storage, helm, conn).run().result());
    }

    /** A task's Helm work, which may throw the Kubernetes client's exceptions. */
    interface Work {
        Result run() throws ModuleException, InterruptedException;
    }

    /** Runs {@code work}, with the Kubernetes client's errors said as every Kubernetes module says them. */
    static Result apiErrorsTranslated(ClusterConnection conn, Work work) throws ModuleException, InterruptedException {
        try {
            return work.run();
        } catch (KubernetesClientException e) {
            throw ApiFailure.translate(conn, e);
        } catch (java.util.concurrent.CompletionException e) {
            throw ApiFailure.translate(conn, e.getCause() instanceof KubernetesClientException k ? k : e);
        }
    }
}
