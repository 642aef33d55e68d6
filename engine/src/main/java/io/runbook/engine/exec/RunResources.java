package io.runbook.engine.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Objects shared by every task of a run (such as one client per cluster), closed when the run ends. */
final class RunResources implements AutoCloseable {
    private final Map<Object, Object> objects = new ConcurrentHashMap<>();

    <T> T get(Object key, Class<T> type, Supplier<T> factory) {
        return type.cast(objects.computeIfAbsent(key, k -> factory.get()));
    }

    /** Closes everything at once (twenty cluster clients closed one by one cost a noticeable part of a short run). */
    @Override
    public void close() {
        List<Object> all = new ArrayList<>(objects.values());
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
}
