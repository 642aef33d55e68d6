package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.Version;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code k8s_cluster_info}: kubernetes.core's {@code k8s_cluster_info} (2.4.0): the kinds the cluster serves by group
 * version ({@code apis}, from discovery: {@link Discovery#kinds}), the server's {@code /version} and the client's
 * version ({@code version}), and how the cluster is reached ({@code connection}: host, certificate paths, user; a
 * password is typed secret). Never changed; runs in check mode.
 */
public final class K8sClusterInfo extends KubernetesCoreModule {
    private static final ArgSpec SPEC = K8sArgs.withConnection(ArgSpec.builder()
            .arg(Arg.bool("invalidate_cache").defaultValue(true).description("ask the server's discovery again instead of the run's cache")))
            .build();

    public K8sClusterInfo() {
        super("k8s_cluster_info", SPEC, "kubernetes.core.k8s_cluster_info: the kinds a cluster serves, its version and how it is reached");
    }

    @Override
    Result read(ModuleContext ctx, ClusterConnection conn) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        Map<String, Object> server;
        try {
            server = ObjectJson.read(conn.client().raw("/version").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ModuleException("the API server's /version is not JSON: " + e.getMessage(), e);
        }
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("client", Version.clientVersion());
        version.put("server", Map.of("kubernetes", server));
        return Result.ok().with("apis", conn.discovery().kinds(args.bool("invalidate_cache")))
                .with("connection", connection(ctx, conn.config(), insecure(ctx, conn))).with("version", version);
    }

    /** Whether the kubeconfig's cluster says insecure-skip-tls-verify (kubernetes.core's verify_ssl false). */
    private static boolean insecure(ModuleContext ctx, ClusterConnection conn) throws ModuleException {
        Map<String, Object> kubeconfig = ClusterConnection.oneContextKubeconfig(ctx, conn.target());
        if (kubeconfig.get("clusters") instanceof java.util.List<?> clusters && !clusters.isEmpty()
                && clusters.get(0) instanceof Map<?, ?> named && named.get("cluster") instanceof Map<?, ?> cluster) {
            return Boolean.TRUE.equals(cluster.get("insecure-skip-tls-verify"))
                    || "true".equalsIgnoreCase(String.valueOf(cluster.get("insecure-skip-tls-verify")));
        }
        return false;
    }

    /** kubernetes.core's {@code connection}: what the client configuration says (a password typed secret). */
    private static Map<String, Object> connection(ModuleContext ctx, Config config, boolean insecure) {
        Map<String, Object> out = new LinkedHashMap<>();
        String host = config.getMasterUrl();
        out.put("cert_file", config.getClientCertFile());
        out.put("host", host != null && host.endsWith("/") ? host.substring(0, host.length() - 1) : host);
        out.put("password", config.getPassword() == null ? null : ctx.secretText(config.getPassword()));
        out.put("proxy", config.getHttpsProxy() != null ? config.getHttpsProxy() : config.getHttpProxy());
        out.put("ssl_ca_cert", config.getCaCertFile());
        out.put("username", config.getUsername());
        out.put("verify_ssl", !insecure);
        return out;
    }
}
