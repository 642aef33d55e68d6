package io.runbook.modules.core;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Progress;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.RunScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait of {@link RebootModule} after its reboot command, as Ansible's {@code validate_reboot}: after
 * {@code post_reboot_delay}, the boot id check until the host answers with a new one, then the test command until it
 * works, each within the timeout; between failed attempts Ansible's backoff (1, 2, 4, 8, then 12 s, plus up to 1 s).
 * Attempts run on the run's {@link #ATTEMPTS} threads (each logs in again when the host's session was lost), the
 * pauses are their timers: no thread waits for a host between attempts. Cancelling the future stops the wait (a running
 * attempt is interrupted).
 */
final class RebootWait {
    /**
     * The threads every wait of a run shares, however many hosts reboot: each busy only while it makes an attempt (a
     * login and a command, which may block until the connection's timeout). Attempts are short and come at most every
     * second per rebooting host.
     */
    static final RunScheduler.Lane ATTEMPTS = new RunScheduler.Lane("reboot-wait", 8);
    /** One attempt: returns when it worked, throws why it did not. */
    interface Check {
        void attempt() throws ModuleException, InterruptedException;
    }

    /** What must work, in turn: the boot id differs; the test command succeeds. */
    record Checks(Check bootTimeChanged, Check testCommand) {
    }

    private record Phase(String description, Check check) {
    }

    private static final long MAX_FAIL_SLEEP_MS = 12_000;
    private final RunScheduler scheduler;
    private final Progress progress;
    private final List<Phase> phases;
    private final long start;
    private final Duration timeout;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    /** The attempt running or the pause scheduled now (cancelled with the wait). */
    private volatile Future<?> pending;
    /** Only read and written by the step that runs (one at a time). */
    private int phase;
    private int failures;
    private long deadline;

    private RebootWait(ModuleContext ctx, Checks checks, long start, Duration timeout) {
        this.scheduler = ctx.scheduler();
        this.progress = ctx.progress();
        this.phases = List.of(new Phase("last boot time check", checks.bootTimeChanged()),
                new Phase("post-reboot test command", checks.testCommand()));
        this.start = start;
        this.timeout = timeout;
    }

    /**
     * Starts the wait: the checks after {@code postRebootDelay}, each until it works or {@code timeout} passes. The
     * result: {@code rebooted}, {@code changed} and {@code elapsed} (whole seconds since {@code start}, a
     * {@link System#nanoTime}), or Ansible's {@code Timed out waiting for CHECK (timeout=N)}.
     */
    static CompletableFuture<Result> start(ModuleContext ctx, Checks checks, long start, Duration postRebootDelay, Duration timeout) {
        RebootWait wait = new RebootWait(ctx, checks, start, timeout);
        wait.result.whenComplete((r, e) -> {
            Future<?> now = wait.pending;
            if (wait.result.isCancelled() && now != null) {
                now.cancel(true);
            }
        });
        wait.pending(wait.scheduler.after(ATTEMPTS, postRebootDelay.toMillis(), () -> wait.begin(0)));
        return wait.result;
    }

    private void begin(int next) {
        phase = next;
        failures = 0;
        deadline = System.nanoTime() + timeout.toNanos();
        attempt();
    }

    /** One attempt of the phase's check, on one of the {@link #ATTEMPTS} threads. */
    private void attempt() {
        if (result.isDone()) {
            return;
        }
        if (System.nanoTime() >= deadline) {
            timedOut();
            return;
        }
        try {
            phases.get(phase).check().attempt();
        } catch (ModuleException e) {
            failed(e);
            return;
        } catch (InterruptedException e) {
            return;
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        if (phase + 1 < phases.size()) {
            begin(phase + 1);
        } else {
            result.complete(Result.changed().with("rebooted", true).with("elapsed", elapsed()));
        }
    }

    private void failed(ModuleException e) {
        if (result.isDone()) {
            return;
        }
        long pause = Math.min(1000L << Math.min(failures, 20), MAX_FAIL_SLEEP_MS) + ThreadLocalRandom.current().nextLong(1001);
        failures++;
        List<String> lines = e.getMessage() == null ? List.of() : e.getMessage().strip().lines().toList();
        progress.update("waiting for the reboot: " + phases.get(phase).description() + " (attempt " + failures + ", "
                + elapsed() + " s: " + (lines.isEmpty() ? e.getClass().getSimpleName() : lines.get(lines.size() - 1)) + ")");
        long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        pending(pause >= left ? scheduler.after(ATTEMPTS, left, this::timedOut) : scheduler.after(ATTEMPTS, pause, this::attempt));
    }

    private void timedOut() {
        result.complete(Result.failed("Timed out waiting for " + phases.get(phase).description() + " (timeout=" + timeout.toSeconds() + ")")
                .with("rebooted", true).with("elapsed", elapsed()));
    }

    /** {@code next} is null when the run is closing: then nothing more runs. */
    private void pending(Future<?> next) {
        pending = next;
        if (next != null && result.isCancelled()) {
            next.cancel(true);
        }
    }

    private int elapsed() {
        return (int) Duration.ofNanos(System.nanoTime() - start).toSeconds();
    }
}
