package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Filters that reshape mappings and group data: combine, dict2items/items2dict, extract, subelements,
 * rekey_on_member, dictsort, groupby and items, as Jinja 3.1 and ansible-core 2.14 define them (the sequence ones
 * are {@link SequenceFilters}).
 */
public final class StructureFilters {
    private StructureFilters() {
    }

    static void register(CollectionFilters.Registry r) {
        r.add("combine", -1, null, StructureFilters::combine);  // its own message for other keywords, as Ansible's
        r.add("dict2items", 2, List.of("key_name", "value_name"), StructureFilters::dictToItems);
        r.add("items2dict", 2, List.of("key_name", "value_name"), StructureFilters::itemsToDict);
        r.add("extract", 2, List.of("container", "morekeys"), StructureFilters::extract);
        r.add("subelements", 2, List.of("subelements", "skip_missing"), StructureFilters::subelements);
        r.add("rekey_on_member", 2, List.of("key", "duplicates"), StructureFilters::rekey);
        r.add("dictsort", 3, List.of("case_sensitive", "by", "reverse"), StructureFilters::dictsort);
        r.add("groupby", 3, List.of("attribute", "default", "case_sensitive"), StructureFilters::groupby);
        r.add("items", 0, List.of(), (v, a) -> v instanceof Undefined ? new ArrayList<>() : pairs(CollectionFilters.map(v, "items")));
    }

    /** Ansible's combine(*dicts, recursive=False, list_merge='replace'): later dicts win; a list of dicts counts as many. */
    private static Object combine(Object value, Arguments args) {
        if (!List.of("recursive", "list_merge").containsAll(args.named().keySet())) {
            throw new ExpressionFailure("'recursive' and 'list_merge' are the only valid keyword arguments");
        }
        boolean recursive = PyValues.truthy(args.get(-1, "recursive", false));
        String listMerge = ValueText.of(args.get(-1, "list_merge", "replace"));
        if (!List.of("replace", "keep", "append", "prepend", "append_rp", "prepend_rp").contains(listMerge)) {
            throw new ExpressionFailure("combine: list_merge must be one of replace, keep, append, prepend, append_rp"
                    + " or prepend_rp, not '" + listMerge + "'");
        }
        List<Object> terms = new ArrayList<>();
        terms.add(value);
        terms.addAll(args.positional());
        // as Ansible's: a list of dicts counts as many, nulls left out (None | combine is {})
        List<Object> dicts = CollectionFilters.flatten(terms, 1, true);
        if (dicts.size() == 1 && !(dicts.get(0) instanceof Map<?, ?>)) {
            return dicts.get(0);  // as Ansible's: one value is the result, whatever it is
        }
        refuseOthers(dicts, recursive, listMerge);
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Object d : dicts) {
            merge(out, (Map<?, ?>) d, recursive, listMerge);
        }
        return out;
    }

    /**
     * Fails on the first value that is not a dict as Ansible's combine meets it, merging from the last value to the
     * first: naming the two it was merging then (the value, and the merge of those after it) and their JSON.
     */
    private static void refuseOthers(List<Object> dicts, boolean recursive, String listMerge) {
        int last = dicts.size() - 1;
        int other = last;
        while (other >= 0 && dicts.get(other) instanceof Map<?, ?>) {
            other--;
        }
        if (other < 0) {
            return;
        }
        // Ansible's merge_hash(value, merge of those after it); the last value is merged into first
        int at = other == last ? last - 1 : other;
        Object later = dicts.get(last);
        if (other < last) {
            Map<Object, Object> merged = new LinkedHashMap<>();
            dicts.subList(other + 1, dicts.size()).forEach(d -> merge(merged, (Map<?, ?>) d, recursive, listMerge));
            later = merged;
        }
        Object d = dicts.get(at);
        throw new ExpressionFailure("failed to combine variables, expected dicts but got a '" + PyValues.typeName(d)
                + "' and a '" + PyValues.typeName(later) + "': \n" + PyJson.dump(d, 0, false) + "\n" + PyJson.dump(later, 0, false));
    }

    /**
     * Ansible's {@code merge_hash(into, from, recursive=True, list_merge=listMerge)}, into {@code into}: mappings merged
     * key by key, lists as {@code listMerge} says (replace, keep, append, prepend, append_rp, prepend_rp).
     */
    public static void mergeHash(Map<Object, Object> into, Map<?, ?> from, String listMerge) {
        merge(into, from, true, listMerge);
    }

    /** Python's {@code str()} of a value, as Ansible's messages format it ({@code None}, {@code ['min']}). */
    public static String pythonText(Object value) {
        return PyValues.str(value);
    }

    private static void merge(Map<Object, Object> into, Map<?, ?> from, boolean recursive, String listMerge) {
        from.forEach((k, y) -> {
            Object key = PyValues.findKey(into, k);
            if (key == PyValues.MISSING) {
                into.put(k, y);
                return;
            }
            Object x = into.get(key);
            if (x instanceof Map<?, ?> mine && y instanceof Map<?, ?> theirs) {
                if (recursive) {
                    Map<Object, Object> merged = new LinkedHashMap<>(mine);
                    merge(merged, theirs, true, listMerge);
                    into.put(key, merged);
                } else {
                    into.put(key, y);
                }
            } else if (x instanceof List<?> xs && y instanceof List<?> ys) {
                into.put(key, mergeLists(xs, ys, listMerge));
            } else {
                into.put(key, y);
            }
        });
    }

    private static Object mergeLists(List<?> x, List<?> y, String how) {
        List<Object> out = new ArrayList<>();
        switch (how) {
            case "keep" -> out.addAll(x);
            case "append" -> {
                out.addAll(x);
                out.addAll(y);
            }
            case "prepend" -> {
                out.addAll(y);
                out.addAll(x);
            }
            case "append_rp" -> {
                x.stream().filter(i -> y.stream().noneMatch(j -> PyValues.equal(i, j))).forEach(out::add);
                out.addAll(y);
            }
            case "prepend_rp" -> {
                out.addAll(y);
                x.stream().filter(i -> y.stream().noneMatch(j -> PyValues.equal(i, j))).forEach(out::add);
            }
            default -> out.addAll(y);
        }
        return out;
    }

    private static Object dictToItems(Object value, Arguments args) {
        String keyName = ValueText.of(args.get(0, "key_name", "key"));
        String valueName = ValueText.of(args.get(1, "value_name", "value"));
        if (!(value instanceof Map<?, ?> m)) {
            throw new ExpressionFailure("dict2items requires a dictionary, got <class '" + PyValues.typeName(value) + "'> instead.");
        }
        List<Object> out = new ArrayList<>();
        m.forEach((k, v) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(keyName, k);
            item.put(valueName, v);
            out.add(item);
        });
        return out;
    }

    private static Object itemsToDict(Object value, Arguments args) {
        String keyName = ValueText.of(args.get(0, "key_name", "key"));
        String valueName = ValueText.of(args.get(1, "value_name", "value"));
        Map<Object, Object> out = new LinkedHashMap<>();
        // Ansible's messages, which a playbook may test for
        if (!(value instanceof java.util.Collection<?>)) {
            throw new ExpressionFailure("items2dict requires a list, got <class '" + PyValues.typeName(value) + "'> instead.");
        }
        for (Object item : (java.util.Collection<?>) value) {
            if (!(item instanceof Map<?, ?> entry)) {
                throw new ExpressionFailure("items2dict requires a list of dictionaries, got " + PyValues.repr(value) + " instead.");
            }
            if (!entry.containsKey(keyName) || !entry.containsKey(valueName)) {
                throw new ExpressionFailure("items2dict requires each dictionary in the list to contain the keys '" + keyName
                        + "' and '" + valueName + "', got " + PyValues.repr(value) + " instead.");
            }
            Object key = entry.get(keyName);
            if (key instanceof List<?> && !(key instanceof PyTuple) || key instanceof Map<?, ?>) {
                // a Python dict cannot have it as a key: Ansible refuses the whole filter
                throw new ExpressionFailure("items2dict: the '" + keyName + "' of an item is a " + PyValues.typeName(key)
                        + ", which cannot be a key (unhashable type: '" + PyValues.typeName(key) + "')");
            }
            out.put(key, entry.get(valueName));
        }
        return out;
    }

    /**
     * key | extract(container, morekeys): container[key], then deeper; Ansible's map('extract', hostvars, 'x'). As
     * Jinja's getitem, a key that is not there gives an undefined value, which fails only when used (so
     * {@code | default(...)} takes it), and an undefined container stays that undefined value.
     */
    private static Object extract(Object key, Arguments args) {
        if (!args.has(0, "container")) {
            throw new ExpressionFailure("extract needs a container: map('extract', hostvars, 'name')");
        }
        Object container = args.get(0, "container", null);
        if (container instanceof Undefined undefined) {
            return undefined;
        }
        Object more = args.get(1, "morekeys", null);
        List<?> keys = more == null ? List.of() : more instanceof List<?> l ? l : List.of(more);
        Object found = item(container, key);
        Object owner = container;
        Object missing = key;
        for (Object k : keys) {
            if (found instanceof Undefined) {
                break;
            }
            owner = found;
            missing = k;
            found = item(found, k);
        }
        if (found instanceof Undefined) {
            // Jinja's words for what its getitem did not find, as Ansible's extract fails with them
            String jinja = missing instanceof CharSequence ? "'" + PyValues.typeName(owner) + " object' has no attribute '" + missing + "'"
                    : PyValues.typeName(owner) + " object has no element " + PyValues.repr(missing);
            return Undefined.missingAttribute(owner, ValueText.of(missing), jinja, null);
        }
        return found;
    }

    private static Object item(Object container, Object key) {
        if (container instanceof Map<?, ?> m) {
            Object found = PyValues.findKey(m, key);
            return found == PyValues.MISSING ? Undefined.VALUE : m.get(found);
        }
        if (container instanceof List<?> l && PyNumbers.isInt(key)) {
            long i = PyNumbers.big(key).longValue();
            long at = i < 0 ? l.size() + i : i;
            return at >= 0 && at < l.size() ? l.get((int) at) : Undefined.VALUE;
        }
        return CollectionFilters.attribute(container, ValueText.of(key));
    }

    /** Ansible's subelements(path, skip_missing=False): (item, sub-item) pairs for each item's list at path. */
    private static Object subelements(Object value, Arguments args) {
        List<Object> elements = value instanceof Map<?, ?> m ? new ArrayList<>(m.values())
                : value instanceof List<?> l ? new ArrayList<>(l) : null;
        if (elements == null) {
            throw new ExpressionFailure("obj must be a list of dicts or a nested dict");
        }
        Object path = args.get(0, "subelements", null);
        List<?> steps = path instanceof List<?> l ? l : path instanceof CharSequence s ? Arrays.asList(s.toString().split("\\."))
                : null;
        if (steps == null) {
            throw new ExpressionFailure("subelements must be a list or a string");
        }
        boolean skipMissing = PyValues.truthy(args.get(1, "skip_missing", false));
        List<Object> out = new ArrayList<>();
        for (Object element : elements) {
            Object values = element;
            for (Object step : steps) {
                Object key = values instanceof Map<?, ?> m ? PyValues.findKey(m, step) : null;
                if (!(values instanceof Map<?, ?>)) {
                    throw new ExpressionFailure("the key " + ValueText.of(step) + " should point to a dictionary, got '"
                            + PyValues.repr(values) + "'");
                }
                if (key == PyValues.MISSING) {
                    if (skipMissing) {
                        values = List.of();
                        break;
                    }
                    throw new ExpressionFailure("could not find " + PyValues.repr(step) + " key in iterated item "
                            + PyValues.repr(values));
                }
                values = ((Map<?, ?>) values).get(key);
            }
            if (!(values instanceof List<?> subs)) {
                throw new ExpressionFailure("the key " + PyValues.repr(path) + " should point to a list, got " + PyValues.repr(values));
            }
            subs.forEach(s -> out.add(new PyTuple(Arrays.asList(element, s))));
        }
        return out;
    }

    private static Object rekey(Object value, Arguments args) {
        Object key = args.get(0, "key", null);
        String duplicates = ValueText.of(args.get(1, "duplicates", "error"));
        if (!duplicates.equals("error") && !duplicates.equals("overwrite")) {
            throw new ExpressionFailure("duplicates parameter to rekey_on_member has unknown value: " + duplicates);
        }
        Iterable<?> items = value instanceof Map<?, ?> m ? m.values() : value instanceof List<?> l ? l : null;
        if (items == null) {
            throw new ExpressionFailure("Type is not a valid list, set, or dict");
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> m)) {
                throw new ExpressionFailure("List item is not a valid dict");
            }
            Object found = PyValues.findKey(m, key);
            if (found == PyValues.MISSING) {
                throw new ExpressionFailure("Key " + ValueText.of(key) + " was not found");
            }
            Object newKey = m.get(found);
            if (PyValues.findKey(out, newKey) != PyValues.MISSING && duplicates.equals("error")) {
                throw new ExpressionFailure("Key " + ValueText.of(newKey) + " is not unique, cannot correctly turn into dict");
            }
            out.put(newKey, item);
        }
        return out;
    }

    private static List<Object> pairs(Map<?, ?> m) {
        List<Object> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(new PyTuple(Arrays.asList(k, v))));
        return out;
    }

    /** Jinja's dictsort(case_sensitive=False, by='key', reverse=False): (key, value) pairs in order. */
    private static Object dictsort(Object value, Arguments args) {
        boolean caseSensitive = PyValues.truthy(args.get(0, "case_sensitive", false));
        String by = ValueText.of(args.get(1, "by", "key"));
        if (!by.equals("key") && !by.equals("value")) {
            throw new ExpressionFailure("You can only sort by either \"key\" or \"value\"");
        }
        int at = by.equals("key") ? 0 : 1;
        if (!(value instanceof Map<?, ?>)) {
            // Jinja's value.items(), in Python's words (Ansible shows them as an exception's)
            throw new ExpressionFailure("'" + PyValues.typeName(value) + "' object has no attribute 'items'");
        }
        List<Object> out = pairs(CollectionFilters.map(value, "dictsort"));
        Function<Object, Object> key = p -> {
            Object v = ((List<?>) p).get(at);
            return !caseSensitive && v instanceof CharSequence s ? s.toString().toLowerCase(java.util.Locale.ROOT) : v;
        };
        java.util.Comparator<Object> order = CollectionFilters.order(key);
        out.sort(PyValues.truthy(args.get(2, "reverse", false)) ? order.reversed() : order);
        return out;
    }

    /** Jinja's groupby(attribute, default=None, case_sensitive=False): (grouper, items) pairs sorted by grouper. */
    private static Object groupby(Object value, Arguments args) {
        String attribute = ValueText.of(args.get(0, "attribute", ""));
        boolean caseSensitive = PyValues.truthy(args.get(2, "case_sensitive", false));
        Object fallback = args.get(1, "default", null);
        Function<Object, Object> raw = item -> {
            Object v = CollectionFilters.attribute(item, attribute);
            if (v instanceof Undefined u) {
                if (fallback == null) {
                    throw u.failure();
                }
                return fallback;
            }
            return v;
        };
        Function<Object, Object> key = item -> {
            Object v = raw.apply(item);
            return !caseSensitive && v instanceof CharSequence s ? s.toString().toLowerCase(java.util.Locale.ROOT) : v;
        };
        List<Object> sorted = new ArrayList<>(Renderer.iterate(value));
        sorted.sort(CollectionFilters.order(key));
        List<Object> out = new ArrayList<>();
        List<Object> group = null;
        Object current = null;
        for (Object item : sorted) {
            Object k = key.apply(item);
            if (group == null || !PyValues.equal(k, current)) {
                if (group != null) {
                    out.add(new GroupTuple(raw.apply(group.get(0)), group));
                }
                group = new ArrayList<>();
                current = k;
            }
            group.add(item);
        }
        if (group != null) {
            out.add(new GroupTuple(raw.apply(group.get(0)), group));
        }
        return out;
    }

    /** Jinja's _GroupTuple: a (grouper, list) pair whose parts are also its attributes. */
    static final class GroupTuple extends PyTuple implements Access.Attributes {
        GroupTuple(Object grouper, List<Object> items) {
            super(Arrays.asList(grouper, items));
        }

        @Override
        public Object attribute(String name) {
            return switch (name) {
                case "grouper" -> get(0);
                case "list" -> get(1);
                default -> PyValues.MISSING;
            };
        }
    }
}
