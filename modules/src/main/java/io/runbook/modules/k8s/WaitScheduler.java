package io.runbook.modules.k8s;

import io.runbook.engine.module.ModuleContext;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads every {@link WatchedWait} of a run shares, however many hosts wait: one timer thread for their rechecks,
 * progress lines and deadlines (it only reads caches and completes futures); a few threads for the upkeep that may
 * block on a server (a liveness probe, a watch started again or closed), which neither the timer nor a watch's event
 * thread may do; and a pool for what a wait reads from the server besides its watches ({@code wait_pods}' log reads
 * for {@code stop_on_log_errors}, the fresh read and the reasons of a wait that did not end well), apart so that many
 * hosts' reads never hold up a probe. Closed at the end of the run.
 */
final class WaitScheduler implements AutoCloseable {
    /** Upkeep is rare (a probe a server at most every second while its watch is down, a close per wait). */
    static final int BLOCKING_THREADS = 4;
    /** Reads come at most every 2 s per waiting host whose pods are not ready, and at a failed wait's end. */
    static final int READ_THREADS = 16;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "k8s-wait-timer"));
    private final ThreadPoolExecutor blocking = pool(BLOCKING_THREADS, "k8s-wait-blocking");
    private final ThreadPoolExecutor reads = pool(READ_THREADS, "k8s-wait-reads");

    /** The run's scheduler. */
    static WaitScheduler of(ModuleContext ctx) {
        return ctx.shared(WaitScheduler.class, WaitScheduler.class, WaitScheduler::new);
    }

    /** Runs {@code action} every {@code periodMillis} until cancelled; null when the run is closing. */
    ScheduledFuture<?> every(long periodMillis, Runnable action) {
        try {
            return timer.scheduleWithFixedDelay(action, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            return null;
        }
    }

    /** Runs {@code action} once after {@code delayMillis}; null when the run is closing. */
    ScheduledFuture<?> after(long delayMillis, Runnable action) {
        try {
            return timer.schedule(action, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            return null;
        }
    }

    /** Runs work that may block on a server off the timer and event threads; on the caller's when the run is closing. */
    void blocking(Runnable action) {
        try {
            blocking.execute(action);
        } catch (RejectedExecutionException closing) {
            action.run();
        }
    }

    /** Runs a wait's read of the server off the timer and event threads; on the caller's when the run is closing. */
    void read(Runnable action) {
        try {
            reads.execute(action);
        } catch (RejectedExecutionException closing) {
            action.run();
        }
    }

    /** Threads of the blocking pool now (for tests). */
    int blockingThreads() {
        return blocking.getPoolSize();
    }

    private static ThreadPoolExecutor pool(int threads, String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> daemon(r, name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
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
        reads.shutdownNow();
    }
}
