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

    @Override
    public void close() {
        List<Object> all = new ArrayList<>(objects.values());
        objects.clear();
        for (Object o : all) {
            if (o instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // the run is over; a failing close has nobody left to tell
                }
            }
        }
    }
}
