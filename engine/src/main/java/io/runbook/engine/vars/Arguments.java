package io.runbook.engine.vars;

import java.util.List;
import java.util.Map;

/** The arguments of a filter call: positional, then keyword ({@code map(attribute='name')}). */
record Arguments(List<Object> positional, Map<String, Object> named) {

    static final Arguments NONE = new Arguments(List.of(), Map.of());

    /** The argument given by keyword {@code name}, else at {@code index}, else {@code fallback}. */
    Object get(int index, String name, Object fallback) {
        if (name != null && named.containsKey(name)) {
            return named.get(name);
        }
        return index >= 0 && index < positional.size() ? positional.get(index) : fallback;
    }

    boolean has(int index, String name) {
        return (name != null && named.containsKey(name)) || (index >= 0 && index < positional.size());
    }

    /** Positional arguments from {@code index} on, e.g. the arguments a mapped filter passes on. */
    List<Object> rest(int index) {
        return index >= positional.size() ? List.of() : positional.subList(index, positional.size());
    }
}
