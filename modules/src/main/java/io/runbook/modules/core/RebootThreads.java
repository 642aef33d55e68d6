package io.runbook.modules.core;

import io.runbook.engine.module.ModuleContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads every {@link RebootWait} of a run shares, however many hosts reboot: a few, each busy only while it
 * makes an attempt (a login and a command, which may block until the connection's timeout); the pauses between
 * attempts are timers on them, not threads. Closed at the end of the run.
 */
final class RebootThreads implements AutoCloseable {
    /** Attempts are short and come at most every second per rebooting host. */
    static final int THREADS = 8;
    private final ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(THREADS, r -> {
        Thread t = new Thread(r, "reboot-wait");
        t.setDaemon(true);
        return t;
    });

    RebootThreads() {
        pool.setKeepAliveTime(10, TimeUnit.SECONDS);
        pool.allowCoreThreadTimeOut(true);
        pool.setRemoveOnCancelPolicy(true);
    }

    /** The run's threads. */
    static RebootThreads of(ModuleContext ctx) {
        return ctx.shared(RebootThreads.class, RebootThreads.class, RebootThreads::new);
    }

    /** Runs {@code step} (which may block) after {@code delayMillis}; never runs it when the run is closing. */
    Future<?> after(long delayMillis, Runnable step) {
        try {
            return pool.schedule(step, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
