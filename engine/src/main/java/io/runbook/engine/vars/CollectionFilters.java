package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Filters over lists and maps: map/select/selectattr and friends, sort, unique, min/max/sum, combine, dict2items. */
final class CollectionFilters {

    @FunctionalInterface
    interface Registry {
        void add(String name, int maxPositional, List<String> keywords, Filter filter);
    }

    private CollectionFilters() {
    }

    static void register(Registry registry) {
        registry.add("list", 0, List.of(), (v, a) -> v instanceof Map<?, ?> m ? new ArrayList<>(m.keySet())
                : v instanceof CharSequence s ? s.chars().mapToObj(c -> String.valueOf((char) c)).toList()
                : new ArrayList<>(list(v, "list")));
        registry.add("map", -1, List.of("attribute", "default"), CollectionFilters::map);
        registry.add("select", -1, List.of(), (v, a) -> select(v, a, true));
        registry.add("reject", -1, List.of(), (v, a) -> select(v, a, false));
        registry.add("selectattr", -1, List.of(), (v, a) -> selectAttribute(v, a, true));
        registry.add("rejectattr", -1, List.of(), (v, a) -> selectAttribute(v, a, false));
        registry.add("unique", 0, List.of(), (v, a) -> new ArrayList<>(new LinkedHashSet<>(list(v, "unique"))));
        registry.add("sort", 1, List.of("reverse", "attribute"), CollectionFilters::sort);
        registry.add("min", 0, List.of("attribute"), (v, a) -> extreme(v, a, "min", false));
        registry.add("max", 0, List.of("attribute"), (v, a) -> extreme(v, a, "max", true));
        registry.add("sum", 1, List.of("start"), CollectionFilters::sum);
        registry.add("combine", -1, List.of("recursive"), CollectionFilters::combine);
        registry.add("flatten", 1, List.of("levels"), (v, a) -> flatten(list(v, "flatten"), a.get(0, "levels", null)));
        registry.add("union", 1, List.of(), (v, a) -> sets(v, a, "union"));
        registry.add("intersect", 1, List.of(), (v, a) -> sets(v, a, "intersect"));
        registry.add("difference", 1, List.of(), (v, a) -> sets(v, a, "difference"));
        registry.add("dict2items", 0, List.of("key_name", "value_name"), CollectionFilters::dictToItems);
        registry.add("items2dict", 0, List.of("key_name", "value_name"), CollectionFilters::itemsToDict);
        registry.add("extract", 2, List.of(), CollectionFilters::extract);
    }

    /** key | extract(container, morekeys): container[key], then deeper; Ansible's map('extract', hostvars, 'x'). */
    private static Object extract(Object key, Arguments args) {
        if (args.positional().isEmpty()) {
            throw new ExpressionFailure("extract needs a container: map('extract', hostvars, 'name')");
        }
        Object container = args.positional().get(0);
        Object found = container instanceof Map<?, ?> m ? (m.containsKey(ValueText.of(key)) ? m.get(ValueText.of(key)) : Undefined.VALUE)
                : attribute(container, ValueText.of(key));
        Object more = args.positional().size() > 1 ? args.positional().get(1) : null;
        List<?> keys = more == null ? List.of() : more instanceof List<?> l ? l : List.of(more);
        for (Object k : keys) {
            if (found instanceof Undefined) {
                break;
            }
            found = attribute(found, ValueText.of(k));
        }
        if (found instanceof Undefined) {
            throw new ExpressionFailure("extract: nothing at " + ValueText.of(key) + (keys.isEmpty() ? "" : " → " + keys));
        }
        return found;
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

    /** map(attribute='a.b', default=x) reads a field of each item; map('upper') applies a filter to each. */
    private static Object map(Object value, Arguments args) {
        List<Object> out = new ArrayList<>();
        if (args.has(-1, "attribute")) {
            String attribute = ValueText.of(args.get(-1, "attribute", ""));
            for (Object item : list(value, "map")) {
                Object found = attribute(item, attribute);
                if (found instanceof Undefined && !args.has(-1, "default")) {
                    throw new ExpressionFailure("map: an item has no attribute '" + attribute + "'",
                            "give a default: map(attribute='" + attribute + "', default='')");
                }
                out.add(found instanceof Undefined ? args.get(-1, "default", null) : found);
            }
            return out;
        }
        if (args.positional().isEmpty()) {
            throw new ExpressionFailure("map needs a filter name or attribute=: map('upper') or map(attribute='name')");
        }
        String filter = ValueText.of(args.positional().get(0));
        if (!Filters.exists(filter)) {
            throw new ExpressionFailure("map: unknown filter '" + filter + "'", Spelling.didYouMean(filter, Filters.names()));
        }
        Arguments rest = new Arguments(args.rest(1), Map.of());
        for (Object item : list(value, "map")) {
            out.add(Filters.apply(filter, item, rest));
        }
        return out;
    }

    private static Object select(Object value, Arguments args, boolean keep) {
        List<Object> out = new ArrayList<>();
        for (Object item : list(value, keep ? "select" : "reject")) {
            if (passes(item, args, 0) == keep) {
                out.add(item);
            }
        }
        return out;
    }

    private static Object selectAttribute(Object value, Arguments args, boolean keep) {
        String filter = keep ? "selectattr" : "rejectattr";
        if (args.positional().isEmpty()) {
            throw new ExpressionFailure(filter + " needs an attribute: " + filter + "('name', 'equalto', 'prod')");
        }
        String attribute = ValueText.of(args.positional().get(0));
        List<Object> out = new ArrayList<>();
        for (Object item : list(value, filter)) {
            if (passes(attribute(item, attribute), args, 1) == keep) {
                out.add(item);
            }
        }
        return out;
    }

    /** The test at position {@code at} with its arguments after it; no test means "is true". */
    private static boolean passes(Object value, Arguments args, int at) {
        if (args.positional().size() <= at) {
            return Truthiness.of(value);
        }
        String test = ValueText.of(args.positional().get(at));
        if (!IsTests.known(test)) {
            throw new ExpressionFailure("unknown test '" + test + "'", Spelling.didYouMean(test, IsTests.names()));
        }
        if (value instanceof Undefined && !IsTests.acceptsUndefined(test)) {
            return false;
        }
        return IsTests.apply(test, value, args.rest(at + 1));
    }

    /** A dotted attribute path of a map ({@code metadata.name}, {@code ports.0}), or Undefined. */
    static Object attribute(Object item, String path) {
        Object current = item;
        for (String key : path.split("\\.")) {
            if (current instanceof Map<?, ?> map && map.containsKey(key)) {
                current = map.get(key);
            } else if (current instanceof List<?> l && key.matches("\\d+") && Integer.parseInt(key) < l.size()) {
                current = l.get(Integer.parseInt(key));
            } else {
                return Undefined.VALUE;
            }
        }
        return current;
    }

    private static List<Object> flatten(List<?> items, Object levels) {
        int depth = levels == null ? Integer.MAX_VALUE : ((Number) Numbers.toInteger(levels, Undefined.VALUE)).intValue();
        List<Object> out = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof List<?> inner && depth > 0) {
                out.addAll(flatten(inner, depth == Integer.MAX_VALUE ? null : depth - 1));
            } else {
                out.add(item);
            }
        }
        return out;
    }

    /** union/intersect/difference keep the order of the left list and drop duplicates, as Ansible's do. */
    private static Object sets(Object value, Arguments args, String filter) {
        if (!args.has(0, null)) {
            throw new ExpressionFailure(filter + " needs a second list: " + filter + "(other)");
        }
        LinkedHashSet<Object> left = new LinkedHashSet<>(list(value, filter));
        List<?> right = list(args.get(0, null, List.of()), filter);
        switch (filter) {
            case "union" -> left.addAll(right);
            case "intersect" -> left.retainAll(right);
            default -> left.removeAll(right);
        }
        return new ArrayList<>(left);
    }

    private static Object sort(Object value, Arguments args) {
        List<Object> out = new ArrayList<>(list(value, "sort"));
        String attribute = args.has(-1, "attribute") ? ValueText.of(args.get(-1, "attribute", "")) : null;
        Comparator<Object> order = Comparator.comparing(o -> attribute == null ? o : attribute(o, attribute),
                CollectionFilters::compare);
        out.sort(Truthiness.of(args.get(0, "reverse", false)) ? order.reversed() : order);
        return out;
    }

    private static Object extreme(Object value, Arguments args, String filter, boolean largest) {
        List<?> items = list(value, filter);
        if (items.isEmpty()) {
            throw new ExpressionFailure(filter + ": the list is empty");
        }
        String attribute = args.has(-1, "attribute") ? ValueText.of(args.get(-1, "attribute", "")) : null;
        Comparator<Object> order = Comparator.comparing(o -> attribute == null ? o : attribute(o, attribute),
                CollectionFilters::compare);
        Object best = items.get(0);
        for (Object item : items) {
            int c = order.compare(item, best);
            best = (largest ? c > 0 : c < 0) ? item : best;
        }
        return best;
    }

    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof CharSequence x && b instanceof CharSequence y) {
            return x.toString().compareTo(y.toString());
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x.compareTo(y);
        }
        List<String> kinds = new ArrayList<>(List.of(Describe.kind(a), Describe.kind(b)));
        kinds.sort(null);
        throw new ExpressionFailure("cannot compare " + kinds.get(0) + " with " + kinds.get(1));
    }

    private static Object sum(Object value, Arguments args) {
        Object total = args.get(0, "start", 0);
        for (Object item : list(value, "sum")) {
            if (!(item instanceof Number n) || !(total instanceof Number t)) {
                throw new ExpressionFailure("sum: expected numbers, got " + Describe.kind(item));
            }
            total = isWhole(t) && isWhole(n) ? (Object) (t.longValue() + n.longValue()) : t.doubleValue() + n.doubleValue();
        }
        return total instanceof Long l && l == l.intValue() ? (Object) l.intValue() : total;
    }

    private static boolean isWhole(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    /** combine(other, ..., recursive=false): later maps win; recursive merges nested maps too. */
    private static Object combine(Object value, Arguments args) {
        boolean recursive = Truthiness.of(args.get(-1, "recursive", false));
        Map<Object, Object> out = new LinkedHashMap<>(map(value, "combine"));
        for (Object other : args.positional()) {
            merge(out, map(other, "combine"), recursive);
        }
        return out;
    }

    private static void merge(Map<Object, Object> into, Map<?, ?> from, boolean recursive) {
        from.forEach((k, v) -> {
            if (recursive && into.get(k) instanceof Map<?, ?> mine && v instanceof Map<?, ?> theirs) {
                Map<Object, Object> merged = new LinkedHashMap<>(mine);
                merge(merged, theirs, true);
                into.put(k, merged);
            } else {
                into.put(k, v);
            }
        });
    }

    private static Object dictToItems(Object value, Arguments args) {
        String keyName = ValueText.of(args.get(-1, "key_name", "key"));
        String valueName = ValueText.of(args.get(-1, "value_name", "value"));
        List<Object> out = new ArrayList<>();
        map(value, "dict2items").forEach((k, v) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(keyName, k);
            item.put(valueName, v);
            out.add(item);
        });
        return out;
    }

    private static Object itemsToDict(Object value, Arguments args) {
        String keyName = ValueText.of(args.get(-1, "key_name", "key"));
        String valueName = ValueText.of(args.get(-1, "value_name", "value"));
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Object item : list(value, "items2dict")) {
            Map<?, ?> entry = map(item, "items2dict");
            if (!entry.containsKey(keyName) || !entry.containsKey(valueName)) {
                throw new ExpressionFailure("items2dict: each item needs '" + keyName + "' and '" + valueName + "'");
            }
            out.put(entry.get(keyName), entry.get(valueName));
        }
        return out;
    }

    private static Map<?, ?> map(Object value, String filter) {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw new ExpressionFailure(filter + ": expected a map, got " + Describe.kind(value));
    }
}
