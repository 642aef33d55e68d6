package io.runbook.engine.vars;

import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A read-only view of data that is never re-templated (see {@link Templar#unsafe}); nested values are views too. */
final class UnsafeMap extends AbstractMap<Object, Object> {
    private final Map<?, ?> data;

    UnsafeMap(Map<?, ?> data) {
        this.data = data;
    }

    @Override
    public Object get(Object key) {
        return Templar.unsafeContainer(data.get(key));
    }

    @Override
    public boolean containsKey(Object key) {
        return data.containsKey(key);
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        return data.entrySet().stream()
                .map(e -> new SimpleImmutableEntry<Object, Object>(e.getKey(), Templar.unsafeContainer(e.getValue())))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
