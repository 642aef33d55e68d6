package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Whether the API server a watch-based wait depends on is still there. An informer whose server has gone keeps
 * its last objects and quietly retries, so a wait would go on reading a stale cache (pods "ready" on a dead
 * cluster) until its timeout. Checked on every turn of the wait: when one of the watches has closed, a fresh
 * request ({@code GET /version}) tells a reconnecting watch from a lost server; a server that is silent rather
 * than gone is caught by the same request sent now and then. Two failed requests in a row mean the server is
 * lost: {@link ApiLost}, which makes the host unreachable.
 */
final class ApiLiveness {
    /** How often the server is asked while every watch looks open: a silent server never closes them. */
    private static final long HEARTBEAT_NANOS = Duration.ofSeconds(15).toNanos();
    /** How often it is asked at most while a watch is closed (fabric8 reconnects meanwhile). */
    private static final long CLOSED_NANOS = Duration.ofSeconds(1).toNanos();
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(10);

    private final ClusterConnection conn;
    /** Whether each watch the wait depends on is open (an informer's, or a plain watch's). */
    private final List<BooleanSupplier> watches = new CopyOnWriteArrayList<>();
    /** Read by the wait's checks, which may run on another thread each time. */
    private volatile long lastProbe = System.nanoTime();

    ApiLiveness(ClusterConnection conn) {
        this.conn = conn;
    }

    /** Adds an informer whose watch the wait depends on; returns it. */
    <T> SharedIndexInformer<T> watch(SharedIndexInformer<T> informer) {
        watches.add(informer::isWatching);
        return informer;
    }

    /** Adds a plain watch the wait depends on; returns it. */
    SecretWatch watch(SecretWatch watch) {
        watches.add(watch::isOpen);
        return watch;
    }

    /** Whether {@link #check} would ask the server now (a request that may block); otherwise it returns at once. */
    boolean due() {
        boolean closed = watches.stream().anyMatch(open -> !open.getAsBoolean());
        return System.nanoTime() - lastProbe >= (closed ? CLOSED_NANOS : HEARTBEAT_NANOS);
    }

    /** Throws {@link ApiLost} when the server is gone; otherwise returns at once or after one fresh request. */
    void check() throws InterruptedException {
        long now = System.nanoTime();
        boolean closed = watches.stream().anyMatch(open -> !open.getAsBoolean());
        if (now - lastProbe < (closed ? CLOSED_NANOS : HEARTBEAT_NANOS)) {
            return;
        }
        lastProbe = now;
        KubernetesClientException first = probe();
        if (first == null) {
            return;
        }
        KubernetesClientException second = probe();
        lastProbe = System.nanoTime();
        if (second != null) {
            String why = closed ? "the watch closed and " : "the server stopped answering: ";
            throw new ApiLost(why + second.getMessage(), second.getCause() == null ? second : second.getCause());
        }
    }

    /** A failure meaning the server cannot be talked to, or null when it answered. */
    private KubernetesClientException probe() throws InterruptedException {
        try {
            ApiProbe.Answer answer = ApiProbe.get(conn, "/version", PROBE_LIMIT);
            if (answer.code() == 502 || answer.code() == 503 || answer.code() == 504) {
                return new KubernetesClientException("GET /version answered HTTP " + answer.code()
                        + (answer.bodyExcerpt().isEmpty() ? "" : ": " + answer.bodyExcerpt()), answer.code(), null);
            }
            return null;
        } catch (KubernetesClientException e) {
            return ApiFailure.isConnectivity(e) ? e : null;
        }
    }
}
