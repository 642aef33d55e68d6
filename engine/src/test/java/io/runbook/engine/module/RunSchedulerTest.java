package io.runbook.engine.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The run's scheduler that modules share ({@link ModuleContext#scheduler()}). */
class RunSchedulerTest {
    /** Only keeps a broken test from hanging the suite. */
    private static final long LIMIT_MINUTES = 2;
    private static final RunScheduler.Lane ATTEMPTS = new RunScheduler.Lane("test-attempts", 2);

    @Test
    void aLaneRunsItsWorkOnItsOwnDaemonThreads() throws Exception {
        try (RunScheduler scheduler = new RunScheduler()) {
            CompletableFuture<Thread> now = new CompletableFuture<>();
            scheduler.execute(ATTEMPTS, () -> now.complete(Thread.currentThread()));
            CompletableFuture<Thread> timed = new CompletableFuture<>();
            scheduler.after(RunScheduler.TIMER, 1, () -> timed.complete(Thread.currentThread()));
            Thread attempt = now.get(LIMIT_MINUTES, TimeUnit.MINUTES);
            Thread timer = timed.get(LIMIT_MINUTES, TimeUnit.MINUTES);
            assertEquals("test-attempts", attempt.getName());
            assertEquals("runbook-module-timer", timer.getName());
            assertTrue(attempt.isDaemon() && timer.isDaemon(), "a run's scheduler must not keep the JVM alive");
        }
    }

    /** Every task of a run gets the same scheduler, made on first use and closed with the run. */
    @Test
    void everyTaskOfARunSharesOneScheduler() throws Exception {
        java.util.List<RunScheduler> seen = new java.util.ArrayList<>();
        Module module = new Module() {
            @Override
            public String name() {
                return "scheduler_user";
            }

            @Override
            public ArgSpec spec() {
                return ArgSpec.builder().build();
            }

            @Override
            public Result run(ModuleContext ctx) {
                seen.add(ctx.scheduler());
                return Result.ok();
            }
        };
        try (DirectRun run = DirectRun.of(module)) {
            run.run(java.util.Map.of());
            run.run(java.util.Map.of());
        }
        assertEquals(2, seen.size());
        assertSame(seen.get(0), seen.get(1));
        assertNull(seen.get(0).after(RunScheduler.TIMER, 0, () -> { }), "the run's end closes it");
    }

    /** Once the run closes nothing scheduled runs, and work handed over runs on the caller's thread instead. */
    @Test
    void aClosedSchedulerRunsNothingLaterAndHandsWorkBack() {
        RunScheduler scheduler = new RunScheduler();
        scheduler.execute(ATTEMPTS, () -> { });
        scheduler.close();
        AtomicBoolean ran = new AtomicBoolean();
        assertNull(scheduler.after(ATTEMPTS, 0, () -> ran.set(true)));
        assertNull(scheduler.every(RunScheduler.TIMER, 1, () -> ran.set(true)));
        assertFalse(ran.get());
        Thread[] on = new Thread[1];
        scheduler.execute(ATTEMPTS, () -> on[0] = Thread.currentThread());
        assertSame(Thread.currentThread(), on[0]);
    }

    /** Closing interrupts the work that runs (a login waiting for its timeout) and drops what waits its turn. */
    @Test
    void closingInterruptsRunningWork() throws Exception {
        RunScheduler scheduler = new RunScheduler();
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        scheduler.execute(ATTEMPTS, () -> {
            started.complete(null);
            try {
                new CompletableFuture<Void>().get(LIMIT_MINUTES, TimeUnit.MINUTES);
                interrupted.complete(false);
            } catch (InterruptedException e) {
                interrupted.complete(true);
            } catch (Exception e) {
                interrupted.complete(false);
            }
        });
        started.get(LIMIT_MINUTES, TimeUnit.MINUTES);
        scheduler.close();
        assertTrue(interrupted.get(LIMIT_MINUTES, TimeUnit.MINUTES));
    }
}
