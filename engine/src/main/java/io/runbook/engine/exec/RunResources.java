package io.runbook.engine.exec;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Objects shared by every task of a run (such as one client per cluster), closed when the run ends. */
final class RunResources implements AutoCloseable {
    /** How long one close may take before the rest go on without it (it finishes on its own thread, or with the JVM). */
    static final long CLOSE_LIMIT_MILLIS = 5_000;

    private final Map<Object, Slot> objects = new ConcurrentHashMap<>();
    /** The objects in the order they were created: closed in reverse, so what an object uses outlives it. */
    private final Deque<Object> created = new ConcurrentLinkedDeque<>();
    private final long closeLimitMillis;
    /** The closes under way, once closing started (null before, and again once they ended). */
    private Round round;

    RunResources() {
        this(CLOSE_LIMIT_MILLIS);
    }

    RunResources(long closeLimitMillis) {
        this.closeLimitMillis = closeLimitMillis;
    }

    /**
     * The object for {@code key}, created by {@code factory} on first use. Creation runs outside the map's own
     * locks: a thousand hosts opening their clusters at once must not queue behind one slow open that happens to
     * share a hash bin; callers asking for the same key wait for the one creation (a failed creation is retried).
     */
    <T> T get(Object key, Class<T> type, Supplier<T> factory) {
        return type.cast(objects.computeIfAbsent(key, k -> new Slot()).get(factory, created));
    }

    /**
     * Closes everything, newest first (a cluster's client before the transport it shares, a tunnel before the SSH
     * session it runs in; the modules' {@link io.runbook.engine.module.RunScheduler} before all), one after another on one closer thread: a close only starts the release of what it holds
     * (a shared transport's connections close with it), so a thousand clients close in milliseconds, where a thread
     * each cost more than the closes. A close that takes longer than the limit is left to finish on its own and the
     * rest go on, on a fresh closer thread. Returns when every close ended or was left to finish on its own.
     */
    @Override
    public void close() {
        do {
            startClosing();
            awaitClosed();
            // an object made while the closes started early ran (a worker a Ctrl-C left running) is closed too
        } while (!created.isEmpty() && !Thread.currentThread().isInterrupted());
    }

    /**
     * Starts closing everything on the closer thread (see {@link #close}) without waiting: the run's end (its recap)
     * goes on meanwhile, once nothing uses these objects any more. A call while closes run starts nothing.
     */
    void startClosing() {
        List<AutoCloseable> all = new ArrayList<>();
        synchronized (this) {
            if (round != null) {
                return;
            }
            for (java.util.Iterator<Object> newest = created.descendingIterator(); newest.hasNext(); ) {
                if (newest.next() instanceof AutoCloseable c) {
                    all.add(c);
                }
            }
            // the modules' scheduler first, however early it was made: its waits use the other objects
            all.sort(java.util.Comparator.comparing(c -> !(c instanceof io.runbook.engine.module.RunScheduler)));
            objects.clear();
            created.clear();
            round = Round.start(all);
        }
    }

    /** Waits for the closes {@link #startClosing} started, each at most the limit (see {@link #close}). */
    private void awaitClosed() {
        Round started;
        synchronized (this) {
            started = round;
        }
        if (started != null) {
            started.await(closeLimitMillis);
        }
        synchronized (this) {
            round = null;
        }
    }

    /** One round of closes: what is left to close, each close's end, and the thread closing them. */
    private static final class Round {
        private final java.util.Queue<Closing> queue = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final List<Closing> closes;
        private Closer closer; // guarded by this round

        private Round(List<AutoCloseable> all) {
            all.forEach(c -> queue.add(new Closing(c)));
            closes = List.copyOf(queue);
        }

        /** Starts closing {@code all}, in that order, on a closer thread (none when there is nothing to close). */
        static Round start(List<AutoCloseable> all) {
            Round r = new Round(all);
            if (!r.closes.isEmpty()) {
                r.closer = Closer.start(r.queue);
            }
            return r;
        }

        /**
         * Waits for each close at most {@code limitMillis}: one that takes longer is left to finish on its own thread
         * (not interrupted) and the rest go on on a fresh one. An interrupt stops the waiting; the closes still run on
         * the closer's daemon thread.
         */
        void await(long limitMillis) {
            try {
                for (Closing c : closes) {
                    try {
                        c.done.get(limitMillis, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        synchronized (this) {
                            closer.retire();
                            closer = Closer.start(queue);
                        }
                    } catch (ExecutionException e) {
                        // closeQuietly throws nothing
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One object to close, and when its close ended. */
    private record Closing(AutoCloseable object, java.util.concurrent.CompletableFuture<Void> done) {
        Closing(AutoCloseable object) {
            this(object, new java.util.concurrent.CompletableFuture<>());
        }
    }

    /**
     * A daemon thread closing the queue's objects one after another. Retired (its close took too long), it stops after
     * the close it is in, which it finishes: interrupting it could leave a connection half released.
     */
    private static final class Closer implements Runnable {
        private final java.util.Queue<Closing> queue;
        private volatile boolean retired;

        private Closer(java.util.Queue<Closing> queue) {
            this.queue = queue;
        }

        static Closer start(java.util.Queue<Closing> queue) {
            Closer closer = new Closer(queue);
            Thread t = new Thread(closer, "runbook-close");
            t.setDaemon(true);
            t.start();
            return closer;
        }

        void retire() {
            retired = true;
        }

        @Override
        public void run() {
            Closing next;
            while (!retired && (next = queue.poll()) != null) {
                closeQuietly(next.object());
                next.done().complete(null);
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // the run is over; a failing close has nobody left to tell
        }
    }

    /** One key's object, created once under the slot's own lock. */
    private static final class Slot {
        private volatile Object value;

        Object get(Supplier<?> factory, Deque<Object> created) {
            Object v = value;
            if (v != null) {
                return v;
            }
            synchronized (this) {
                if (value == null) {
                    value = java.util.Objects.requireNonNull(factory.get(), "a shared object's factory returned null");
                    created.addLast(value);
                }
                return value;
            }
        }
    }
}
