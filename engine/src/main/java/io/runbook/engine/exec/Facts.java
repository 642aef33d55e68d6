package io.runbook.engine.exec;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One host's facts ({@code set_fact} and {@code register}): safe to read from other hosts' threads while the
 * host's own thread writes, and able to hold null ({@code set_fact: {x: null}} sets {@code x} to None, as in
 * Ansible), which a {@link ConcurrentHashMap} alone cannot.
 */
final class Facts extends AbstractMap<String, Object> {
    private static final Object NULL = new Object();
    private final Map<String, Object> values = new ConcurrentHashMap<>();

    @Override
    public Object put(String key, Object value) {
        return unwrap(values.put(key, value == null ? NULL : value));
    }

    @Override
    public Object get(Object key) {
        return unwrap(values.get(key));
    }

    @Override
    public boolean containsKey(Object key) {
        return key != null && values.containsKey(key);
    }

    @Override
    public Object remove(Object key) {
        return unwrap(values.remove(key));
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        values.forEach((k, v) -> snapshot.put(k, unwrap(v)));
        return snapshot.entrySet();
    }

    private static Object unwrap(Object v) {
        return v == NULL ? null : v;
    }
}
