package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Jinja's and Ansible's filters over lists: list, map, select/reject(attr), unique, sort, min/max, sum, first/last,
 * flatten and the set filters, with Jinja's attribute paths ({@code 'metadata.name'}, {@code 'ports.0'}) and its
 * case-insensitive ordering of text.
 */
final class CollectionFilters {

    @FunctionalInterface
    interface Registry {
        void add(String name, int maxPositional, List<String> keywords, Filter filter);
    }

    private CollectionFilters() {
    }

    static void register(Registry r) {
        r.add("list", 0, List.of(), (v, a) -> new ArrayList<>(Renderer.iterate(v)));
        r.add("map", -1, null, (Filter.Framed) CollectionFilters::map);
        r.add("select", -1, null, (Filter.Framed) (v, a, j) -> select(v, a, true, j));
        r.add("reject", -1, null, (Filter.Framed) (v, a, j) -> select(v, a, false, j));
        r.add("selectattr", -1, null, (Filter.Framed) (v, a, j) -> selectAttribute(v, a, true, j));
        r.add("rejectattr", -1, null, (Filter.Framed) (v, a, j) -> selectAttribute(v, a, false, j));
        r.add("unique", 2, List.of("case_sensitive", "attribute"), CollectionFilters::unique);
        r.add("sort", 3, List.of("reverse", "case_sensitive", "attribute"), CollectionFilters::sort);
        r.add("min", 2, List.of("case_sensitive", "attribute"), (v, a) -> extreme(v, a, false));
        r.add("max", 2, List.of("case_sensitive", "attribute"), (v, a) -> extreme(v, a, true));
        r.add("sum", 2, List.of("attribute", "start"), CollectionFilters::sum);
        r.add("first", 0, List.of(), (v, a) -> element(v, true));
        r.add("last", 0, List.of(), (v, a) -> element(v, false));
        r.add("flatten", 2, List.of("levels", "skip_nulls"), (v, a) -> flatten(Renderer.iterate(v),
                a.get(0, "levels", null), PyValues.truthy(a.get(1, "skip_nulls", true))));
        r.add("union", 1, List.of(), CollectionFilters::union);
        r.add("intersect", 1, List.of(), (v, a) -> distinct(keep(v, other(a, "intersect"), true), true));
        r.add("difference", 1, List.of(), (v, a) -> distinct(keep(v, other(a, "difference"), false), true));
        r.add("symmetric_difference", 1, List.of(), CollectionFilters::symmetricDifference);
        StructureFilters.register(r);
        SequenceFilters.register(r);
    }

    static List<?> list(Object value, String filter) {
        if (value instanceof List<?> l) {
            return l;
        }
        if (value instanceof Collection<?> c) {
            return List.copyOf(c);
        }
        throw new ExpressionFailure(filter + ": expected a list, got " + Describe.kind(value));
    }

    /** Jinja's attribute path: dot-separated keys, numbers index lists and strings; Undefined when something is missing. */
    static Object attribute(Object item, String path) {
        Object current = item;
        for (String key : path.split("\\.")) {
            if (current instanceof Map<?, ?> map) {
                Object found = PyValues.findKey(map, key);
                if (found == PyValues.MISSING && key.matches("-?\\d+")) {
                    found = PyValues.findKey(map, Integer.parseInt(key));
                }
                if (found == PyValues.MISSING) {
                    return new Undefined(path, "an item has no '" + key + "'");
                }
                current = map.get(found);
            } else if (current instanceof List<?> l && key.matches("\\d+") && Integer.parseInt(key) < l.size()) {
                current = l.get(Integer.parseInt(key));
            } else if (current instanceof CharSequence s && key.matches("\\d+") && Integer.parseInt(key) < s.length()) {
                // as Jinja's environment.getitem: groupby('0') over strings groups them by their first character
                current = Secrets.derive(String.valueOf(s.charAt(Integer.parseInt(key))), s);
            } else if (current instanceof Access.Attributes a && a.attribute(key) != PyValues.MISSING) {
                current = a.attribute(key);
            } else {
                return new Undefined(path, "an item has no '" + key + "'");
            }
        }
        return current;
    }

    /** The attribute, failing with the filter's name when an item lacks it. */
    static Object attributeOrFail(Object item, String path, String filter) {
        Object found = attribute(item, path);
        if (found instanceof Undefined) {
            throw new ExpressionFailure(filter + ": an item has no attribute '" + path + "'");
        }
        return found;
    }

    /** map(attribute='a.b', default=x) reads a field of each item; map('upper', args…) applies a filter to each. */
    private static Object map(Object value, Arguments args, Jinja jinja) {
        List<Object> out = new ArrayList<>();
        if (args.positional().isEmpty() && args.named().containsKey("attribute")) {
            String attribute = ValueText.of(args.named().get("attribute"));
            for (Object item : Renderer.iterate(value)) {
                Object found = attribute(item, attribute);
                if (found instanceof Undefined && !args.named().containsKey("default")) {
                    // as Jinja: an undefined item, which fails only when it is used (not when counted or tested)
                    found = Undefined.missingAttribute(item, attribute, "map: an item has no attribute '" + attribute + "'",
                            "give a default: map(attribute='" + attribute + "', default='')");
                    out.add(found);
                    continue;
                }
                out.add(found instanceof Undefined ? args.named().get("default") : found);
            }
            return out;
        }
        if (args.positional().isEmpty()) {
            throw new ExpressionFailure("map needs a filter name or attribute=: map('upper') or map(attribute='name')");
        }
        String filter = ValueText.of(args.positional().get(0));
        boolean plugin = PluginCalls.isPlugin(jinja, TemplatePlugins.Kind.FILTER, filter);  // a playbook's, as in Evaluator
        if (!plugin && !Filters.exists(filter)) {
            throw new ExpressionFailure("map: unknown filter '" + filter + "'", Spelling.didYouMean(filter, Filters.names()));
        }
        Arguments rest = new Arguments(args.rest(1), args.named());
        for (Object item : Renderer.iterate(value)) {
            Object result = plugin ? PluginCalls.call(jinja, TemplatePlugins.Kind.FILTER, filter, item, rest.positional(),
                    rest.named()) : Filters.apply(filter, item, rest);
            result = Filters.keepsSecrecy(filter, item) ? Secrets.taint(result, item, rest.positional(), rest.named()) : result;
            out.add(Templar.keptUnsafe(result, Templar.isUnsafe(value) ? value : item));
        }
        return out;
    }

    private static Object select(Object value, Arguments args, boolean keep, Jinja jinja) {
        List<Object> out = new ArrayList<>();
        for (Object item : Renderer.iterate(value)) {
            if (passes(item, args, 0, jinja) == keep) {
                out.add(item);
            }
        }
        return out;
    }

    private static Object selectAttribute(Object value, Arguments args, boolean keep, Jinja jinja) {
        String filter = keep ? "selectattr" : "rejectattr";
        if (args.positional().isEmpty()) {
            throw new ExpressionFailure(filter + " needs an attribute: " + filter + "('name', 'equalto', 'prod')");
        }
        String attribute = ValueText.of(args.positional().get(0));
        List<Object> out = new ArrayList<>();
        for (Object item : Renderer.iterate(value)) {
            if (passes(attribute(item, attribute), args, 1, jinja) == keep) {
                out.add(item);
            }
        }
        return out;
    }

    /**
     * Ansible's words for a test named in a string that it has not (Jinja's TemplateSyntaxError of its plugin loader),
     * which a rescue may compare: a name that is no plugin name at all ({@code 'asdf '}) is said to be invalid.
     */
    static String unknownTest(String test) {
        boolean valid = test.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
        String key = valid ? test : "invalid plugin name: " + (test.contains(".") ? test : "ansible.builtin." + test);
        return "TemplateSyntaxError: Could not load \"" + test + "\": '" + key + "'";
    }

    /** The test at position {@code at} with its arguments after it; no test means "is true". */
    private static boolean passes(Object value, Arguments args, int at, Jinja jinja) {
        if (args.positional().size() <= at) {
            return !(value instanceof Undefined) && Truthiness.of(value);
        }
        String test = ValueText.of(args.positional().get(at));
        if (PluginCalls.isPlugin(jinja, TemplatePlugins.Kind.TEST, test) && !(value instanceof Undefined)) {
            return Truthiness.of(PluginCalls.call(jinja, TemplatePlugins.Kind.TEST, test, value, args.rest(at + 1), args.named()));
        }
        if (!IsTests.known(test)) {
            throw new ExpressionFailure(unknownTest(test), Spelling.didYouMean(test, IsTests.names()));
        }
        if (value instanceof Undefined u && !IsTests.acceptsUndefined(test)) {
            throw u.failure();
        }
        return IsTests.apply(test, value, new Arguments(args.rest(at + 1), args.named()));
    }

    /** Jinja's sort key: the attribute(s) of each item, text lower-cased unless case_sensitive. */
    private static Function<Object, Object> key(Arguments args, int attributeAt, int caseAt) {
        boolean caseSensitive = PyValues.truthy(args.get(caseAt, "case_sensitive", false));
        String attribute = args.has(attributeAt, "attribute") ? ValueText.of(args.get(attributeAt, "attribute", "")) : null;
        Function<Object, Object> fold = v -> !caseSensitive && v instanceof CharSequence s
                ? s.toString().toLowerCase(Locale.ROOT) : v;
        if (attribute == null) {
            return fold;
        }
        String[] attributes = attribute.split(",");
        return item -> {
            if (attributes.length == 1) {
                return fold.apply(defined(attribute(item, attributes[0].strip())));
            }
            List<Object> keys = new ArrayList<>();
            for (String a : attributes) {
                keys.add(fold.apply(defined(attribute(item, a.strip()))));
            }
            return keys;
        };
    }

    private static Object defined(Object value) {
        if (value instanceof Undefined u) {
            throw u.failure();
        }
        return value;
    }

    static Comparator<Object> order(Function<Object, Object> key) {
        return order(key, "<");
    }

    /** The order by {@code key}; values that cannot be compared fail naming {@code op}, as Python's comparison does. */
    private static Comparator<Object> order(Function<Object, Object> key, String op) {
        return (a, b) -> PyValues.compare(key.apply(a), key.apply(b), op);
    }

    private static Object sort(Object value, Arguments args) {
        List<Object> out = new ArrayList<>(Renderer.iterate(value));
        Comparator<Object> order = order(key(args, 2, 1));
        out.sort(PyValues.truthy(args.get(0, "reverse", false)) ? order.reversed() : order);
        return out;
    }

    /**
     * Ansible's unique: Jinja's (case-insensitive unless {@code case_sensitive}, by {@code attribute}); when an item
     * cannot be a set's key (a dict or list) Jinja's fails and Ansible's own takes over, comparing whole items, or,
     * when given {@code case_sensitive=False} or an {@code attribute} it cannot honour, fails.
     */
    private static Object unique(Object value, Arguments args) {
        Function<Object, Object> key = key(args, 1, 0);
        List<Object> items = Renderer.iterate(value);
        List<Object> keys = new ArrayList<>();
        boolean hashable = true;
        for (Object item : items) {
            Object k = key.apply(item);
            hashable &= !(k instanceof Map || k instanceof List || k instanceof java.util.Set);
            keys.add(k);
        }
        if (!hashable) {
            Object caseSensitive = args.get(0, "case_sensitive", null);
            if (Boolean.FALSE.equals(caseSensitive) || PyValues.truthy(args.get(1, "attribute", null))) {
                throw new ExpressionFailure("Jinja2's unique filter failed and we cannot fall back to Ansible's version as it"
                        + " does not support the parameters supplied");
            }
            keys = items;
        }
        List<Object> out = new ArrayList<>();
        List<Object> seen = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object k = keys.get(i);
            if (seen.stream().noneMatch(s -> PyValues.equal(s, k))) {
                seen.add(k);
                out.add(items.get(i));
            }
        }
        return out;
    }

    /** Jinja's min/max: the first smallest (largest) item; an empty list gives an undefined value. */
    private static Object extreme(Object value, Arguments args, boolean largest) {
        List<Object> items = Renderer.iterate(value);
        if (items.isEmpty()) {
            return Undefined.explained("min/max", "No aggregated item, sequence was empty.");
        }
        // as Python's max and min: each item compared with the best so far, by > or <
        Comparator<Object> order = order(key(args, 1, 0), largest ? ">" : "<");
        Object best = items.get(0);
        for (Object item : items) {
            int c = order.compare(item, best);
            best = (largest ? c > 0 : c < 0) ? item : best;
        }
        return best;
    }

    /** Jinja's sum(attribute=None, start=0): Python's sum, so lists add up too. */
    private static Object sum(Object value, Arguments args) {
        Object total = args.get(1, "start", 0);
        List<Object> items = Renderer.iterate(value);
        if (total instanceof CharSequence) {
            throw new ExpressionFailure("sum() can't sum strings [use ''.join(seq) instead]");
        }
        String attribute = args.has(0, "attribute") ? ValueText.of(args.get(0, "attribute", "")) : null;
        for (Object item : items) {
            total = PyOps.binary("+", total, attribute == null ? item : defined(attribute(item, attribute)));
        }
        return total;
    }

    private static Object element(Object value, boolean first) {
        if (value instanceof CharSequence s && !s.isEmpty()) {
            return Secrets.derive(String.valueOf(s.charAt(first ? 0 : s.length() - 1)), s);
        }
        List<Object> items = Renderer.iterate(value);
        if (items.isEmpty()) {
            return Undefined.explained(first ? "first" : "last", "No " + (first ? "first" : "last") + " item, sequence was empty.");
        }
        return items.get(first ? 0 : items.size() - 1);
    }

    /** Ansible's flatten(levels=None, skip_nulls=True): nested lists into one; None/'None'/'null' items dropped. */
    static List<Object> flatten(List<?> items, Object levels, boolean skipNulls) {
        List<Object> out = new ArrayList<>();
        for (Object item : items) {
            if (skipNulls && (item == null || item instanceof CharSequence s && (s.toString().equals("None")
                    || s.toString().equals("null")))) {
                continue;
            }
            if (item instanceof List<?> inner) {
                if (levels == null) {
                    out.addAll(flatten(inner, null, skipNulls));
                } else if (levels instanceof CharSequence) {
                    // Python's levels >= 1 on a text
                    throw new ExpressionFailure("'>=' not supported between instances of 'str' and 'int'");
                } else if (Numbers.whole(Numbers.toInteger(levels, 0), "flatten") >= 1) {
                    out.addAll(flatten(inner, Numbers.whole(Numbers.toInteger(levels, 0), "flatten") - 1, skipNulls));
                } else {
                    out.add(item);
                }
            } else {
                out.add(item);
            }
        }
        return out;
    }

    private static List<Object> other(Arguments args, String filter) {
        if (!args.has(0, null)) {
            throw new ExpressionFailure(filter + " needs a second list: " + filter + "(other)");
        }
        return Renderer.iterate(args.positional().get(0));
    }

    /**
     * Ansible's union: of two values that are not both hashable, {@code a + b} made unique, so a list and a number or
     * a text fail as Python's {@code +} fails; else their items, as its sets.
     */
    private static Object union(Object value, Arguments args) {
        Object b = args.has(0, null) ? args.positional().get(0) : null;
        if (b != null && !(value instanceof List<?> && b instanceof List<?>) && !(hashable(value) && hashable(b))) {
            PyOps.binary("+", value, b);  // fails with Python's words (an int and a list, a list and a text)
        }
        return distinct(concat(value, other(args, "union")), true);
    }

    private static boolean hashable(Object value) {
        return value instanceof PyTuple || !(value instanceof Collection<?> || value instanceof Map<?, ?>);
    }

    private static List<Object> concat(Object value, List<Object> other) {
        List<Object> out = new ArrayList<>(Renderer.iterate(value));
        out.addAll(other);
        return out;
    }

    private static List<Object> keep(Object value, List<Object> other, boolean inOther) {
        List<Object> out = new ArrayList<>();
        for (Object item : Renderer.iterate(value)) {
            if (other.stream().anyMatch(o -> PyValues.equal(o, item)) == inOther) {
                out.add(item);
            }
        }
        return out;
    }

    /** Ansible's unique(case_sensitive=True) over a list: first of each, in order. */
    static List<Object> distinct(List<Object> items, boolean caseSensitive) {
        List<Object> out = new ArrayList<>();
        for (Object item : items) {
            if (out.stream().noneMatch(o -> PyValues.equal(o, item))) {
                out.add(item);
            }
        }
        return out;
    }

    private static Object symmetricDifference(Object value, Arguments args) {
        List<Object> other = other(args, "symmetric_difference");
        List<Object> both = distinct(keep(value, other, true), true);
        List<Object> out = new ArrayList<>();
        for (Object item : distinct(concat(value, other), true)) {
            if (both.stream().noneMatch(o -> PyValues.equal(o, item))) {
                out.add(item);
            }
        }
        return out;
    }

    static Map<?, ?> map(Object value, String filter) {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw new ExpressionFailure(filter + ": expected a dict, got " + Describe.kind(value));
    }
}
