package io.runbook.engine.exec;

import io.runbook.engine.module.Result;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link Result#later} results a run waits for without a thread: each ends at the first of its module's result,
 * the task's time limit (a timer of the run's shared timer thread) and an interrupt of the run ({@link #interruptAll}),
 * and the module's wait is then cancelled, so that it releases its watches whichever came first.
 */
final class LaterResults {
    private final ScheduledExecutorService timers;
    private final AtomicBoolean interrupted;
    private final Set<CompletableFuture<Result>> waiting = ConcurrentHashMap.newKeySet();

    LaterResults(ScheduledExecutorService timers, AtomicBoolean interrupted) {
        this.timers = timers;
        this.interrupted = interrupted;
    }

    /**
     * The final result of {@code rest}, or {@code timedOut} (as the failure) once {@code left} has passed (null: no
     * limit), or an {@link InterruptedException} when the run is interrupted.
     */
    CompletableFuture<Result> await(CompletionStage<Result> rest, Duration left, Throwable timedOut) {
        CompletableFuture<Result> source = rest.toCompletableFuture();
        CompletableFuture<Result> awaited = new CompletableFuture<>();
        source.whenComplete((r, e) -> {
            if (e == null) {
                awaited.complete(r);
            } else {
                awaited.completeExceptionally(cause(e));
            }
        });
        ScheduledFuture<?> timer = left == null ? null : schedule(() -> awaited.completeExceptionally(timedOut), left);
        waiting.add(awaited);
        awaited.whenComplete((r, e) -> {
            waiting.remove(awaited);
            if (timer != null) {
                timer.cancel(false);
            }
            source.cancel(true);  // the module releases what it holds; nothing when it completed already
        });
        // an interrupt that came before this wait was known: interruptAll has not seen it
        if (interrupted.get()) {
            interrupt(awaited);
        }
        return awaited;
    }

    private ScheduledFuture<?> schedule(Runnable action, Duration left) {
        try {
            return timers.schedule(action, Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // the run is closing: its timer thread is gone
            action.run();
            return null;
        }
    }

    /** Ends every wait with an interrupt, as Ctrl-C ends a module blocked on a worker (the run's interrupted flag is set). */
    void interruptAll() {
        waiting.forEach(LaterResults::interrupt);
    }

    private static void interrupt(CompletableFuture<Result> awaited) {
        awaited.completeExceptionally(new InterruptedException("interrupted"));
    }

    /**
     * Where a later result's remaining work runs: the run's workers (short work: a task's result handled), before the
     * hosts that have not started yet, or the thread that completed it once the workers were stopped (Ctrl-C), so that
     * its result is still reported.
     */
    static Executor resumeOn(Workers workers) {
        return work -> {
            try {
                workers.executeFirst(work);
            } catch (RejectedExecutionException stopped) {
                work.run();
            }
        };
    }

    /** What a stage failed with, without the wrappers of {@link CompletableFuture}. */
    static Throwable cause(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** The value of a complete or completing future; what it failed with thrown as it was thrown (unchecked). */
    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable c = cause(e);
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
