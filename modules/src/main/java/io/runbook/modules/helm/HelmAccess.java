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

    HelmAccess(ModuleContext ctx, ClusterTarget target) {
        this.ctx = ctx;
        this.target = target;
    }

    /** Helm for operations on the release that need no chart repository. */
    HelmCommands commands() throws ModuleException {
        return new HelmCommands(new HelmCommands.Connection(kubeconfig(), null));
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

    private synchronized String kubeconfig() throws ModuleException {
        if (kubeconfig == null) {
            kubeconfig = HelmKubeconfig.of(ctx, target);
        }
        return kubeconfig;
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
