package io.runbook.modules.dns;

import io.runbook.engine.module.ModuleContext;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one thread every propagation wait of a run shares, however many hosts wait: it starts each round of queries
 * (sent through dnsjava's own I/O thread, without a thread per query), takes their answers, shows progress and
 * waits out the backoff between rounds as a timer. Closed at the end of the run.
 */
final class PropagationTimer implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dns-propagation-timer");
        t.setDaemon(true);
        return t;
    });

    /** The run's timer. */
    static PropagationTimer of(ModuleContext ctx) {
        return ctx.shared(PropagationTimer.class, PropagationTimer.class, PropagationTimer::new);
    }

    /** Runs {@code action} once after {@code delayMillis}; null when the run is closing. */
    ScheduledFuture<?> after(long delayMillis, Runnable action) {
        try {
            return timer.schedule(action, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            return null;
        }
    }

    /** Where answers are taken: this thread, or the caller's once the run is closing. */
    Executor executor() {
        return work -> {
            try {
                timer.execute(work);
            } catch (RejectedExecutionException closing) {
                work.run();
            }
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
