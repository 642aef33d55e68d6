package io.runbook.engine.vars;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The filters of {@code value | name(args)}, spelled and behaving like Ansible's where it matters; see
 * README-vars.md for each one and where they differ from Jinja.
 */
final class Filters {

    @FunctionalInterface
    interface Filter {
        Object apply(Object value, List<Object> args);
    }

    private record Spec(int maxArgs, Filter filter) {
    }

    private static final Map<String, Spec> FILTERS = new TreeMap<>();

    static {
        add("default", 2, Filters::fallback);
        add("d", 2, Filters::fallback);
        add("b64encode", 0, (v, a) -> Base64.getEncoder().encodeToString(text(v).getBytes(StandardCharsets.UTF_8)));
        add("b64decode", 0, (v, a) -> b64decode(v));
        add("to_json", 0, (v, a) -> ValueText.json(v, false));
        add("to_nice_json", 0, (v, a) -> ValueText.json(v, true));
        add("to_yaml", 0, (v, a) -> ValueText.yaml(v));
        add("to_nice_yaml", 0, (v, a) -> ValueText.yaml(v));
        add("lower", 0, (v, a) -> text(v).toLowerCase());
        add("upper", 0, (v, a) -> text(v).toUpperCase());
        add("trim", 0, (v, a) -> text(v).strip());
        add("string", 0, (v, a) -> text(v));
        add("length", 0, (v, a) -> length(v, "length"));
        add("count", 0, (v, a) -> length(v, "count"));
        add("int", 1, (v, a) -> Numbers.toInteger(v, a));
        add("float", 1, (v, a) -> Numbers.toFloat(v, a));
        add("bool", 0, (v, a) -> Numbers.toBool(v));
        add("join", 1, (v, a) -> list(v, "join").stream().map(ValueText::of)
                .collect(Collectors.joining(a.isEmpty() ? "" : text(a.get(0)))));
        add("first", 0, (v, a) -> element(v, "first", true));
        add("last", 0, (v, a) -> element(v, "last", false));
        add("replace", 2, Filters::replace);
        add("indent", 2, Filters::indent);
    }

    private Filters() {
    }

    private static void add(String name, int maxArgs, Filter filter) {
        FILTERS.put(name, new Spec(maxArgs, filter));
    }

    static boolean exists(String name) {
        return FILTERS.containsKey(name);
    }

    static Set<String> names() {
        return FILTERS.keySet();
    }

    /** Only {@code default} may be given an undefined variable. */
    static boolean acceptsUndefined(String name) {
        return name.equals("default") || name.equals("d");
    }

    static Object apply(String name, Object value, List<Object> args) {
        Spec spec = FILTERS.get(name);
        if (args.size() > spec.maxArgs()) {
            throw new ExpressionFailure("filter '" + name + "' takes at most " + spec.maxArgs()
                    + " argument" + (spec.maxArgs() == 1 ? "" : "s") + ", got " + args.size());
        }
        if (value == Undefined.VALUE && !acceptsUndefined(name)) {
            throw new ExpressionFailure("filter '" + name + "' was given an undefined value");
        }
        return spec.filter().apply(value, args);
    }

    /** Ansible's default(value, boolean=false): replaces undefined, and also falsy values when boolean is true. */
    private static Object fallback(Object value, List<Object> args) {
        Object replacement = args.isEmpty() ? "" : args.get(0);
        boolean alsoFalsy = args.size() > 1 && Truthiness.of(args.get(1));
        if (value == Undefined.VALUE || (alsoFalsy && !Truthiness.of(value))) {
            return replacement;
        }
        return value;
    }

    private static String b64decode(Object value) {
        try {
            return new String(Base64.getDecoder().decode(text(value).replaceAll("\\s", "")), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ExpressionFailure("b64decode: the value is not valid base64 (" + e.getMessage() + ")");
        }
    }

    private static Object replace(Object value, List<Object> args) {
        if (args.size() != 2) {
            throw new ExpressionFailure("filter 'replace' needs two arguments: replace('old', 'new')");
        }
        return text(value).replace(text(args.get(0)), text(args.get(1)));
    }

    /** Ansible's indent(width=4, first=false): indents every line but the first, blank lines excepted. */
    private static Object indent(Object value, List<Object> args) {
        int width = args.isEmpty() ? 4 : (Integer) Numbers.toInteger(args.get(0), List.of());
        boolean first = args.size() > 1 && Truthiness.of(args.get(1));
        String pad = " ".repeat(Math.max(0, width));
        String[] lines = text(value).split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            boolean indentThis = (i > 0 || first) && !lines[i].isBlank();
            out.append(i > 0 ? "\n" : "").append(indentThis ? pad : "").append(lines[i]);
        }
        return out.toString();
    }

    private static int length(Object value, String filter) {
        if (value instanceof CharSequence s) {
            return s.length();
        }
        if (value instanceof Collection<?> c) {
            return c.size();
        }
        if (value instanceof Map<?, ?> m) {
            return m.size();
        }
        throw new ExpressionFailure(filter + ": expected a string, list or map, got " + Describe.kind(value));
    }

    private static Object element(Object value, String filter, boolean first) {
        if (value instanceof CharSequence s && !s.isEmpty()) {
            return String.valueOf(s.charAt(first ? 0 : s.length() - 1));
        }
        List<?> items = list(value, filter);
        if (items.isEmpty()) {
            throw new ExpressionFailure(filter + ": the list is empty");
        }
        return items.get(first ? 0 : items.size() - 1);
    }

    private static List<?> list(Object value, String filter) {
        if (value instanceof List<?> l) {
            return l;
        }
        if (value instanceof Collection<?> c) {
            return List.copyOf(c);
        }
        throw new ExpressionFailure(filter + ": expected a list, got " + Describe.kind(value));
    }

    static String text(Object value) {
        return ValueText.of(value);
    }
}
