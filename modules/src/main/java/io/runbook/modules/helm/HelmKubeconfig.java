package io.runbook.modules.helm;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.k8s.ApiTunnelRoute;
import io.runbook.modules.k8s.ClusterConnection;
import io.runbook.modules.k8s.ClusterTarget;
import io.runbook.modules.ssh.KubeApiTunnel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;

/**
 * The kubeconfig Helm gets for a host: the same file (or lab directory entry) and context the Kubernetes
 * modules use for it ({@link ClusterTarget}), reduced to the host's context (made current, because helm-java takes
 * kubeconfig contents but no context), its cluster and its user. It comes from the run's parsed kubeconfigs
 * ({@link ClusterConnection#oneContextKubeconfig}): a kubeconfig of a thousand contexts is parsed once per run, and
 * each Helm call carries one context, not a thousand.
 */
final class HelmKubeconfig {
    private HelmKubeconfig() {
    }

    static String of(ModuleContext ctx, ClusterTarget target) throws ModuleException {
        Map<String, Object> config = ClusterConnection.oneContextKubeconfig(ctx, target);
        // a lab entry and a KUBECONFIG merge have their file paths absolute already
        forContents(config, target.marker() || target.isMerged() ? null : Path.of(target.kubeconfig()).toAbsolutePath().getParent());
        if (target.sshTunnel() != null) {
            ApiTunnelRoute.apply(config, null, KubeApiTunnel.of(ctx, target.sshTunnel()));
        }
        return new Dump(DumpSettings.builder().build()).dumpToString(config);
    }

    /**
     * Since Helm gets contents rather than the file: certificate and token file paths of {@code config} made absolute
     * against {@code folder} (the kubeconfig's folder; null leaves them as they are).
     */
    static void forContents(Map<String, Object> config, Path folder) {
        if (folder != null) {
            absolutize(config.get("clusters"), "cluster", List.of("certificate-authority"), folder);
            absolutize(config.get("users"), "user", List.of("client-certificate", "client-key", "tokenFile"), folder);
        }
    }

    @SuppressWarnings("unchecked")
    private static void absolutize(Object entries, String field, List<String> keys, Path folder) {
        if (!(entries instanceof List<?> list)) {
            return;
        }
        for (Object entry : list) {
            if (entry instanceof Map<?, ?> e && e.get(field) instanceof Map<?, ?> body) {
                Map<String, Object> values = (Map<String, Object>) body;
                for (String key : keys) {
                    if (values.get(key) instanceof String p && !p.isBlank() && !Path.of(p).isAbsolute()) {
                        values.put(key, folder.resolve(p).normalize().toString());
                    }
                }
            }
        }
    }
}
