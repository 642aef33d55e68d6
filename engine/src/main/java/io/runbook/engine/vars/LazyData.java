package io.runbook.engine.vars;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's data as templates see it, rendered as it is read, as Ansible does: a map whose {@code api} field is
 * {@code "https://{{ cluster.name }}"} may live inside {@code cluster} itself. Only the values read are rendered;
 * {@link #materialize} renders everything when a whole value leaves templating.
 */
final class LazyData {
    private LazyData() {
    }

    /** raw as a template sees it: a template string rendered now, a map or list holding templates as a lazy view. */
    static Object wrap(Object raw, String path, Jinja jinja, Map<String, Object> vars) {
        if (raw instanceof String s) {
            if (!Jinja.hasTemplate(s)) {
                return s;
            }
            try {
                return NestedValues.text(jinja, path, s, vars);
            } catch (MissingVariable missing) {
                return new Undefined(missing);
            }
        }
        if (raw instanceof LazyVariables || raw instanceof UnsafeMap || raw instanceof UnsafeList || !Templar.isTemplate(raw)) {
            return raw;
        }
        if (raw instanceof Map<?, ?> m) {
            return new LazyMap(m, path, jinja, vars);
        }
        if (raw instanceof List<?> l) {
            return new LazyList(l, path, jinja, vars);
        }
        return raw;
    }

    /** value with every lazy view replaced by plain maps and lists, everything rendered. */
    static Object materialize(Object value) {
        if (value instanceof LazyMap m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, materialize(v)));
            return out;
        }
        if (value instanceof LazyList l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(materialize(v)));
            return out;
        }
        return value;
    }

    static final class LazyMap extends AbstractMap<Object, Object> implements LazyVariables {
        private final Map<?, ?> raw;
        private final String path;
        private final Jinja jinja;
        private final Map<String, Object> vars;

        LazyMap(Map<?, ?> raw, String path, Jinja jinja, Map<String, Object> vars) {
            this.raw = raw;
            this.path = path;
            this.jinja = jinja;
            this.vars = vars;
        }

        @Override
        public Object get(Object key) {
            return raw.containsKey(key) ? wrap(raw.get(key), path + "." + key, jinja, vars) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return raw.containsKey(key);
        }

        @Override
        public int size() {
            return raw.size();
        }

        @Override
        public Set<Object> keySet() {
            Set<Object> keys = new LinkedHashSet<>();
            for (Object k : raw.keySet()) {
                keys.add(k instanceof String s && Jinja.hasTemplate(s) ? NestedValues.text(jinja, path, s, vars) : k);
            }
            return keys;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            Set<Entry<Object, Object>> out = new LinkedHashSet<>();
            raw.forEach((k, v) -> out.add(new SimpleImmutableEntry<>(
                    k instanceof String s && Jinja.hasTemplate(s) ? NestedValues.text(jinja, path, s, vars) : k,
                    wrap(v, path + "." + k, jinja, vars))));
            return out;
        }
    }

    static final class LazyList extends AbstractList<Object> implements LazyVariables {
        private final List<?> raw;
        private final String path;
        private final Jinja jinja;
        private final Map<String, Object> vars;

        LazyList(List<?> raw, String path, Jinja jinja, Map<String, Object> vars) {
            this.raw = raw;
            this.path = path;
            this.jinja = jinja;
            this.vars = vars;
        }

        @Override
        public Object get(int index) {
            return wrap(raw.get(index), path + "[" + index + "]", jinja, vars);
        }

        @Override
        public int size() {
            return raw.size();
        }
    }
}
