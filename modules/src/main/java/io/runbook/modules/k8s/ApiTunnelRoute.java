package io.runbook.modules.k8s;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.ssh.KubeApiTunnel;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The cluster entry of a kubeconfig that a context uses, and how {@code kube_ssh_tunnel} changes it for
 * clients that read kubeconfig contents (Helm): an https API server keeps its address and gains a
 * {@code proxy-url} (so TLS still checks the server's own name against the kubeconfig's CA), an http one is
 * pointed at the local forward.
 */
public final class ApiTunnelRoute {
    private ApiTunnelRoute() {
    }

    /** The {@code cluster:} body of the cluster the context (null = the current one) uses, or null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> cluster(Map<String, Object> kubeconfig, String context) {
        Object wanted = context != null ? context : kubeconfig.get("current-context");
        Object clusterName = null;
        for (Object c : list(kubeconfig.get("contexts"))) {
            if (c instanceof Map<?, ?> m && String.valueOf(m.get("name")).equals(String.valueOf(wanted)) && m.get("context") instanceof Map<?, ?> body) {
                clusterName = body.get("cluster");
            }
        }
        for (Object c : list(kubeconfig.get("clusters"))) {
            if (c instanceof Map<?, ?> m && String.valueOf(m.get("name")).equals(String.valueOf(clusterName)) && m.get("cluster") instanceof Map<?, ?> body) {
                return (Map<String, Object>) body;
            }
        }
        return null;
    }

    /** Rewrites the context's cluster entry of {@code kubeconfig} (a mutable tree) to go through {@code tunnel}. */
    public static void apply(Map<String, Object> kubeconfig, String context, KubeApiTunnel tunnel) throws ModuleException {
        Map<String, Object> cluster = cluster(kubeconfig, context);
        if (cluster == null || cluster.get("server") == null) {
            throw new ModuleException("kube_ssh_tunnel: the kubeconfig's cluster for context " + context + " has no server address");
        }
        refuseProxy(cluster);
        KubeApiTunnel.Route route = tunnel.route(URI.create(String.valueOf(cluster.get("server")).trim()));
        if (route.proxy() != null) {
            cluster.put("proxy-url", route.proxy());
        } else {
            cluster.put("server", route.server());
        }
    }

    /** A kubeconfig proxy and a tunnel cannot both carry the connection. */
    static void refuseProxy(Map<String, Object> cluster) throws ModuleException {
        if (cluster != null && cluster.get("proxy-url") != null) {
            throw new ModuleException("the kubeconfig's cluster has proxy-url: " + cluster.get("proxy-url")
                    + " and the host has kube_ssh_tunnel: keep one of them");
        }
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
