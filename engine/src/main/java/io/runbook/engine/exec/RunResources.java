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
    /** Once closing started: what is left to close, the closes to wait for, and the thread closing them. */
    private java.util.Queue<Closing> closing;
    private List<Closing> closes = List.of();
    private Closer closer;

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
     * session it runs in), one after another on one closer thread: a close only starts the release of what it holds
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
            if (closing != null) {
                return;
            }
            for (java.util.Iterator<Object> newest = created.descendingIterator(); newest.hasNext(); ) {
                if (newest.next() instanceof AutoCloseable c) {
                    all.add(c);
                }
            }
            objects.clear();
            created.clear();
            closing = new java.util.concurrent.ConcurrentLinkedQueue<>();
            all.forEach(c -> closing.add(new Closing(c)));
            closes = List.copyOf(closing);
            if (!closes.isEmpty()) {
                closer = Closer.start(closing);
            }
        }
    }

    /** Waits for the closes {@link #startClosing} started, each at most the limit (see {@link #close}). */
    private void awaitClosed() {
        List<Closing> started;
        synchronized (this) {
            started = closes;
        }
        try {
            for (Closing c : started) {
                try {
                    c.done.get(closeLimitMillis, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // this close is left to finish on its own thread (not interrupted); the rest go on on a fresh one
                    synchronized (this) {
                        closer.retire();
                        closer = Closer.start(closing);
                    }
                } catch (ExecutionException e) {
                    // closeQuietly throws nothing
                }
            }
        } catch (InterruptedException e) {
            // stop waiting; the closes still run on the closer's daemon thread
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closes = List.of();
            closing = null;
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
