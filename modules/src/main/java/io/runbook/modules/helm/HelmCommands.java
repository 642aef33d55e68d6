package io.runbook.modules.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.UpgradeCommand;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The only class that touches helm-java. It is loaded when a helm task first needs Helm itself, so a run
 * without Helm never extracts the native library; before that, remote jar downloads are switched off so the
 * bundled platform jar is the only Helm there is.
 *
 * <p>Every call runs on a thread of its own and the task waits for it interruptibly: Helm's native code does not
 * see {@link Thread#interrupt()}, so Ctrl-C or a task timeout stops the wait (the caller then reports the state
 * the release was left in) instead of waiting for Helm. Loading the library also keeps the process's signals
 * with the JVM ({@link JvmSignalHandlers}).
 */
final class HelmCommands {
    static final String SKIP_REMOTE_JAR = "com.marcnuri.jkube-helm.skipRemoteJar";
    private static final ExecutorService NATIVE = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "helm-native");
        t.setDaemon(true);
        return t;
    });

    static {
        if (System.getProperty(SKIP_REMOTE_JAR) == null) {
            System.setProperty(SKIP_REMOTE_JAR, "true");
        }
        JvmSignalHandlers.remember();
        takeSignalsOnce();
        JvmSignalHandlers.reclaim();
    }

    /**
     * Renders an empty chart: the first render or install is when Helm's Go runtime takes SIGINT/SIGTERM/SIGQUIT
     * (and it never takes them again), so doing it here, before any real work, leaves no Helm operation during
     * which Ctrl-C would be lost.
     */
    private static void takeSignalsOnce() {
        Path chart = null;
        try {
            chart = Files.createTempDirectory("runbook-helm-load");
            Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: load\nversion: 0.0.1\n");
            new Helm(chart).template().withName("load").call();
        } catch (IOException | RuntimeException e) {
            // the first real operation takes them instead, and they are put back after it
        } finally {
            if (chart != null) {
                chart.resolve("Chart.yaml").toFile().delete();
                chart.toFile().delete();
            }
        }
    }

    /**
     * Runs one Helm operation on a Helm thread and waits for it. When the waiting thread is interrupted the
     * operation goes on in the background (native code cannot be stopped) and this throws at once.
     */
    private static <T> T call(Callable<T> operation) throws InterruptedException {
        Future<T> done = NATIVE.submit(() -> {
            try {
                return operation.call();
            } finally {
                JvmSignalHandlers.reclaim();
            }
        });
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Where Helm finds the cluster and, for {@code repo/chart} references, the repositories file. */
    record Connection(String kubeconfigYaml, Path repositoryConfig) {
    }

    private final Connection connection;

    HelmCommands(Connection connection) {
        this.connection = connection;
    }

    /** Installs the release; Helm's report of it (what {@code helm install} prints). */
    String install(ReleaseRequest request, DeployFiles files, String description) throws InterruptedException {
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
        if (request.flags().skipCrds()) {
            cmd = cmd.skipCrds();
        }
        if (request.flags().dependencyUpdate()) {
            cmd = cmd.dependencyUpdate();
        }
        InstallCommand ready = cmd;
        return call(ready::call).getOutput();
    }

    /** Upgrades the release (to {@code chartDir} when given, else the request's chart); Helm's report of it. */
    String upgrade(ReleaseRequest request, Path chartDir, DeployFiles files, String description) throws InterruptedException {
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
        if (request.flags().force()) {
            cmd = cmd.force();
        }
        if (request.flags().skipCrds()) {
            cmd = cmd.skipCrds();
        }
        if (request.flags().dependencyUpdate()) {
            cmd = cmd.dependencyUpdate();
        }
        UpgradeCommand ready = cmd;
        return call(ready::call).getOutput();
    }

    /** Renders the chart locally with this run's values, as {@code helm template} does. */
    String template(ReleaseRequest request, DeployFiles files) throws InterruptedException {
        return template(request.chart(), null, request.name(), request.namespace(), files.values(), false);
    }

    /**
     * Renders {@code chart} (from the folder {@code chartDir} instead when given) with the values file {@code values}: the
     * release manifest of {@code helm template}, without its hooks and {@code crds/}, which helm-java leaves out.
     */
    String template(ChartSource chart, Path chartDir, String name, String namespace, Path values, boolean dependencyUpdate)
            throws InterruptedException {
        boolean local = chartDir != null || chart.isLocal();
        var cmd = (local ? new Helm(chartDir != null ? chartDir : chart.localPath()).template() : Helm.template(chart.reference()))
                .withName(name).withNamespace(namespace).withValuesFile(values);
        if (!local && chart.version() != null) {
            cmd = cmd.withVersion(chart.version());
        }
        if (connection.repositoryConfig() != null) {
            cmd = cmd.withRepositoryConfig(connection.repositoryConfig());
        }
        if (dependencyUpdate) {
            cmd = cmd.dependencyUpdate();
        }
        var ready = cmd;
        return call(ready::call);
    }

    /** {@code helm dependency update} of the chart folder {@code chartDir}: its dependencies fetched into its charts/. */
    static String updateDependencies(Path chartDir) throws InterruptedException {
        return call(() -> new Helm(chartDir).dependency().update().call());
    }

    /** Uninstalls the release (keeping its history or skipping hooks when the request's flags say so); Helm's report. */
    String uninstall(ReleaseRequest request) throws InterruptedException {
        return call(() -> {
            var cmd = Helm.uninstall(request.name()).withNamespace(request.namespace()).withKubeConfigContents(connection.kubeconfigYaml());
            if (request.flags().keepHistory()) {
                cmd = cmd.keepHistory();
            }
            if (request.flags().noHooks()) {
                cmd = cmd.noHooks();
            }
            return cmd.call();
        });
    }

    /** {@code helm repo update}: fetches the index of every repository in {@code repositoryConfig}. */
    static String updateRepositories(Path repositoryConfig) throws InterruptedException {
        return call(() -> String.valueOf(Helm.repo().update().withRepositoryConfig(repositoryConfig).call()));
    }

    /** Adds {@code url} as repository {@code repo} to a private repositories file and fetches its index. */
    static void addRepository(Path repositoryConfig, String repo, URI url) throws InterruptedException {
        call(() -> {
            Helm.repo().add().withRepositoryConfig(repositoryConfig).withName(repo).withUrl(url).call();
            return Helm.repo().update().withRepositoryConfig(repositoryConfig).withRepo(repo).call();
        });
    }

    /** A chart repository as {@code helm repo list} shows it (its password, if any, is never read out). */
    record RepositoryEntry(String name, String url) {
    }

    /** {@code helm repo list} of {@code repositoryConfig}; empty when the file does not exist yet. */
    static java.util.List<RepositoryEntry> listRepositories(Path repositoryConfig) throws InterruptedException {
        if (!Files.isRegularFile(repositoryConfig)) {
            return java.util.List.of();
        }
        return call(() -> Helm.repo().list().withRepositoryConfig(repositoryConfig).call().stream()
                .map(r -> new RepositoryEntry(r.getName(), r.getUrl() == null ? null : r.getUrl().toString())).toList());
    }

    /**
     * {@code helm repo add --force-update}: fetches the repository's index (with basic auth when a username is given)
     * and writes the entry to {@code repositoryConfig}, replacing one of the same name.
     */
    static void addRepository(Path repositoryConfig, String repo, URI url, String username, String password) throws InterruptedException {
        call(() -> {
            var add = Helm.repo().add().withRepositoryConfig(repositoryConfig).withName(repo).withUrl(url);
            if (username != null) {
                add = add.withUsername(username).withPassword(password);
            }
            return add.call();
        });
    }

    /** {@code helm repo remove}. */
    static void removeRepository(Path repositoryConfig, String repo) throws InterruptedException {
        call(() -> Helm.repo().remove().withRepositoryConfig(repositoryConfig).withRepo(repo).call());
    }
}
