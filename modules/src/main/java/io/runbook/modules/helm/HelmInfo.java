package io.runbook.modules.helm;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.k8s.ApiFailure;
import io.runbook.modules.k8s.ClusterConnection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code helm_info}: what {@code helm status} and {@code helm get values} show for a release, read from
 * Helm's release Secrets through the host's shared Kubernetes client (no Helm loaded). Never changes anything;
 * a missing release is {@code exists: false}. The values are returned as stored (a backup needs them), but
 * every value under a secret-looking key is registered with the run's redactor so no output shows it.
 */
public final class HelmInfo implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("name").required().aliases("release_name").description("release name"))
            .arg(Arg.str("namespace").aliases("release_namespace").description("default: the host's namespace, else default"))
            .build();

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
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        ClusterConnection conn = ClusterConnection.of(ctx);
        String name = ctx.args().string("name");
        String namespace = ctx.args().string("namespace") != null ? ctx.args().string("namespace") : conn.target().namespaceOrDefault();
        StoredRelease latest;
        try {
            latest = new ReleaseStorage(conn.client(), ctx.checkMode() ? conn.predicted() : null).latest(namespace, name);
        } catch (KubernetesClientException e) {
            throw ApiFailure.translate(conn, e);
        }
        Result base = Result.ok().with("name", name).with("namespace", namespace);
        if (latest == null || latest.uninstalled()) {
            return base.with("exists", false).with("values", Map.of())
                    .withMsg("release " + namespace + "/" + name + " is not installed");
        }
        ValuesMask.register(ctx, latest.config());
        return base.with("exists", true).with("revision", latest.revision()).with("status", latest.status())
                .with("chart", latest.chart()).with("app_version", latest.appVersion())
                .with("values", new LinkedHashMap<>(latest.config()))
                .withMsg("release " + namespace + "/" + name + ": revision " + latest.revision() + " " + latest.status()
                        + " (" + latest.chart() + ")");
    }
}
