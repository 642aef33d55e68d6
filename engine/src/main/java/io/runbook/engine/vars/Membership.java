package io.runbook.engine.vars;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/** Jinja's {@code in}: an item of a list, a key of a map, a substring of a string. Numbers compare by value. */
final class Membership {
    private Membership() {
    }

    static boolean contains(Object container, Object value) {
        if (container instanceof CharSequence s) {
            return s.toString().contains(ValueText.of(value));
        }
        if (container instanceof Map<?, ?> m) {
            return m.keySet().stream().anyMatch(k -> same(k, value));
        }
        if (container instanceof Collection<?> c) {
            return c.stream().anyMatch(item -> same(item, value));
        }
        if (container != null && container.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(container); i++) {
                if (same(Array.get(container, i), value)) {
                    return true;
                }
            }
            return false;
        }
        throw new ExpressionFailure("'in' needs a list, map or string on its right, got " + Describe.kind(container));
    }

    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }
}
