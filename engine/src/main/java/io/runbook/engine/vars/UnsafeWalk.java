package io.runbook.engine.vars;

import java.util.List;
import java.util.Map;

/** How a template's result is found to hold unsafe text, and kept unsafe, as Ansible's Templar does. */
final class UnsafeWalk {
    private UnsafeWalk() {
    }

    /**
     * Whether Ansible's Templar counts value as unsafe (its {@code _is_unsafe}): unsafe text, or a list or mapping
     * holding some, every string inside unsafe data being unsafe text in Ansible (a registered result's {@code stdout};
     * a result of numbers and booleans only holds none). {@code hostvars} is not looked into, as in Ansible, nor are
     * plain lists and mappings.
     */
    static boolean holds(Object value) {
        if (value instanceof UnsafeText) {
            return true;
        }
        if (!(value instanceof UnsafeMap || value instanceof UnsafeList)) {
            // plain data is not looked into: reading a large variable stays cheap (unsafe text inside plain lists and
            // mappings, ["{{ out.stdout }}"], is rare; a template of unsafe data gives an unsafe list or mapping)
            return false;
        }
        // breadth first over each container once (by identity, as Ansible's seen ids), and at most a bounded number of
        // values: a list that holds the same list twice at each of 100 levels is not walked 2^100 times
        java.util.ArrayDeque<Object[]> todo = new java.util.ArrayDeque<>();
        java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        todo.add(new Object[] {value, false});
        int budget = 100_000;
        while (!todo.isEmpty() && budget-- > 0) {
            Object[] next = todo.poll();
            Object v = next[0];
            boolean inUnsafe = (Boolean) next[1];
            if (v instanceof UnsafeText || v instanceof CharSequence && inUnsafe) {
                return true;
            }
            if (v instanceof LazyVariables || !(v instanceof Map<?, ?> || v instanceof List<?>) || !seen.add(v)) {
                continue;
            }
            Boolean inner = inUnsafe || v instanceof UnsafeMap || v instanceof UnsafeList;
            java.util.Collection<?> items = v instanceof Map<?, ?> map ? map.values() : (List<?>) v;
            for (Object item : items) {
                if (todo.size() >= 100_000) {
                    break;
                }
                todo.add(new Object[] {item, inner});
            }
        }
        return false;
    }

    /**
     * What a template that read unsafe data gives back is unsafe too, as Ansible's Templar marks it: {@code {{ }}} that
     * came from a command's output stays text wherever the result is stored (a fact, a variable) and read again.
     */
    static Object kept(Object value) {
        if (value instanceof String s) {
            return Jinja.hasTemplate(s) ? new UnsafeText(s) : s;
        }
        return value instanceof Map<?, ?> || value instanceof List<?> ? Templar.unsafe(value) : value;
    }
}
