package io.runbook.engine.vars;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Python's json.dumps as Ansible's to_json/to_nice_json call it: ", " and ": " separators, ASCII escapes. */
public final class PyJson {
    private PyJson() {
    }

    /** Python's json.dumps with its defaults (one line, keys in order), as Ansible's actions write a value out. */
    public static String dumps(Object value) {
        return dump(value, 0, false);
    }

    /** {@code json.dumps(value, sort_keys=True, indent=4)}: to_nice_json's, and ansible-config's -f json. */
    public static String nice(Object value) {
        return dump(value, 4, true);
    }

    /** to_json: one line; to_nice_json: indent 4 and sorted keys. */
    static String dump(Object value, int indent, boolean sortKeys) {
        StringBuilder out = new StringBuilder();
        write(value, out, indent, sortKeys, 0);
        return out.toString();
    }

    private static void write(Object v, StringBuilder out, int indent, boolean sort, int depth) {
        Jinja.limit(out.length());
        if (depth > 200) {
            throw new ExpressionFailure("to_json: the value nests too deeply");
        }
        if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (PyNumbers.isFloat(v)) {
            double d = PyNumbers.real(v);
            out.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : PyNumbers.floatText(d));
        } else if (v instanceof Number n) {
            out.append(n);
        } else if (v instanceof CharSequence s) {
            string(s.toString(), out);
        } else if (v instanceof Map<?, ?> m) {
            Map<?, ?> entries = sort ? sorted(m) : m;
            out.append('{');
            int i = 0;
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                out.append(i++ == 0 ? "" : indent > 0 ? "," : ", ");
                newline(out, indent, depth + 1);
                string(e.getKey() instanceof CharSequence k ? k.toString() : PyValues.str(e.getKey()), out);
                out.append(": ");
                write(e.getValue(), out, indent, sort, depth + 1);
            }
            if (!entries.isEmpty()) {
                newline(out, indent, depth);
            }
            out.append('}');
        } else if (v instanceof Collection<?> c) {
            out.append('[');
            int i = 0;
            for (Object item : c) {
                out.append(i++ == 0 ? "" : indent > 0 ? "," : ", ");
                newline(out, indent, depth + 1);
                write(item, out, indent, sort, depth + 1);
            }
            if (!c.isEmpty()) {
                newline(out, indent, depth);
            }
            out.append(']');
        } else if (v instanceof Undefined u) {
            throw u.failure();
        } else {
            throw new ExpressionFailure("Object of type " + PyValues.typeName(v) + " is not JSON serializable");
        }
    }

    private static Map<String, Object> sorted(Map<?, ?> m) {
        Map<String, Object> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(PyValues.str(k), v));
        return out;
    }

    private static void newline(StringBuilder out, int indent, int depth) {
        if (indent > 0) {
            Jinja.limit(out.length() + (long) indent * depth);
            out.append('\n').append(" ".repeat(indent * depth));
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
