package io.runbook.engine.report;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON text in the exact layout of Python's {@code json.dumps(sort_keys=True)}, compact ({@code ", "} and
 * {@code ": "}) or indented by 4, so result lines read byte for byte like ansible-playbook's. Jackson's
 * printers differ in spacing ({@code "a" : 1}), hence this small writer for output only.
 */
public final class Json {
    private Json() {
    }

    public static String compact(Object value) {
        // each thread writes into a builder of its own that it keeps: a line per host and event grew a new builder
        // from 16 characters up, copying it at every doubling. Taken out while in use, so a nested call (a value's
        // toString writing JSON) makes its own.
        StringBuilder sb = BUILDER.get();
        BUILDER.set(null);
        if (sb == null) {
            sb = new StringBuilder(1024);
        }
        try {
            write(sb, value, -1, 0);
            return sb.toString();
        } finally {
            if (sb.capacity() <= KEPT_CAPACITY) {
                sb.setLength(0);
                BUILDER.set(sb);
            }
        }
    }

    private static final ThreadLocal<StringBuilder> BUILDER = new ThreadLocal<>();
    /** A builder that grew beyond this (a huge result) is not kept. */
    private static final int KEPT_CAPACITY = 1 << 16;

    /**
     * JSON text made already (by {@link #compact}), written as it is where it stands in a value: a host's result that
     * both the journal and the event log write is turned into text once.
     */
    public record Raw(String json) {
    }

    public static String pretty(Object value) {
        return indented(value, 4);
    }

    /** As Python's json.dumps with {@code indent} (sorted keys). */
    public static String indented(Object value, int indent) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, indent, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int indent, int depth) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof io.runbook.engine.vars.SecretText) {
            sb.append('"').append(Redactor.MASK).append('"');
        } else if (v instanceof CharSequence s) {
            quoted(sb, s.toString());
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) {
            sb.append(v);
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            sb.append(Double.isFinite(d) ? io.runbook.engine.vars.PythonFloat.text(d) : d > 0 ? "Infinity" : d < 0 ? "-Infinity" : "NaN");
        } else if (v instanceof Raw r) {
            sb.append(r.json());
        } else if (v instanceof Map<?, ?> m) {
            container(sb, '{', '}', sorted(m), indent, depth, (e, b) -> {
                quoted(b, e.getKey());
                b.append(": ");
                write(b, e.getValue(), indent, depth + 1);
            });
        } else if (v instanceof Collection<?> c) {
            container(sb, '[', ']', c, indent, depth, (e, b) -> write(b, e, indent, depth + 1));
        } else if (v instanceof Object[] arr) {
            write(sb, java.util.Arrays.asList(arr), indent, depth);
        } else {
            quoted(sb, String.valueOf(v));
        }
    }

    /**
     * The map's entries sorted by key text. Keys that are all text (nearly every map) are sorted in an array of the
     * map's own entries; other keys go through a TreeMap of their text, which keeps the last of keys that read alike.
     */
    @SuppressWarnings("unchecked")
    private static Collection<Map.Entry<String, Object>> sorted(Map<?, ?> m) {
        Map.Entry<?, ?>[] entries = new Map.Entry<?, ?>[m.size()];
        int n = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String) || n == entries.length) {
                Map<String, Object> byText = new TreeMap<>();
                m.forEach((k, val) -> byText.put(String.valueOf(k), val));
                return byText.entrySet();
            }
            entries[n++] = e;
        }
        if (n > 1) {
            java.util.Arrays.sort(entries, 0, n, (a, b) -> ((String) a.getKey()).compareTo((String) b.getKey()));
        }
        Object all = java.util.Arrays.asList(entries).subList(0, n);
        return (Collection<Map.Entry<String, Object>>) all;
    }

    private static <T> void container(StringBuilder sb, char open, char close, Collection<T> items, int indent,
                                      int depth, java.util.function.BiConsumer<T, StringBuilder> each) {
        sb.append(open);
        if (items.isEmpty()) {
            sb.append(close);
            return;
        }
        boolean first = true;
        for (T item : items) {
            if (!first) {
                sb.append(indent < 0 ? ", " : ",");
            }
            if (indent >= 0) {
                sb.append('\n').append(" ".repeat(indent * (depth + 1)));
            }
            each.accept(item, sb);
            first = false;
        }
        if (indent >= 0) {
            sb.append('\n').append(" ".repeat(indent * depth));
        }
        sb.append(close);
    }

    /** Escapes a string for a JSON string literal (non-ASCII kept as is). */
    public static String escape(String s) {
        int i = firstToEscape(s);
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        escape(sb, s, i);
        return sb.toString();
    }

    /** Appends {@code s} as a JSON string literal: no copy of a string with nothing to escape (most of them). */
    private static void quoted(StringBuilder sb, String s) {
        sb.append('"');
        escape(sb, s, firstToEscape(s));
        sb.append('"');
    }

    private static int firstToEscape(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return i;
            }
        }
        return n;
    }

    /** Appends {@code s} escaped, where {@code from} is its first character that needs it (or its length). */
    private static void escape(StringBuilder sb, String s, int from) {
        if (from == s.length()) {
            sb.append(s);
            return;
        }
        sb.append(s, 0, from);
        for (int i = from, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }
}
