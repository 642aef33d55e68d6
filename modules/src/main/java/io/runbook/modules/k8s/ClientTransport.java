package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.TlsWarmup;
import io.fabric8.kubernetes.client.vertx.EventLoopWebSocketsFactory;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP transport every cluster client of a run shares: one Vert.x instance (event loops, daemon
 * threads) instead of one per client, one pool for the clients' asynchronous work (watch and informer
 * events, log streams) instead of fabric8's cached pool per client, and one JSON mapper. A run over a thousand
 * clusters so has the threads of one client plus its forks, not a pool per cluster.
 * Created once per run through {@code ModuleContext.shared} and closed at its end.
 */
final class ClientTransport implements AutoCloseable {
    private static final String JDK_DNS = "vertx.disableDnsResolver";
    private final Vertx vertx;
    private final VertxHttpClientFactory factory;
    private final KubernetesSerialization serialization = new InMemoryJsonSerialization();
    private final ThreadPoolExecutor tasks = taskPool();

    ClientTransport() {
        long start = System.nanoTime();
        this.vertx = createVertx();
        // fabric8's factory, but WebSockets open on an event loop: a watch never loses its first events
        this.factory = new PooledFactory(vertx);
        // the TLS context is built on a client's first https connection, not when it is created: a plain-http
        // cluster never needs one, and twenty clients do not build twenty contexts before their first request
        factory.setTlsWarmup(TlsWarmup.OFF);
        FirstUseTimes.transport(start);
    }

    /**
     * The factory with smaller connection pools: fabric8 allows 8 192 connections (and WebSockets) per client,
     * and Vert.x allocates each pool's slot table at that size when the client's first request opens it (32 KB per
     * cluster, kept for the run). A cluster's tasks hold far fewer at once: watches and followed logs hold one each,
     * requests beyond the limit wait for a free connection instead of failing.
     * <p>Each client's pool is also swept for connections past their keep-alive time every 10 s instead of every
     * second: Vert.x runs that sweep on a timer per client, a thousand timers a second for a thousand clusters (2 % of
     * a rotation's CPU time). A connection past its keep-alive time is never handed to a request in between (the pool
     * checks each connection it hands out); it is only closed up to 10 s later.
     */
    private static final class PooledFactory extends EventLoopWebSocketsFactory {
        static final int CONNECTIONS_PER_CLUSTER = 256;
        static final int POOL_SWEEP_MILLIS = 10_000;

        PooledFactory(Vertx vertx) {
            super(vertx);
        }

        @Override
        protected void additionalConfig(io.vertx.ext.web.client.WebClientOptions options) {
            options.setMaxPoolSize(CONNECTIONS_PER_CLUSTER).setMaxWebSockets(CONNECTIONS_PER_CLUSTER).setPoolCleanerPeriod(POOL_SWEEP_MILLIS);
        }
    }

    HttpClient.Factory factory() {
        return factory;
    }

    /**
     * The clients' task executor: watch and informer events (each informer's in order, through fabric8's serial
     * executor), log streams. A few threads, each started when work arrives and ended after 10 s idle; work beyond
     * them waits in an unbounded queue, so no event is dropped. fabric8's own pool (and this one before) was unbounded:
     * a thousand clusters' Secret watches delivering at once grew it to hundreds of threads, each created, scheduled
     * and ended for a handler that only records the event. Nothing the modules hand it blocks (informer handlers
     * bump a signal, a followed log's sink writes a progress line), which is what a bounded pool needs.
     */
    Executor tasks() {
        return tasks;
    }

    /** At most twice the cores (four at least): events are short, more threads would only wait for a core. */
    static final int TASK_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private static ThreadPoolExecutor taskPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(TASK_THREADS, TASK_THREADS, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), ClientTransport::taskThread);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Threads of the task pool now (for tests and benchmarks). */
    int taskThreads() {
        return tasks.getPoolSize();
    }

    private static Thread taskThread(Runnable r) {
        Thread t = new Thread(r, "k8s-client-task");
        t.setDaemon(true);
        return t;
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
        // event loops: one per core is plenty for API calls; the blocking pools serve name resolution (JDK
        // resolver) and file reads, not requests, so a few threads do (Vert.x's defaults are 20 each)
        int cores = Runtime.getRuntime().availableProcessors();
        VertxOptions options = new VertxOptions().setUseDaemonThread(true).setEventLoopPoolSize(Math.max(2, cores))
                .setInternalBlockingPoolSize(Math.max(2, cores)).setWorkerPoolSize(Math.max(2, cores))
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
        FirstUseTimes.print();
        tasks.shutdownNow();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the run is over; the JVM ends these daemon threads anyway
        }
    }
}
