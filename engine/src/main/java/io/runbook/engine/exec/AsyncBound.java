package io.runbook.engine.exec;

import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleException;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An async job's module run to its end within the task's async seconds, as Ansible's async_wrapper bounds the module
 * (not the action plugin around it): its time limit starts when the wrapper forks the module, after the controller
 * built and sent it. The engine's limit counts from the call, and again from the start of the module's own process
 * when the module says so ({@link io.runbook.engine.module.ModuleContext#moduleStarted}: a {@code library/} module,
 * whose files are written first), so that preparing the module on a loaded machine is not counted. Past the limit,
 * the polling's failure ({@link AsyncResults#tooLong}).
 */
final class AsyncBound {
    private final ScheduledExecutorService timers;
    private final int seconds;
    private final AtomicBoolean fired = new AtomicBoolean();
    private Thread worker;
    private ScheduledFuture<?> timer;

    AsyncBound(ScheduledExecutorService timers, int seconds) {
        this.timers = timers;
        this.seconds = seconds;
    }

    /** The limit counted from now (again, when it was already counting and has not passed). */
    synchronized void start() {
        if (fired.get() || worker == null) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        Thread interrupted = worker;
        timer = timers.schedule(() -> {
            synchronized (this) {
                if (worker != null) {
                    fired.set(true);
                    interrupted.interrupt();
                }
            }
        }, seconds, TimeUnit.SECONDS);
    }

    /** The module's result, or the failure Ansible's polling gives past the limit. */
    Map<String, Object> run(Module module, TaskContext inner) throws ModuleException, InterruptedException {
        synchronized (this) {
            worker = Thread.currentThread();
        }
        start();
        try {
            Map<String, Object> result = module.run(inner).join().toMap();
            return fired.get() ? AsyncResults.tooLong(seconds) : result;
        } catch (InterruptedException | RuntimeException | ModuleException e) {
            if (fired.get()) {
                return AsyncResults.tooLong(seconds);
            }
            throw e;
        } finally {
            synchronized (this) {
                worker = null;
                if (timer != null) {
                    timer.cancel(false);
                }
            }
            if (fired.get()) {
                Thread.interrupted();
            }
        }
    }
}
