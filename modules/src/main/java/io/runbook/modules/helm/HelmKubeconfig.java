package io.runbook.modules.helm;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.k8s.ApiTunnelRoute;
import io.runbook.modules.k8s.ClusterDirectory;
import io.runbook.modules.k8s.ClusterTarget;
import io.runbook.modules.ssh.KubeApiTunnel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The kubeconfig Helm gets for a host: the same file (or lab directory entry) and context the Kubernetes
 * modules use for it ({@link ClusterTarget}), with the host's context made current, because helm-java takes
 * kubeconfig contents but no context.
 */
final class HelmKubeconfig {
    private HelmKubeconfig() {
    }

    static String of(ModuleContext ctx, ClusterTarget target) throws ModuleException {
        String yaml;
        if (target.marker()) {
            ClusterDirectory directory = ctx.service(ClusterDirectory.class).orElseThrow(() -> new ModuleException(
                    "host '" + ctx.host() + "' has kubeconfig: " + target.kubeconfig() + " but this run has no lab"));
            yaml = directory.kubeconfigYaml(target.kubeconfig()).orElseThrow(() -> new ModuleException(
                    "kubeconfig '" + target.kubeconfig() + "' is not known to this run's cluster directory"));
        } else if (target.isMerged()) {
            try {
                yaml = io.runbook.modules.k8s.KubeconfigMerge.of(target.merged());
            } catch (RuntimeException e) {
                throw new ModuleException(e.getMessage());
            }
        } else {
            try {
                yaml = Files.readString(Path.of(target.kubeconfig()));
            } catch (IOException e) {
                throw new ModuleException("cannot read kubeconfig " + target.kubeconfig() + " for host '" + ctx.host() + "'");
            }
        }
        // a merge has its file paths absolute already
        String helmYaml = withCurrentContext(yaml, target.context(), target.marker() || target.isMerged() ? null
                : Path.of(target.kubeconfig()).toAbsolutePath().getParent());
        return target.sshTunnel() == null ? helmYaml : throughTunnel(helmYaml, KubeApiTunnel.of(ctx, target.sshTunnel()));
    }

    /** The kubeconfig with its current context's cluster reached through kube_ssh_tunnel ({@link ApiTunnelRoute}). */
    @SuppressWarnings("unchecked")
    static String throughTunnel(String yaml, KubeApiTunnel tunnel) throws ModuleException {
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml));
        ApiTunnelRoute.apply(config, null, tunnel);
        return new Dump(DumpSettings.builder().build()).dumpToString(config);
    }

    /**
     * The kubeconfig with {@code context} as current context and, since Helm gets contents rather than the
     * file, certificate and token file paths made absolute against {@code folder} (the kubeconfig's folder).
     */
    @SuppressWarnings("unchecked")
    static String withCurrentContext(String yaml, String context, Path folder) {
        if (context == null && folder == null) {
            return yaml;
        }
        Object doc = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) doc);
        if (context != null) {
            config.put("current-context", context);
        }
        if (folder != null) {
            absolutize(config.get("clusters"), "cluster", List.of("certificate-authority"), folder);
            absolutize(config.get("users"), "user", List.of("client-certificate", "client-key", "tokenFile"), folder);
        }
        return new Dump(DumpSettings.builder().build()).dumpToString(config);
    }

    static String withCurrentContext(String yaml, String context) {
        return withCurrentContext(yaml, context, null);
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
