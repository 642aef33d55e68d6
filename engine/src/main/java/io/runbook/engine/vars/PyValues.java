package io.runbook.engine.vars;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Python's view of Java values: type names, {@code str()}, {@code repr()}, truthiness, {@code ==} and ordering.
 * Strings are CharSequences (plain, secret or unsafe text), ints and floats as {@link PyNumbers} says, None is
 * null, lists are Lists ({@link PyTuple} for tuples), dicts are Maps.
 */
final class PyValues {
    private PyValues() {
    }

    static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof Undefined) {
            return "AnsibleUndefined";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (PyNumbers.isInt(v)) {
            return "int";
        }
        if (PyNumbers.isFloat(v)) {
            return "float";
        }
        if (v instanceof SecretText s && s.vaulted()) {
            return "AnsibleVaultEncryptedUnicode";  // a !vault value, asked without opening it
        }
        if (v instanceof NativeUnsafeText) {
            return "NativeJinjaUnsafeText";
        }
        if (v instanceof NativeText) {
            return "NativeJinjaText";
        }
        if (v instanceof UnsafeText) {
            return "AnsibleUnsafeText";  // the engine's mark, Ansible's class
        }
        if (io.runbook.engine.yaml.YamlText.is(v)) {
            return "AnsibleUnicode";  // a string as Ansible's YAML loader read it, passed on unchanged
        }
        if (v instanceof CharSequence) {
            return "str";
        }
        if (v instanceof PyTuple) {
            return "tuple";
        }
        if (v instanceof List<?>) {
            return "list";
        }
        if (v instanceof Map<?, ?>) {
            return "dict";
        }
        if (v instanceof Macro) {
            return "Macro";
        }
        if (v instanceof PyType) {
            return "type";
        }
        if (v instanceof DateFilters.DateTime) {
            return "datetime";
        }
        if (v instanceof DateFilters.TimeDelta) {
            return "timedelta";
        }
        return "object";
    }

    /** Python's str(): strings as they are, None as {@code None}, containers as their repr. */
    static String str(Object v) {
        if (v instanceof CharSequence s) {
            return s.toString();
        }
        if (v instanceof Undefined u) {
            if (u.lenient()) {
                return "";
            }
            throw u.failure();
        }
        return repr(v);
    }

    static String repr(Object v) {
        StringBuilder out = new StringBuilder();
        repr(v, out, 0);
        return out.toString();
    }

    private static void repr(Object v, StringBuilder out, int depth) {
        Jinja.limit(out.length());
        if (depth > 100) {
            throw new ExpressionFailure("a value nests more than 100 levels deep");
        }
        if (v == null) {
            out.append("None");
        } else if (v instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (v instanceof Double || v instanceof Float) {
            out.append(PyNumbers.floatText(((Number) v).doubleValue()));
        } else if (v instanceof java.math.BigDecimal b) {
            out.append(PyNumbers.floatText(b.doubleValue()));
        } else if (v instanceof Number n) {
            out.append(n);
        } else if (v instanceof CharSequence s) {
            quote(s.toString(), out);
        } else if (v instanceof PyTuple t) {
            out.append('(');
            items(t, out, depth);
            out.append(t.size() == 1 ? ",)" : ")");
        } else if (v instanceof Collection<?> c) {
            out.append('[');
            items(c, out, depth);
            out.append(']');
        } else if (v instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.append(first ? "" : ", ");
                first = false;
                repr(e.getKey(), out, depth + 1);
                out.append(": ");
                repr(e.getValue(), out, depth + 1);
            }
            out.append('}');
        } else if (v instanceof Undefined u) {
            throw u.failure();
        } else if (v.getClass().isArray()) {
            out.append('[');
            for (int i = 0; i < Array.getLength(v); i++) {
                out.append(i == 0 ? "" : ", ");
                repr(Array.get(v, i), out, depth + 1);
            }
            out.append(']');
        } else {
            out.append(v);
        }
    }

    private static void items(Collection<?> c, StringBuilder out, int depth) {
        boolean first = true;
        for (Object item : c) {
            out.append(first ? "" : ", ");
            first = false;
            repr(item, out, depth + 1);
        }
    }

    /** Python's string repr: single quotes unless the text holds ' and no ". */
    static void quote(String s, StringBuilder out) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == q) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append(q);
    }

    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Undefined u) {
            if (u.lenient()) {
                return false;
            }
            throw u.failure();
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (PyNumbers.isInt(v)) {
            return PyNumbers.big(v).signum() != 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof CharSequence s) {
            return s.length() > 0;
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v.getClass().isArray()) {
            return Array.getLength(v) > 0;
        }
        return true;
    }

    /** Python's ==: numbers by value (True == 1), strings by text, containers item by item; no coercion. */
    static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (PyNumbers.isNumber(a) && PyNumbers.isNumber(b)) {
            if (PyNumbers.isInt(a) && PyNumbers.isInt(b)) {
                return PyNumbers.big(a).equals(PyNumbers.big(b));
            }
            return PyNumbers.real(a) == PyNumbers.real(b);
        }
        if (a instanceof CharSequence x && b instanceof CharSequence y) {
            return x.toString().contentEquals(y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if ((a instanceof PyTuple) != (b instanceof PyTuple) || x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!equal(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                Object key = findKey(y, e.getKey());
                if (key == MISSING || !equal(e.getValue(), y.get(key))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    static final Object MISSING = new Object();

    /** The key of map equal to key in Python's sense (1 finds 1L, 'a' finds a secret 'a'), or MISSING. */
    static Object findKey(Map<?, ?> map, Object key) {
        if (key != null && !(key instanceof CharSequence) && map.containsKey(key)) {
            return key;
        }
        if (key instanceof String && map.containsKey(key)) {
            return key;
        }
        for (Object k : map.keySet()) {
            if (equal(k, key)) {
                return k;
            }
        }
        return MISSING;
    }

    /** Python's ordering: numbers with numbers, strings with strings, lists item by item; else a TypeError. */
    static int compare(Object a, Object b, String op) {
        if (PyNumbers.isNumber(a) && PyNumbers.isNumber(b)) {
            if (PyNumbers.isInt(a) && PyNumbers.isInt(b)) {
                return PyNumbers.big(a).compareTo(PyNumbers.big(b));
            }
            return Double.compare(PyNumbers.real(a), PyNumbers.real(b));
        }
        if (a instanceof CharSequence x && b instanceof CharSequence y) {
            return x.toString().compareTo(y.toString());
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return compare(x.get(i), y.get(i), op);
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        if (a instanceof Undefined u) {
            throw u.failure();
        }
        if (b instanceof Undefined u) {
            throw u.failure();
        }
        if (a instanceof DateFilters.DateTime x && b instanceof DateFilters.DateTime y) {
            return x.compareTo(y);
        }
        if (a instanceof DateFilters.TimeDelta x && b instanceof DateFilters.TimeDelta y) {
            return x.compareTo(y);
        }
        throw new ExpressionFailure("'" + op + "' not supported between instances of '" + typeName(a) + "' and '"
                + typeName(b) + "'");
    }
}
