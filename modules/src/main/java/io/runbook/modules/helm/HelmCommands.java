package io.runbook.modules.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.UpgradeCommand;
import java.net.URI;
import java.nio.file.Path;

/**
 * The only class that touches helm-java. It is loaded when a helm task first needs Helm itself, so a run
 * without Helm never extracts the native library; before that, remote jar downloads are switched off so the
 * bundled platform jar is the only Helm there is.
 */
final class HelmCommands {
    static final String SKIP_REMOTE_JAR = "com.marcnuri.jkube-helm.skipRemoteJar";

    static {
        if (System.getProperty(SKIP_REMOTE_JAR) == null) {
            System.setProperty(SKIP_REMOTE_JAR, "true");
        }
    }

    /** Where Helm finds the cluster and, for {@code repo/chart} references, the repositories file. */
    record Connection(String kubeconfigYaml, Path repositoryConfig) {
    }

    private final Connection connection;

    HelmCommands(Connection connection) {
        this.connection = connection;
    }

    void install(ReleaseRequest request, DeployFiles files, String description) {
        InstallCommand cmd = (request.chart().isLocal() ? new Helm(request.chart().localPath()).install()
                : Helm.install(request.chart().reference()))
                .withName(request.name()).withNamespace(request.namespace())
                .withKubeConfigContents(connection.kubeconfigYaml()).withValuesFile(files.values())
                .withTimeout(request.timeoutSeconds()).withDescription(description);
        if (request.chart().version() != null && !request.chart().isLocal()) {
            cmd = cmd.withVersion(request.chart().version());
        }
        if (connection.repositoryConfig() != null) {
            cmd = cmd.withRepositoryConfig(connection.repositoryConfig());
        }
        if (request.createNamespace()) {
            cmd = cmd.createNamespace();
        }
        if (request.waitReady()) {
            cmd = cmd.waitReady();
        }
        if (request.atomic()) {
            cmd = cmd.atomic();
        }
        cmd.call();
    }

    void upgrade(ReleaseRequest request, Path chartDir, DeployFiles files, String description) {
        boolean local = chartDir != null || request.chart().isLocal();
        Path dir = chartDir != null ? chartDir : request.chart().localPath();
        UpgradeCommand cmd = (local ? new Helm(dir).upgrade() : Helm.upgrade(request.chart().reference()))
                .withName(request.name()).withNamespace(request.namespace())
                .withKubeConfigContents(connection.kubeconfigYaml()).withValuesFile(files.values())
                .withTimeout(request.timeoutSeconds()).withDescription(description).resetValues();
        if (!local && request.chart().version() != null) {
            cmd = cmd.withVersion(request.chart().version());
        }
        if (connection.repositoryConfig() != null) {
            cmd = cmd.withRepositoryConfig(connection.repositoryConfig());
        }
        if (request.waitReady()) {
            cmd = cmd.waitReady();
        }
        if (request.atomic()) {
            cmd = cmd.atomic();
        }
        cmd.call();
    }

    /** Renders the chart locally with this run's values, as {@code helm template} does. */
    String template(ReleaseRequest request, DeployFiles files) {
        var cmd = (request.chart().isLocal() ? new Helm(request.chart().localPath()).template()
                : Helm.template(request.chart().reference()))
                .withName(request.name()).withNamespace(request.namespace()).withValuesFile(files.values());
        if (!request.chart().isLocal() && request.chart().version() != null) {
            cmd = cmd.withVersion(request.chart().version());
        }
        if (connection.repositoryConfig() != null) {
            cmd = cmd.withRepositoryConfig(connection.repositoryConfig());
        }
        return cmd.call();
    }

    void uninstall(String name, String namespace) {
        Helm.uninstall(name).withNamespace(namespace).withKubeConfigContents(connection.kubeconfigYaml()).call();
    }

    /** Adds {@code url} as repository {@code repo} to a private repositories file and fetches its index. */
    static void addRepository(Path repositoryConfig, String repo, URI url) {
        Helm.repo().add().withRepositoryConfig(repositoryConfig).withName(repo).withUrl(url).call();
        Helm.repo().update().withRepositoryConfig(repositoryConfig).withRepo(repo).call();
    }
}
