package io.runbook.modules.helm;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.k8s.ClusterTarget;
import java.net.URI;

/**
 * Helm for one task, created on first need: the host's kubeconfig is read and helm-java (and its native
 * library) is loaded only when the task really has to render, install, upgrade or uninstall.
 */
final class HelmAccess {
    private final ModuleContext ctx;
    private final ClusterTarget target;
    private String kubeconfig;

    /** Helm for a task on {@code target}'s cluster, or with no cluster when {@code target} is null. */
    HelmAccess(ModuleContext ctx, ClusterTarget target) {
        this.ctx = ctx;
        this.target = target;
    }

    /**
     * Helm for operations on the release with the user's chart repositories ({@link HelmHome}: the file
     * {@code helm_repository} writes), for a {@code repo/chart} without {@code repo_url}.
     */
    HelmCommands commands() throws ModuleException {
        return new HelmCommands(new HelmCommands.Connection(kubeconfig(), HelmHome.repositoryConfig(ctx)));
    }

    /**
     * Helm for operations that fetch {@code chart}: with a {@code repo_url}, the repository is added to a
     * repositories file of this operation's own (in {@code files}) so the user's Helm set-up is untouched.
     */
    HelmCommands commands(DeployFiles files, ChartSource chart) throws ModuleException, InterruptedException {
        if (chart.kind() != ChartSource.Kind.REPOSITORY || chart.repoUrl() == null) {
            return commands();
        }
        java.nio.file.Path repositories = files.resolve("repositories.yaml");
        try {
            HelmCommands.addRepository(repositories, chart.repositoryName(), URI.create(chart.repoUrl()));
        } catch (RuntimeException e) {
            throw new ModuleException("cannot add chart repository " + chart.repositoryName() + " at " + chart.repoUrl() + ": " + message(e));
        }
        return new HelmCommands(new HelmCommands.Connection(kubeconfig(), repositories));
    }

    /** {@code helm repo update} of the user's Helm set-up (kubernetes.core's {@code update_repo_cache}). */
    void updateRepositories() throws ModuleException, InterruptedException {
        try {
            HelmCommands.updateRepositories(HelmHome.repositoryConfig(ctx));
        } catch (RuntimeException e) {
            throw new ModuleException("helm repo update failed: " + message(e));
        }
    }

    /** The host's kubeconfig for Helm; null without a cluster ({@code helm_template} renders without one). */
    private synchronized String kubeconfig() throws ModuleException {
        if (kubeconfig == null && target != null) {
            kubeconfig = HelmKubeconfig.of(ctx, target);
        }
        return kubeconfig;
    }

    /** Go's words for a request that never got an answer from the server it was sent to. */
    private static final java.util.List<String> NO_ANSWER = java.util.List.of("connect: connection refused",
            "connection reset by peer", "i/o timeout", "no route to host", "TLS handshake timeout", "no such host",
            "\": EOF", "http2: client connection lost");

    /**
     * When Helm's error says a request to the cluster's own API server got no answer (not a chart repository's):
     * the host is unreachable, with the address like every Kubernetes module says it; otherwise null.
     */
    static ModuleException clusterUnreachable(io.runbook.modules.k8s.ClusterConnection conn, String what, Throwable e) {
        String said = message(e);
        String host = URI.create(conn.apiAddress()).getHost();
        if (host == null || !said.contains("//" + host) || NO_ANSWER.stream().noneMatch(said::contains)) {
            return null;
        }
        return ModuleException.unreachable("cannot reach the Kubernetes API at " + conn.apiAddress() + " ("
                + conn.target().describe() + "): " + what + " failed: " + said, e);
    }

    /** Helm's error as one line a person can act on (Helm's own words, without Go's prefixes). */
    static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String line = m.lines().filter(l -> !l.isBlank()).findFirst().orElse(m).trim();
        line = line.startsWith("Error: ") ? line.substring(7) : line;
        return line.contains("context deadline exceeded") ? line + " (the task's timeout ran out)" : line;
    }
}
