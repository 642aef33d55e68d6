package io.runbook.engine.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Objects shared by every task of a run (such as one client per cluster), closed when the run ends. */
final class RunResources implements AutoCloseable {
    private final Map<Object, Slot> objects = new ConcurrentHashMap<>();

    /**
     * The object for {@code key}, created by {@code factory} on first use. Creation runs outside the map's own
     * locks: a thousand hosts opening their clusters at once must not queue behind one slow open that happens to
     * share a hash bin; callers asking for the same key wait for the one creation (a failed creation is retried).
     */
    <T> T get(Object key, Class<T> type, Supplier<T> factory) {
        return type.cast(objects.computeIfAbsent(key, k -> new Slot()).get(factory));
    }

    /** Closes everything at once (twenty cluster clients closed one by one cost a noticeable part of a short run). */
    @Override
    public void close() {
        List<Object> all = new ArrayList<>();
        objects.values().forEach(s -> s.value().ifPresent(all::add));
        objects.clear();
        List<Thread> closers = new ArrayList<>();
        for (Object o : all) {
            if (o instanceof AutoCloseable c) {
                Thread t = new Thread(() -> closeQuietly(c), "runbook-close");
                t.setDaemon(true);
                t.start();
                closers.add(t);
            }
        }
        for (Thread t : closers) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
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

        Object get(Supplier<?> factory) {
            Object v = value;
            if (v != null) {
                return v;
            }
            synchronized (this) {
                if (value == null) {
                    value = java.util.Objects.requireNonNull(factory.get(), "a shared object's factory returned null");
                }
                return value;
            }
        }

        java.util.Optional<Object> value() {
            return java.util.Optional.ofNullable(value);
        }
    }
}
