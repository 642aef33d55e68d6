package io.runbook.engine.exec;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A layer of variables some of whose values are computed when a task first reads them, each at most once: the magic
 * variables are made for every host and task, and a few of them cost a pass over all the play's hosts
 * ({@code ansible_play_hosts}) or the clock's formatting ({@code ansible_date_time}), which most tasks never read.
 * Keys, their order and what {@code get} answers are those of a plain map filled at once.
 */
final class ComputedVars extends AbstractMap<String, Object> {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** A value computed when first read. */
    private record Later(Supplier<?> value) {
    }

    synchronized void later(String name, Supplier<?> value) {
        values.put(name, new Later(value));
    }

    @Override
    public synchronized Object put(String name, Object value) {
        return values.put(name, value);
    }

    @Override
    public synchronized Object get(Object name) {
        Object v = values.get(name);
        if (v instanceof Later later) {
            v = later.value().get();
            values.put((String) name, v);
        }
        return v;
    }

    @Override
    public synchronized boolean containsKey(Object name) {
        return values.containsKey(name);
    }

    @Override
    public synchronized Set<String> keySet() {
        return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(values.keySet()));
    }

    @Override
    public synchronized int size() {
        return values.size();
    }

    @Override
    public synchronized Set<Entry<String, Object>> entrySet() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String name : values.keySet().toArray(new String[0])) {
            all.put(name, get(name));
        }
        return Collections.unmodifiableMap(all).entrySet();
    }
}
