package io.runbook.engine.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Values as Python's {@code pprint.pformat} writes them (width 80, mappings sorted by key): the task debugger's
 * {@code p}. A value whose repr fits on its line is written as {@link PythonRepr#repr}; a longer mapping or list gets
 * one entry per line, indented under its opening bracket. Long strings are not cut into parts as pprint cuts them
 * (what the debugger shows of a result's long {@code msg} is not cut either). A vaulted value is never opened:
 * {@link #HIDDEN} stands for it.
 */
public final class PythonPretty {
    /** What a vaulted value is shown as. */
    public static final String HIDDEN = "<vaulted value, not shown>";
    private static final int WIDTH = 80;

    private PythonPretty() {
    }

    public static String format(Object value) {
        StringBuilder out = new StringBuilder();
        format(hidden(value), out, 0, 0);
        return out.toString();
    }

    /** The value with vaulted values replaced and mappings sorted, as pprint sorts them. */
    private static Object hidden(Object value) {
        if (value instanceof io.runbook.engine.vault.VaultedValue) {
            return new Raw(HIDDEN);
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> sorted = new java.util.TreeMap<>((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
            m.forEach((k, v) -> sorted.put(k, hidden(v)));
            return sorted;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            c.forEach(v -> out.add(hidden(v)));
            return out;
        }
        return value;
    }

    /** Text written as it is (not quoted). */
    private record Raw(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private static void format(Object value, StringBuilder out, int indent, int allowance) {
        String rep = PythonRepr.repr(value);
        if (rep.length() <= WIDTH - indent - allowance || !(value instanceof Map<?, ?> || value instanceof List<?>)) {
            out.append(rep);
            return;
        }
        if (value instanceof Map<?, ?> m) {
            out.append('{');
            int inner = indent + 1;
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                boolean last = ++i == m.size();
                String key = PythonRepr.repr(e.getKey());
                out.append(key).append(": ");
                format(e.getValue(), out, inner + key.length() + 2, last ? allowance + 1 : 1);
                if (!last) {
                    out.append(",\n").append(" ".repeat(inner));
                }
            }
            out.append('}');
            return;
        }
        List<?> l = (List<?>) value;
        out.append('[');
        int inner = indent + 1;
        for (int i = 0; i < l.size(); i++) {
            boolean last = i == l.size() - 1;
            format(l.get(i), out, inner, last ? allowance + 1 : 1);
            if (!last) {
                out.append(",\n").append(" ".repeat(inner));
            }
        }
        out.append(']');
    }
}
