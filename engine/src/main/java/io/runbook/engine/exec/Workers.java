package io.runbook.engine.exec;

import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The run's workers ({@code forks} threads). Work is taken in the order it came, except a host's continuation (the
 * rest of its task once a later result came, {@link #executeFirst}): it goes before the hosts that have not started
 * yet, so a host whose result came is reported and done with at once, and a task over more hosts than forks starts
 * its next hosts as the workers free up, instead of every host starting before the first result is handled.
 */
final class Workers extends ThreadPoolExecutor {
    private final LinkedBlockingDeque<Runnable> queue;

    private Workers(int forks, ThreadFactory threads, LinkedBlockingDeque<Runnable> queue) {
        super(forks, forks, 0L, TimeUnit.MILLISECONDS, queue, threads);
        this.queue = queue;
    }

    static Workers of(int forks, ThreadFactory threads) {
        return new Workers(forks, threads, new LinkedBlockingDeque<>());
    }

    /** Runs {@code work} before the work waiting in the queue; a {@link RejectedExecutionException} once shut down. */
    void executeFirst(Runnable work) {
        if (isShutdown()) {
            throw new RejectedExecutionException("the run's workers are stopped");
        }
        if (getPoolSize() < getCorePoolSize()) {
            // a worker is started for it (as execute does while the pool grows to forks threads)
            execute(work);
            return;
        }
        queue.offerFirst(work);
        // stopped meanwhile: the work is not left in a queue nobody takes from (unless a worker took it already)
        if (isShutdown() && queue.remove(work)) {
            throw new RejectedExecutionException("the run's workers are stopped");
        }
    }
}
