package io.runbook.modules.core;

import io.runbook.engine.module.ModuleContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads every {@link RebootWait} of a run shares, however many hosts reboot: one timer for the pauses between
 * attempts, and a few threads for the attempts themselves (a login and a command, which may block until the
 * connection's timeout). Closed at the end of the run.
 */
final class RebootThreads implements AutoCloseable {
    /** Attempts are short and come at most every second per rebooting host. */
    static final int BLOCKING_THREADS = 8;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "reboot-wait-timer"));
    private final ThreadPoolExecutor blocking = new ThreadPoolExecutor(BLOCKING_THREADS, BLOCKING_THREADS, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> daemon(r, "reboot-wait-attempt"));

    RebootThreads() {
        blocking.allowCoreThreadTimeOut(true);
    }

    /** The run's threads. */
    static RebootThreads of(ModuleContext ctx) {
        return ctx.shared(RebootThreads.class, RebootThreads.class, RebootThreads::new);
    }

    /** Runs {@code action} on the timer after {@code delayMillis}; never runs it when the run is closing. */
    Future<?> after(long delayMillis, Runnable action) {
        try {
            return timer.schedule(action, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Runs an attempt that may block off the timer; never runs it when the run is closing. */
    Future<?> blocking(Runnable attempt) {
        try {
            return blocking.submit(attempt);
        } catch (RejectedExecutionException closing) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        blocking.shutdownNow();
    }
}
