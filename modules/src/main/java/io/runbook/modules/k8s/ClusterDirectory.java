package io.runbook.modules.k8s;

import java.util.Optional;

/**
 * Clusters that are named rather than found in a kubeconfig file: a host whose {@code kubeconfig} is a
 * marker such as {@code lab} is reached through the kubeconfig this directory returns for that marker,
 * with the host's {@code kube_context} choosing the cluster.
 *
 * <p>The application registers one implementation per run (for the embedded lab: the kubeconfig of the
 * lab it started, with one context per cluster) so that {@code ModuleContext.service(ClusterDirectory.class)}
 * finds it. Implementations are called from many threads and must be thread-safe.
 */
public interface ClusterDirectory {
    /**
     * The kubeconfig YAML (every context this directory knows) for a marker such as {@code lab}, or empty
     * when the marker is not this directory's. The cluster a context names must be reachable when this returns.
     */
    Optional<String> kubeconfigYaml(String marker);
}
