package io.runbook.engine.vars;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;

/** Jinja's truthiness: null, false, 0, and empty strings, lists and maps are false; everything else is true. */
final class Truthiness {
    private Truthiness() {
    }

    static boolean of(Object value) {
        if (value == null || value == Undefined.VALUE) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof CharSequence s) {
            return !s.isEmpty();
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (value.getClass().isArray()) {
            return Array.getLength(value) > 0;
        }
        return true;
    }
}
