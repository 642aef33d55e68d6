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

    /** A filter and what it accepts: at most {@code maxPositional} positional arguments (-1: any) and these keywords. */
    record Spec(int maxPositional, List<String> keywords, Filter filter) {
    }

    private static final Map<String, Spec> FILTERS = new TreeMap<>();

    static {
        add("default", 2, List.of("default_value", "boolean"), Filters::fallback);
        add("d", 2, List.of("default_value", "boolean"), Filters::fallback);
        add("b64encode", 0, (v, a) -> Base64.getEncoder().encodeToString(text(v).getBytes(StandardCharsets.UTF_8)));
        add("b64decode", 0, (v, a) -> b64decode(v));
        add("to_json", -1, List.of("indent", "sort_keys", "ensure_ascii", "separators"), (v, a) -> PyJson.dump(v, a.has(-1, "indent") ? ((Number) a.get(-1, "indent", 0)).intValue() : 0, PyValues.truthy(a.get(-1, "sort_keys", false))));
        add("to_nice_json", -1, List.of("indent", "sort_keys"), (v, a) -> PyJson.dump(v, ((Number) a.get(-1, "indent", 4)).intValue(), PyValues.truthy(a.get(-1, "sort_keys", true))));
        add("to_yaml", 0, (v, a) -> ValueText.yaml(v));
        add("to_nice_yaml", 0, (v, a) -> ValueText.yaml(v));
        add("lower", 0, (v, a) -> text(v).toLowerCase());
        add("upper", 0, (v, a) -> text(v).toUpperCase());
        add("trim", 0, (v, a) -> text(v).strip());
        add("string", 0, (v, a) -> text(v));
        add("length", 0, (v, a) -> length(v, "length"));
        add("count", 0, (v, a) -> length(v, "count"));
        add("int", 1, List.of("default"), (v, a) -> Numbers.toInteger(v, a.get(0, "default", Undefined.VALUE)));
        add("float", 1, List.of("default"), (v, a) -> Numbers.toFloat(v, a.get(0, "default", Undefined.VALUE)));
        add("bool", 0, (v, a) -> Numbers.toBool(v));
        add("abs", 0, (v, a) -> Numbers.abs(v));
        add("round", 1, List.of("precision"), (v, a) -> Numbers.round(v, a.get(0, "precision", 0)));
        add("join", 1, List.of("d"), (v, a) -> CollectionFilters.list(v, "join").stream().map(ValueText::of)
                .collect(Collectors.joining(text(a.get(0, "d", "")))));
        add("first", 0, (v, a) -> element(v, "first", true));
        add("last", 0, (v, a) -> element(v, "last", false));
        add("replace", 2, List.of("old", "new"), Filters::replace);
        add("indent", 2, List.of("width", "first"), Filters::indent);
        add("regex_replace", 3, List.of("pattern", "replacement", "ignorecase"), TextPatterns::replace);
        add("regex_search", 2, List.of("pattern", "ignorecase"), TextPatterns::search);
        add("from_json", 0, (v, a) -> Parsing.json(text(v)));
        add("from_yaml", 0, (v, a) -> Parsing.yaml(text(v)));
        add("ternary", 3, List.of("true_val", "false_val", "none_val"), Filters::ternary);
        add("basename", 0, (v, a) -> text(v).substring(text(v).lastIndexOf('/') + 1));
        add("dirname", 0, (v, a) -> text(v).lastIndexOf('/') < 0 ? "" : text(v).substring(0, Math.max(1, text(v).lastIndexOf('/'))));
        add("quote", 0, (v, a) -> "'" + text(v).replace("'", "'\"'\"'") + "'");
        CollectionFilters.register(Filters::add);
    }

    private Filters() {
    }

    static void add(String name, int maxPositional, List<String> keywords, Filter filter) {
        FILTERS.put(name, new Spec(maxPositional, keywords, filter));
    }

    private static void add(String name, int maxPositional, Filter filter) {
        add(name, maxPositional, List.of(), filter);
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

    /** Filters that pick or reorder the values they are given: their results keep those values' own secrecy. */
    private static final Set<String> PASS_THROUGH = Set.of("default", "d", "ternary", "first", "last", "select",
            "reject", "selectattr", "rejectattr", "unique", "sort", "min", "max", "list", "flatten", "union",
            "intersect", "difference", "combine", "dict2items", "items2dict", "extract", "map", "length", "count",
            "bool", "int", "float", "abs", "round", "sum", "mandatory");

    /** Whether text the filter makes from a secret is secret (not for filters that only pass values through). */
    static boolean keepsSecrecy(String name) {
        return !PASS_THROUGH.contains(name);
    }

    static Object apply(String name, Object value, Arguments args, Frame frame) {
        return apply(name, value, args);
    }

    static Object apply(String name, Object value, Arguments args) {
        Spec spec = FILTERS.get(name);
        int max = spec.maxPositional();
        if (max >= 0 && args.positional().size() > max) {
            throw new ExpressionFailure("filter '" + name + "' takes at most " + max
                    + " argument" + (max == 1 ? "" : "s") + ", got " + args.positional().size());
        }
        for (String keyword : args.named().keySet()) {
            if (!spec.keywords().contains(keyword)) {
                throw new ExpressionFailure("filter '" + name + "' has no argument '" + keyword + "'",
                        Spelling.didYouMean(keyword, spec.keywords()));
            }
        }
        if (value instanceof Undefined && !acceptsUndefined(name)) {
            throw new ExpressionFailure("filter '" + name + "' was given an undefined value");
        }
        try {
            return spec.filter().apply(value, args);
        } catch (ExpressionFailure failure) {
            throw failure;
        } catch (RuntimeException unexpected) {
            throw new ExpressionFailure("filter '" + name + "' cannot take " + Describe.kind(value)
                    + " with these arguments" + Describe.reason(unexpected));
        }
    }

    /** Ansible's default(value, boolean=false): replaces undefined, and also falsy values when boolean is true. */
    private static Object fallback(Object value, Arguments args) {
        Object replacement = args.get(0, "default_value", "");
        boolean alsoFalsy = Truthiness.of(args.get(1, "boolean", false));
        if (value instanceof Undefined || (alsoFalsy && !Truthiness.of(value))) {
            return replacement;
        }
        return value;
    }

    /** Ansible's ternary(true_val, false_val, none_val): picks by truthiness, or none_val (if given) for null. */
    private static Object ternary(Object value, Arguments args) {
        if (value == null && args.has(2, "none_val")) {
            return args.get(2, "none_val", null);
        }
        return Truthiness.of(value) ? args.get(0, "true_val", true) : args.get(1, "false_val", false);
    }

    private static String b64decode(Object value) {
        try {
            return new String(Base64.getDecoder().decode(text(value).replaceAll("\\s", "")), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ExpressionFailure("b64decode: the value is not valid base64 (" + e.getMessage() + ")");
        }
    }

    private static Object replace(Object value, Arguments args) {
        if (!args.has(0, "old") || !args.has(1, "new")) {
            throw new ExpressionFailure("filter 'replace' needs two arguments: replace('old', 'new')");
        }
        return text(value).replace(text(args.get(0, "old", "")), text(args.get(1, "new", "")));
    }

    /** Ansible's indent(width=4, first=false): indents every line but the first, blank lines excepted. */
    private static Object indent(Object value, Arguments args) {
        int width = ((Number) Numbers.toInteger(args.get(0, "width", 4), Undefined.VALUE)).intValue();
        boolean first = Truthiness.of(args.get(1, "first", false));
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
        List<?> items = CollectionFilters.list(value, filter);
        if (items.isEmpty()) {
            throw new ExpressionFailure(filter + ": the list is empty");
        }
        return items.get(first ? 0 : items.size() - 1);
    }

    static String text(Object value) {
        return ValueText.of(value);
    }
}
