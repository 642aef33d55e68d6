package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

/**
 * The HTTP transport every cluster client of a run shares: one Vert.x instance (event loops, daemon
 * threads) instead of one per client, so a run over many clusters does not start a thread pool per cluster.
 * Created once per run through {@code ModuleContext.shared} and closed at its end.
 */
final class ClientTransport implements AutoCloseable {
    private static final String JDK_DNS = "vertx.disableDnsResolver";
    private final Vertx vertx;
    private final HttpClient.Factory factory;

    ClientTransport() {
        this.vertx = createVertx();
        this.factory = new VertxHttpClientFactory(vertx);
    }

    HttpClient.Factory factory() {
        return factory;
    }

    /** As fabric8 creates its own: JDK name resolution (so /etc/hosts and the system resolver apply), no file caching. */
    private static synchronized Vertx createVertx() {
        VertxOptions options = new VertxOptions().setUseDaemonThread(true)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false));
        String previous = System.getProperty(JDK_DNS);
        System.setProperty(JDK_DNS, "true");
        try {
            return Vertx.vertx(options);
        } finally {
            if (previous == null) {
                System.clearProperty(JDK_DNS);
            } else {
                System.setProperty(JDK_DNS, previous);
            }
        }
    }

    @Override
    public void close() {
        vertx.close();
    }
}
