package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Utils;
import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.vault.Vault;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.ssh.KubeApiTunnel;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A host's client configuration, made before its {@link ClusterConnection} opens: the kubeconfig's context (from a
 * file, the lab's cluster directory or merged files), routed through the host's {@code kube_ssh_tunnel} when it has
 * one, with the run's time-outs and retries, and without the JDK's trust store for a plain-http server.
 *
 * @param config  the fabric8 configuration the cluster's HTTP client is built from
 * @param address the API server address as the kubeconfig gives it (before any tunnel), for messages
 */
record ClientConfig(Config config, String address) {
    private static final java.util.regex.Pattern CREDENTIAL = java.util.regex.Pattern.compile(
            "(?m)^[ \\t-]*(?:token|password|client-key-data):[ \\t]*[\"']?([^\"'\\s]+)");

    /**
     * The configuration for {@code target}; a kubeconfig problem comes as {@link ClusterConnection.ConfigProblem}, an
     * unusable bastion as {@link ClusterConnection.TunnelProblem}.
     */
    static ClientConfig of(ModuleContext ctx, ClusterTarget target, KubeApiTunnel tunnel, Kubeconfigs kubeconfigs) {
        Config config = kubeconfigs.configFor(target, () -> kubeconfigYaml(ctx, target));
        String address = config.getMasterUrl();
        if (tunnel != null) {
            String proxy = kubeconfigs.proxyUrl(target);
            throughTunnel(config, tunnel, proxy == null ? Map.of() : Map.of("proxy-url", proxy));
        }
        config.setRequestRetryBackoffLimit(2);
        config.setRequestRetryBackoffInterval(200);
        config.setConnectionTimeout(5_000);
        config.setRequestTimeout((int) target.requestTimeout().toMillis());
        withoutTrustStore(config);
        return new ClientConfig(config, address);
    }

    /** What a fabric8 client's creation checks of its API server's address, failing as it does (before any request). */
    static void masterUrlCheck(Config config) {
        if (config.getMasterUrl() == null) {
            throw new KubernetesClientException("Unknown Kubernetes master URL - please set with the builder, or set with either system property "
                    + "\"kubernetes.master\" or environment variable \"" + Utils.convertSystemPropertyNameToEnvVar("kubernetes.master") + "\"");
        }
        try {
            new URL(config.getMasterUrl());
        } catch (MalformedURLException e) {
            throw KubernetesClientException.launderThrowable(e);
        }
    }

    /** The text of the host's kubeconfig: the lab's (a marker), the merged files, or the file the host names. */
    static String kubeconfigYaml(ModuleContext ctx, ClusterTarget target) {
        if (target.marker()) {
            ClusterDirectory directory = ctx.service(ClusterDirectory.class).orElseThrow(() -> new ClusterConnection.ConfigProblem(
                    "host '" + ctx.host() + "' has kubeconfig: " + target.kubeconfig()
                            + " but this run has no lab: start the engine with the lab, or point kubeconfig at a file"));
            return directory.kubeconfigYaml(target.kubeconfig()).orElseThrow(() -> new ClusterConnection.ConfigProblem(
                    "kubeconfig '" + target.kubeconfig() + "' is not known to this run's cluster directory"));
        }
        if (target.isMerged()) {
            return KubeconfigMerge.of(target.merged());
        }
        Path path = Path.of(target.kubeconfig());
        try {
            return read(path);
        } catch (IOException e) {
            throw new ClusterConnection.ConfigProblem("cannot read kubeconfig " + path + " for host '" + ctx.host() + "': "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())
                    + " (set the host's kubeconfig variable or KUBECONFIG)");
        }
    }

    /**
     * A kubeconfig file's text, opened with the run's vault passwords when it is vault-encrypted (as kubernetes.core's
     * action plugin opens a task's kubeconfig); its credentials ({@code token}, {@code password},
     * {@code client-key-data}) are masked in all output from then on.
     */
    static String read(Path path) throws IOException {
        String text = Files.readString(path);
        if (!text.startsWith("$ANSIBLE_VAULT;")) {
            return text;
        }
        Vault vault = Vault.active();
        if (!vault.hasSecrets()) {
            throw new ClusterConnection.ConfigProblem("A vault password or secret must be specified to decrypt " + path);
        }
        try {
            String plain = vault.decryptFile(text, SourcePosition.of(path.toString()));
            java.util.regex.Matcher credential = CREDENTIAL.matcher(plain);
            while (credential.find()) {
                vault.markSecret(credential.group(1));
            }
            return plain;
        } catch (UserError e) {
            throw new ClusterConnection.ConfigProblem(e.cause());
        }
    }

    /**
     * A plain-http API server needs no trust managers, but fabric8 builds them for every client from the JDK's
     * trust store (reading and parsing its ~150 certificates) unless certificates are trusted: for an http://
     * server (no TLS on the wire, so nothing is trusted by this), say so and skip that work.
     */
    private static void withoutTrustStore(Config config) {
        String url = config.getMasterUrl();
        boolean plain = url != null && url.regionMatches(true, 0, "http://", 0, 7);
        if (plain && config.getHttpsProxy() == null && config.getCaCertData() == null && config.getCaCertFile() == null) {
            config.setTrustCerts(true);
        }
    }

    /** Points the client at the tunnel's route to its API server: an HTTP proxy for https, a local forward for http. */
    private static void throughTunnel(Config config, KubeApiTunnel tunnel, Map<String, Object> cluster) {
        try {
            ApiTunnelRoute.refuseProxy(cluster);
        } catch (ModuleException e) {
            throw new ClusterConnection.ConfigProblem(e.getMessage());
        }
        KubeApiTunnel.Route route;
        try {
            route = tunnel.route(java.net.URI.create(config.getMasterUrl()));
        } catch (ModuleException e) {
            throw new ClusterConnection.TunnelProblem(e);
        }
        config.setNoProxy(new String[0]);
        if (route.proxy() != null) {
            config.setHttpsProxy(route.proxy());
        } else {
            config.setHttpProxy(null);
            config.setHttpsProxy(null);
            config.setMasterUrl(route.server());
        }
    }
}
