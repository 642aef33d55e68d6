package io.runbook.modules.k8s;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a run's first Kubernetes calls spend their time before the module's own requests, for benchmarks
 * ({@code bench/k8s-secrets-20-clusters.sh}): the shared transport (Vert.x, the client's classes), each host's
 * client (its kubeconfig context, the client objects), and each cluster's API check ({@link ApiIdentity}: GET /api/v1,
 * the discovery the first module needs anyway; GET /version only when that list is missing). Kept only when the JVM runs with
 * {@code -Drunbook.k8s.timings=true}, and printed to standard error when the run's transport closes.
 */
final class FirstUseTimes {
    static final boolean ON = Boolean.getBoolean("runbook.k8s.timings");
    private static final AtomicLong TRANSPORT = new AtomicLong();
    private static final Span CLIENTS = new Span();
    private static final Span API_CHECKS = new Span();

    private FirstUseTimes() {
    }

    static void transport(long startNanos) {
        if (ON) {
            TRANSPORT.addAndGet(System.nanoTime() - startNanos);
        }
    }

    static void client(long startNanos) {
        if (ON) {
            CLIENTS.add(startNanos);
        }
    }

    static void apiCheck(long startNanos) {
        if (ON) {
            API_CHECKS.add(startNanos);
        }
    }

    /** The one line the benchmark reads. */
    static void print() {
        if (ON) {
            System.err.printf("k8s first use: transport %.0f ms; %d clients built: %.0f ms in all, %.0f ms at most;"
                            + " %d API checks (GET /api/v1): %.0f ms in all, %.0f ms at most%n",
                    TRANSPORT.get() / 1e6, CLIENTS.count.get(), CLIENTS.total.get() / 1e6, CLIENTS.max.get() / 1e6,
                    API_CHECKS.count.get(), API_CHECKS.total.get() / 1e6, API_CHECKS.max.get() / 1e6);
        }
    }

    private static final class Span {
        final AtomicInteger count = new AtomicInteger();
        final AtomicLong total = new AtomicLong();
        final AtomicLong max = new AtomicLong();

        void add(long startNanos) {
            long took = System.nanoTime() - startNanos;
            count.incrementAndGet();
            total.addAndGet(took);
            max.accumulateAndGet(took, Math::max);
        }
    }
}
