package io.runbook.modules.k8s;

import io.runbook.engine.module.Progress;
import io.runbook.engine.module.RunScheduler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * {@link ChangeSignal#await} without a thread: the check runs on each change the signal sees (on the watch's event
 * thread), every {@link ChangeSignal#RECHECK_MS} and at the deadline (on the run's {@link RunScheduler#TIMER}), one
 * run at a time; a run that finds upkeep due (a liveness probe, a watch to start again: requests that may block) is
 * handed to the {@link #UPKEEP} threads. Same progress lines, same end: the check's value, or empty at the timeout, or
 * {@link ApiLost}. Cancelling the returned future ends the wait.
 */
final class WatchedWait<R> {
    /**
     * The threads every wait of a run shares for upkeep that may block on a server (a liveness probe, a watch started
     * again or closed), which neither the timer nor a watch's event thread may do. Upkeep is rare (a probe of a server
     * at most every second while its watch is down, a close per wait).
     */
    static final RunScheduler.Lane UPKEEP = new RunScheduler.Lane("k8s-wait-blocking", 4);
    /**
     * The threads for what a wait reads from the server besides its watches ({@code wait_pods}' log reads for
     * {@code stop_on_log_errors}, the fresh read and the reasons of a wait that did not end well), apart from
     * {@link #UPKEEP} so that many hosts' reads never hold up a probe. Reads come at most every 2 s per waiting host
     * whose pods are not ready, and at a failed wait's end.
     */
    static final RunScheduler.Lane READS = new RunScheduler.Lane("k8s-wait-reads", 16);

    /** Work that may block on the server, done before a check when {@code due}. */
    record Upkeep(BooleanSupplier due, Step step) {
        static final Upkeep NONE = new Upkeep(() -> false, () -> { });
    }

    /** A step that may block. */
    interface Step {
        void run() throws InterruptedException;
    }

    private final ChangeSignal signal;
    private final Upkeep upkeep;
    private final Supplier<Optional<R>> check;
    private final Progress progress;
    private final LongFunction<String> status;
    private final RunScheduler scheduler;
    private final long start = System.currentTimeMillis();
    private final long deadline;
    private final CompletableFuture<Optional<R>> result = new CompletableFuture<>();
    private final Runnable onChange = this::trigger;
    /** Guarded by this: a run is under way; another was asked for meanwhile. */
    private boolean running;
    private boolean again;
    /** Only read and written by a run (one at a time). */
    private long lastProgress;

    private WatchedWait(ChangeSignal signal, Upkeep upkeep, Supplier<Optional<R>> check, Duration timeout, Progress progress,
                        LongFunction<String> status, RunScheduler scheduler) {
        this.signal = signal;
        this.upkeep = upkeep;
        this.check = check;
        this.progress = progress;
        this.status = status;
        this.scheduler = scheduler;
        this.deadline = start + timeout.toMillis();
    }

    /**
     * Starts the wait: {@code check} (which reads caches only) now and after every change until it gives a value or
     * {@code timeout} passes (then empty). {@code status} turns the elapsed seconds into the progress text.
     */
    static <R> CompletableFuture<Optional<R>> start(ChangeSignal signal, Upkeep upkeep, Supplier<Optional<R>> check,
                                                    Duration timeout, Progress progress, LongFunction<String> status,
                                                    RunScheduler scheduler) {
        WatchedWait<R> w = new WatchedWait<>(signal, upkeep, check, timeout, progress, status, scheduler);
        w.begin();
        return w.result;
    }

    private void begin() {
        signal.listen(onChange);
        ScheduledFuture<?> recheck = scheduler.every(RunScheduler.TIMER, ChangeSignal.RECHECK_MS, onChange);
        ScheduledFuture<?> end = scheduler.after(RunScheduler.TIMER, deadline - System.currentTimeMillis(), onChange);
        result.whenComplete((r, e) -> {
            signal.unlisten(onChange);
            if (recheck != null) {
                recheck.cancel(false);
            }
            if (end != null) {
                end.cancel(false);
            }
        });
        trigger();
    }

    private void trigger() {
        synchronized (this) {
            if (running) {
                again = true;
                return;
            }
            running = true;
        }
        runs();
    }

    /** Runs the check until no change came during the last run; the caller holds {@link #running}. */
    private void runs() {
        while (true) {
            synchronized (this) {
                again = false;
            }
            if (!result.isDone() && upkeep.due().getAsBoolean()) {
                scheduler.execute(WatchedWait.UPKEEP, this::upkeepThenRuns);
                return;
            }
            if (evaluatedLast()) {
                return;
            }
        }
    }

    /**
     * Evaluates the check unless the wait is over; true when this run ends here (no change came during it, or the wait
     * is over), {@link #running} released.
     */
    private boolean evaluatedLast() {
        if (!result.isDone()) {
            evaluate();
        }
        synchronized (this) {
            if (!again || result.isDone()) {
                running = false;
                return true;
            }
        }
        return false;
    }

    private void upkeepThenRuns() {
        try {
            upkeep.step().run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(e);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        if (!evaluatedLast()) {
            runs();
        }
    }

    /** One turn of {@link ChangeSignal#await}'s loop. */
    private void evaluate() {
        try {
            Optional<R> done = check.get();
            if (done.isPresent()) {
                result.complete(done);
                return;
            }
            long now = System.currentTimeMillis();
            if (now >= deadline) {
                if (lastProgress == 0) {
                    // the first check came at the deadline (a short timeout on a busy machine): still say what was awaited
                    progress.update(status.apply((now - start) / 1000));
                }
                result.complete(Optional.empty());
                return;
            }
            if (now - lastProgress >= ChangeSignal.PROGRESS_EVERY_MS) {
                progress.update(status.apply((now - start) / 1000));
                lastProgress = now;
            }
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }
}
