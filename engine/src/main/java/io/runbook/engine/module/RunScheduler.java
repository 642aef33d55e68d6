package io.runbook.engine.module;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads the modules of a run share to wait without a thread per host: the pauses, rechecks and deadlines of
 * every host's wait are timed tasks, and the work between them runs on a few threads. {@link #TIMER} is the one
 * thread every module shares for short work that never blocks (reading caches, completing futures, showing progress);
 * work that may block (a login, a read from a server) runs on a {@link Lane} of its own kind, so that one kind never
 * holds up another. Given by {@link ModuleContext#scheduler()}: made on first use, a lane's threads when first asked
 * for; they are daemons, and end when idle. Closed at the end of the run (before the run's other shared objects,
 * which its work uses): then nothing scheduled runs any more.
 */
public final class RunScheduler implements AutoCloseable {
    /**
     * A kind of work with its own threads: {@code name} names them, {@code threads} is how many at most; tasks beyond
     * that wait their turn. Equal lanes are the same threads.
     */
    public record Lane(String name, int threads) {
        public Lane {
            if (threads < 1) {
                throw new IllegalArgumentException("a lane needs at least one thread: " + threads);
            }
        }
    }

    /** One thread: its tasks run one at a time, in order, so they share what they touch without locks. */
    public static final Lane TIMER = new Lane("runbook-module-timer", 1);
    /** How long an idle thread of a lane lives. */
    private static final long KEEP_ALIVE_SECONDS = 10;

    private final Map<Lane, ScheduledThreadPoolExecutor> lanes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Runs {@code action} on {@code lane} once after {@code delayMillis}; null when the run is closing (it never runs). */
    public ScheduledFuture<?> after(Lane lane, long delayMillis, Runnable action) {
        try {
            return threads(lane).schedule(action, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            return null;
        }
    }

    /** Runs {@code action} on {@code lane} every {@code periodMillis} until cancelled; null when the run is closing. */
    public ScheduledFuture<?> every(Lane lane, long periodMillis, Runnable action) {
        try {
            return threads(lane).scheduleWithFixedDelay(action, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            return null;
        }
    }

    /** Runs {@code action} on {@code lane} now; on the caller's thread when the run is closing. */
    public void execute(Lane lane, Runnable action) {
        try {
            threads(lane).execute(action);
        } catch (RejectedExecutionException closing) {
            action.run();
        }
    }

    /** {@link #execute} on {@code lane}, as an executor (for a future's next stage). */
    public Executor executor(Lane lane) {
        return action -> execute(lane, action);
    }

    private ScheduledThreadPoolExecutor threads(Lane lane) {
        ScheduledThreadPoolExecutor pool = lanes.computeIfAbsent(lane, RunScheduler::open);
        if (closed) {
            pool.shutdownNow(); // made as the run closed: it refuses the task
        }
        return pool;
    }

    private static ScheduledThreadPoolExecutor open(Lane lane) {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(lane.threads(), r -> {
            Thread t = new Thread(r, lane.name());
            t.setDaemon(true);
            return t;
        });
        pool.setKeepAliveTime(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        pool.allowCoreThreadTimeOut(true);
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }

    /** Stops every lane: a running task is interrupted, a scheduled one never runs. */
    @Override
    public void close() {
        closed = true;
        lanes.values().forEach(ScheduledThreadPoolExecutor::shutdownNow);
    }
}
