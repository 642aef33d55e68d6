package io.runbook.engine.exec;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One host's facts ({@code set_fact} and {@code register}): safe to read from other hosts' threads while the
 * host's own thread writes, able to hold null ({@code set_fact: {x: null}} sets {@code x} to None, as in
 * Ansible), and in the order they were set, as Ansible's variables are (so {@code lookup('varnames', …)} lists
 * them in that order).
 */
final class Facts extends AbstractMap<String, Object> {
    private final Map<String, Object> values = new LinkedHashMap<>();

    @Override
    public synchronized Object put(String key, Object value) {
        return values.put(key, value);
    }

    @Override
    public synchronized Object get(Object key) {
        return values.get(key);
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return key != null && values.containsKey(key);
    }

    @Override
    public synchronized Object remove(Object key) {
        return values.remove(key);
    }

    @Override
    public synchronized void clear() {
        values.clear();
    }

    @Override
    public synchronized int size() {
        return values.size();
    }

    @Override
    public synchronized Set<Entry<String, Object>> entrySet() {
        return new LinkedHashMap<>(values).entrySet();
    }
}
