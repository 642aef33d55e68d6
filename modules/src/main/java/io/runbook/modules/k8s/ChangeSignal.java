package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.runbook.engine.module.Progress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Wakes a waiting task when an informer sees a change, so waits react to watch events instead of sleeping.
 * {@link #await} re-checks on every event, ticks the progress line every few seconds and gives up at the
 * deadline; {@link WatchedWait} does the same without a thread, called back by {@link #listen}.
 */
public final class ChangeSignal implements ResourceEventHandler<Object> {
    static final long PROGRESS_EVERY_MS = 2_000;
    /** Checks also run this often without events, for time-based rules such as a grace period (reads caches only). */
    static final long RECHECK_MS = 500;
    private final ApiLiveness liveness;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long version;

    /** A signal for a wait that watches nothing the server could vanish from under. */
    public ChangeSignal() {
        this(null);
    }

    /** A signal whose waits stop, with {@link ApiLost}, when {@code liveness} finds the server gone. */
    ChangeSignal(ApiLiveness liveness) {
        this.liveness = liveness;
    }

    @Override
    public void onAdd(Object obj) {
        bump();
    }

    @Override
    public void onUpdate(Object oldObj, Object newObj) {
        bump();
    }

    @Override
    public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
        bump();
    }

    public void bump() {
        synchronized (this) {
            version++;
            notifyAll();
        }
        listeners.forEach(Runnable::run);
    }

    /** Calls {@code onChange} after each change (on the thread that saw it, a watch's: it must not block). */
    void listen(Runnable onChange) {
        listeners.add(onChange);
    }

    void unlisten(Runnable onChange) {
        listeners.remove(onChange);
    }

    private synchronized void awaitChange(long seen, long maxMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + maxMillis;
        while (version == seen) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    private synchronized long version() {
        return version;
    }

    /**
     * Evaluates {@code check} now and after every change until it gives a value or {@code timeout} passes
     * (then empty). {@code status} turns the elapsed seconds into the progress text. With a liveness check, a
     * lost API server ends the wait with {@link ApiLost} instead of a check of stale caches.
     */
    public <R> Optional<R> await(Supplier<Optional<R>> check, Duration timeout, Progress progress, LongFunction<String> status)
            throws InterruptedException {
        long start = System.currentTimeMillis();
        long deadline = start + timeout.toMillis();
        long lastProgress = 0;
        while (true) {
            long seen = version();
            if (liveness != null) {
                liveness.check();
            }
            Optional<R> done = check.get();
            if (done.isPresent()) {
                return done;
            }
            long now = System.currentTimeMillis();
            if (now >= deadline) {
                if (lastProgress == 0) {
                    // the first check took the whole timeout (a short one on a busy machine): still say what was awaited
                    progress.update(status.apply((now - start) / 1000));
                }
                return Optional.empty();
            }
            if (now - lastProgress >= PROGRESS_EVERY_MS) {
                progress.update(status.apply((now - start) / 1000));
                lastProgress = now;
            }
            awaitChange(seen, Math.min(deadline - now, RECHECK_MS));
        }
    }
}
