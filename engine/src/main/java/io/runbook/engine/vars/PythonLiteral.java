package io.runbook.engine.vars;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Python's {@code ast.literal_eval}, for the values of INI inventories and for template results (Ansible's
 * {@code ansible_eval_concat}, which also reads JSON's {@code true}/{@code false}/{@code null}): numbers
 * ({@code 42}, {@code -3}, {@code 1.5}, {@code 1e3}, {@code 0x10}, {@code 1_000}), quoted strings,
 * {@code True}/{@code False}/{@code None}, lists, tuples ({@link PyTuple}), sets (as lists) and dicts. Anything else is
 * not a literal, and Ansible keeps such a value as the text it is.
 */
public final class PythonLiteral {
    private final String text;
    private final boolean jsonNames;
    private int pos;

    private PythonLiteral(String text, boolean jsonNames) {
        this.text = text;
        this.jsonNames = jsonNames;
    }

    /** The value of {@code text}, or empty when it is not a Python literal. */
    static Optional<Object> parse(String text) {
        return parse(text, false);
    }

    /** As {@link #parse(String)}; with jsonNames, {@code true}, {@code false} and {@code null} are literals too. */
    static Optional<Object> parse(String text, boolean jsonNames) {
        PythonLiteral p = new PythonLiteral(text, jsonNames);
        try {
            Object v = p.value();
            p.skipSpace();
            return p.pos == text.length() ? Optional.ofNullable(v).or(() -> Optional.of(NONE)) : Optional.empty();
        } catch (NotLiteral e) {
            return Optional.empty();
        }
    }

    /** Stands for Python's None in {@link #parse}'s answer (an Optional cannot hold null). */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** {@link #parse} with {@link #NONE} turned into null, or the text itself when it is no literal. */
    public static Object valueOrText(String text) {
        Optional<Object> v = parse(text);
        if (v.isEmpty()) {
            return text;
        }
        return v.get() == NONE ? null : unwrapNone(v.get());
    }

    static Object unwrapNone(Object v) {
        if (v == NONE) {
            return null;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(unwrapNone(x)));
            return v instanceof PyTuple ? new PyTuple(out) : out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(unwrapNone(k), unwrapNone(x)));
            return out;
        }
        return v;
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw new NotLiteral();
        }
        char c = text.charAt(pos);
        if (c == '[') {
            return sequence('[', ']');
        }
        if (c == '(') {
            return sequence('(', ')');
        }
        if (c == '{') {
            return braces();
        }
        if (c == '\'' || c == '"') {
            return string();
        }
        if ((c == 'r' || c == 'u' || c == 'R' || c == 'U') && pos + 1 < text.length()
                && (text.charAt(pos + 1) == '\'' || text.charAt(pos + 1) == '"')) {
            boolean raw = c == 'r' || c == 'R';
            pos++;
            return raw ? rawString() : string();
        }
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            return number();
        }
        return name();
    }

    private Object sequence(char open, char close) {
        pos++;
        List<Object> out = new ArrayList<>();
        boolean comma = true;
        while (true) {
            skipSpace();
            if (peek() == close) {
                pos++;
                // (x) without a comma is x itself, as in Python
                return open == '(' && out.size() == 1 && !comma ? out.get(0) : open == '(' ? new PyTuple(out) : out;
            }
            if (!comma) {
                throw new NotLiteral();
            }
            out.add(value());
            skipSpace();
            comma = peek() == ',';
            if (comma) {
                pos++;
            }
        }
    }

    private Object braces() {
        pos++;
        Map<Object, Object> map = new LinkedHashMap<>();
        List<Object> set = new ArrayList<>();
        boolean comma = true;
        while (true) {
            skipSpace();
            if (peek() == '}') {
                pos++;
                return set.isEmpty() ? map : set;
            }
            if (!comma) {
                throw new NotLiteral();
            }
            Object key = value();
            skipSpace();
            if (peek() == ':' && set.isEmpty()) {
                pos++;
                map.put(key, value());
            } else if (map.isEmpty()) {
                set.add(key);
            } else {
                throw new NotLiteral();
            }
            skipSpace();
            comma = peek() == ',';
            if (comma) {
                pos++;
            }
        }
    }

    private String string() {
        char quote = text.charAt(pos);
        boolean triple = text.startsWith(String.valueOf(quote).repeat(3), pos);
        pos += triple ? 3 : 1;
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == quote && (!triple || text.startsWith(String.valueOf(quote).repeat(3), pos))) {
                pos += triple ? 3 : 1;
                return out.toString();
            }
            if (c == '\\' && pos + 1 < text.length()) {
                out.append(escape(text.charAt(pos + 1)));
                pos += 2;
                continue;
            }
            out.append(c);
            pos++;
        }
        throw new NotLiteral();
    }

    private String rawString() {
        char quote = text.charAt(pos);
        int end = text.indexOf(quote, pos + 1);
        if (end < 0) {
            throw new NotLiteral();
        }
        String s = text.substring(pos + 1, end);
        pos = end + 1;
        return s;
    }

    private static String escape(char c) {
        return switch (c) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case '0' -> "\0";
            case '\\', '\'', '"' -> String.valueOf(c);
            default -> "\\" + c;
        };
    }

    private Object number() {
        int start = pos;
        if (peek() == '-' || peek() == '+') {
            pos++;
            skipSpace();
        }
        int digits = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "._".indexOf(text.charAt(pos)) >= 0
                || (text.charAt(pos) == '-' || text.charAt(pos) == '+') && "eE".indexOf(text.charAt(pos - 1)) >= 0)) {
            pos++;
        }
        String body = text.substring(digits, pos).replace("_", "");
        boolean negative = text.charAt(start) == '-';
        if (body.isEmpty() || text.substring(digits, pos).contains("__")) {
            throw new NotLiteral();
        }
        try {
            Number n = numberOf(body);
            return negative ? negate(n) : n;
        } catch (NumberFormatException e) {
            throw new NotLiteral();
        }
    }

    private static Number numberOf(String body) {
        String lower = body.toLowerCase();
        if (lower.startsWith("0x")) {
            return narrow(new BigInteger(body.substring(2), 16));
        }
        if (lower.startsWith("0o")) {
            return narrow(new BigInteger(body.substring(2), 8));
        }
        if (lower.startsWith("0b")) {
            return narrow(new BigInteger(body.substring(2), 2));
        }
        if (lower.matches("\\d+")) {
            if (body.length() > 1 && body.startsWith("0") && !body.matches("0+")) {
                throw new NumberFormatException("leading zero");
            }
            return narrow(new BigInteger(body));
        }
        if (lower.matches("(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) {
            return Double.parseDouble(body);
        }
        throw new NumberFormatException(body);
    }

    private static Number narrow(BigInteger b) {
        return b.bitLength() < 32 ? (Number) b.intValue() : b.bitLength() < 64 ? (Number) b.longValue() : b;
    }

    private static Number negate(Number n) {
        if (n instanceof Integer i) {
            return -i;
        }
        if (n instanceof Long l) {
            return -l;
        }
        if (n instanceof Double d) {
            return -d;
        }
        return ((BigInteger) n).negate();
    }

    private Object name() {
        int start = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        String name = text.substring(start, pos);
        return switch (name) {
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            case "None" -> NONE;
            case "true" -> json(Boolean.TRUE);
            case "false" -> json(Boolean.FALSE);
            case "null" -> json(NONE);
            default -> throw new NotLiteral();
        };
    }

    private Object json(Object value) {
        if (!jsonNames) {
            throw new NotLiteral();
        }
        return value;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static final class NotLiteral extends RuntimeException {
        NotLiteral() {
            super(null, null, false, false);
        }
    }
}
