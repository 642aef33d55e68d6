package io.runbook.engine.vars.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares what the engine returns with what Ansible returned (recorded as JSON), the way Python sees values:
 * each value has one of the types str, int, float, bool, None, list, dict, and nested values must have the same
 * types too (an int is not a float, a bool is not an int). Dict key order does not matter; list order does.
 */
final class PythonValues {
    private PythonValues() {
    }

    /** The Python type name of an engine value; "other:ClassName" for anything Ansible could not have given. */
    static String typeOf(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return "int";
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return "float";
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return "str";
        }
        if (value instanceof Map) {
            return "dict";
        }
        if (value instanceof Collection || value.getClass().isArray()) {
            return "list";
        }
        return "other:" + value.getClass().getName();
    }

    /** The Python type name of a recorded value. */
    static String typeOf(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        if (node.isNull()) {
            return "None";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isIntegralNumber()) {
            return "int";
        }
        if (node.isNumber()) {
            return "float";
        }
        if (node.isTextual()) {
            return "str";
        }
        return node.isArray() ? "list" : "dict";
    }

    /** True when actual equals expected in value and type, all the way down. */
    static boolean same(JsonNode expected, Object actual, String corpusDir) {
        String type = typeOf(expected);
        if (!type.equals(typeOf(actual))) {
            return false;
        }
        switch (type) {
            case "None":
                return true;
            case "bool":
                return expected.booleanValue() == (Boolean) actual;
            case "int":
                return expected.bigIntegerValue().equals(new BigInteger(actual.toString()));
            case "float":
                double want = expected.doubleValue();
                double got = ((Number) actual).doubleValue();
                return Double.compare(want, got) == 0 || want == got;
            case "str":
                return expected.textValue().replace("@CORPUS@", corpusDir).equals(actual.toString());
            case "list":
                List<Object> items = items(actual);
                if (items.size() != expected.size()) {
                    return false;
                }
                for (int i = 0; i < items.size(); i++) {
                    if (!same(expected.get(i), items.get(i), corpusDir)) {
                        return false;
                    }
                }
                return true;
            default:
                return sameDict(expected, (Map<?, ?>) actual, corpusDir);
        }
    }

    private static boolean sameDict(JsonNode expected, Map<?, ?> actual, String corpusDir) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (Map.Entry<?, ?> e : actual.entrySet()) {
            if (!(e.getKey() instanceof String key) || !expected.has(key.replace(corpusDir, "@CORPUS@"))) {
                return false;
            }
            if (!same(expected.get(key.replace(corpusDir, "@CORPUS@")), e.getValue(), corpusDir)) {
                return false;
            }
        }
        return true;
    }

    static List<Object> items(Object listLike) {
        if (listLike instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < Array.getLength(listLike); i++) {
            out.add(Array.get(listLike, i));
        }
        return out;
    }

    /** Python's repr of an engine value, for reports: {@code ['a', 1, None, {'k': True}]}. */
    static String repr(Object value) {
        StringBuilder out = new StringBuilder();
        repr(value, out);
        return out.toString();
    }

    private static void repr(Object value, StringBuilder out) {
        switch (typeOf(value)) {
            case "None" -> out.append("None");
            case "bool" -> out.append((Boolean) value ? "True" : "False");
            case "str" -> quote(value.toString(), out);
            case "list" -> {
                out.append('[');
                String sep = "";
                for (Object item : items(value)) {
                    out.append(sep);
                    repr(item, out);
                    sep = ", ";
                }
                out.append(']');
            }
            case "dict" -> {
                out.append('{');
                String sep = "";
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    out.append(sep);
                    repr(e.getKey(), out);
                    out.append(": ");
                    repr(e.getValue(), out);
                    sep = ", ";
                }
                out.append('}');
            }
            case "float" -> out.append(floatRepr(((Number) value).doubleValue()));
            default -> out.append(value);
        }
    }

    /** Python's repr of a recorded value. */
    static String repr(JsonNode node) {
        StringBuilder out = new StringBuilder();
        repr(node, out);
        return out.toString();
    }

    private static void repr(JsonNode node, StringBuilder out) {
        switch (typeOf(node)) {
            case "missing" -> out.append("(not recorded)");
            case "None" -> out.append("None");
            case "bool" -> out.append(node.booleanValue() ? "True" : "False");
            case "str" -> quote(node.textValue(), out);
            case "float" -> out.append(floatRepr(node.doubleValue()));
            case "int" -> out.append(node.bigIntegerValue());
            case "list" -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    out.append(i == 0 ? "" : ", ");
                    repr(node.get(i), out);
                }
                out.append(']');
            }
            default -> {
                out.append('{');
                String sep = "";
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    out.append(sep);
                    quote(e.getKey(), out);
                    out.append(": ");
                    repr(e.getValue(), out);
                    sep = ", ";
                }
                out.append('}');
            }
        }
    }

    private static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return Double.toString(d);
    }

    private static void quote(String s, StringBuilder out) {
        char q = s.contains("'") && !s.contains("\"") ? '"' : '\'';
        out.append(q);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c == q) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        out.append(q);
    }
}
