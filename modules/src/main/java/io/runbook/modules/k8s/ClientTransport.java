package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.TlsWarmup;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP transport every cluster client of a run shares: one Vert.x instance (event loops, daemon
 * threads) instead of one per client, so a run over many clusters does not start a thread pool per cluster,
 * and one JSON mapper.
 * Created once per run through {@code ModuleContext.shared} and closed at its end.
 */
final class ClientTransport implements AutoCloseable {
    private static final String JDK_DNS = "vertx.disableDnsResolver";
    private final Vertx vertx;
    private final VertxHttpClientFactory factory;
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    ClientTransport() {
        this.vertx = createVertx();
        this.factory = new VertxHttpClientFactory(vertx);
        // the TLS context is built on a client's first https connection, not when it is created: a plain-http
        // cluster never needs one, and twenty clients do not build twenty contexts before their first request
        factory.setTlsWarmup(TlsWarmup.OFF);
    }

    HttpClient.Factory factory() {
        return factory;
    }

    /** The shared Vert.x instance (for tests). */
    Vertx vertx() {
        return vertx;
    }

    /**
     * One Jackson mapper for every client of the run: each mapper introspects the model classes it meets,
     * so twenty clients with their own would do that work twenty times.
     */
    KubernetesSerialization serialization() {
        return serialization;
    }

    /** As fabric8 creates its own: JDK name resolution (so /etc/hosts and the system resolver apply), no file caching. */
    private static synchronized Vertx createVertx() {
        // the blocked-thread checker never warns: a loaded machine stalls threads past Vert.x's 2 s limit, and its
        // warnings and stack traces would reach the operator's terminal (they say nothing about the recovery)
        VertxOptions options = new VertxOptions().setUseDaemonThread(true)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false))
                .setMaxEventLoopExecuteTime(Long.MAX_VALUE).setMaxWorkerExecuteTime(Long.MAX_VALUE)
                .setWarningExceptionTime(Long.MAX_VALUE).setBlockedThreadCheckInterval(TimeUnit.HOURS.toMillis(1));
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

    /**
     * Closes Vert.x and waits until its event loops have stopped: a thread left blocked in epoll at JVM exit
     * makes HotSpot wait 300 ms for it ({@code VM_Exit::wait_for_threads_in_native_to_block}).
     */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the run is over; the JVM ends these daemon threads anyway
        }
    }
}
