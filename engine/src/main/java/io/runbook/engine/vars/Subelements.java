package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's subelements lookup, for {@code lookup('subelements', users, 'mysql.hosts')} and {@code with_subelements}:
 * one item {@code [element, subelement]} per entry of each element's list under the (dotted) key, the element
 * without that list (Ansible pops it); {@code {skip_missing: true}} as a third term skips elements without the key.
 * Checks and messages are Ansible's.
 */
public final class Subelements {
    private static final String TERMS = "subelements lookup expects a list of two or three items, ";

    private Subelements() {
    }

    /** The items of {@code with_subelements}; a bad term is an error at {@code where}. */
    public static List<Object> items(List<Object> terms, SourcePosition where) {
        try {
            return lookup(terms);
        } catch (ExpressionFailure failure) {
            throw failure.at(where);
        }
    }

    static List<Object> lookup(List<Object> given) {
        List<Object> terms = new ArrayList<>(given);
        if (terms.size() < 2 || terms.size() > 3) {
            throw new ExpressionFailure(TERMS);
        }
        Object first = terms.get(0);
        if (!(first instanceof List<?>) && !(first instanceof Map<?, ?>)) {
            first = first instanceof CharSequence || first == null ? List.of(String.valueOf(first)) : List.of(first);
        }
        if (!(terms.get(1) instanceof CharSequence key)) {
            throw new ExpressionFailure(TERMS + "first a dict or a list, second a string pointing to the subkey");
        }
        List<Object> elements;
        if (first instanceof Map<?, ?> m) {
            if (m.containsKey("skipped") && !Boolean.FALSE.equals(m.get("skipped"))) {
                return new ArrayList<>();
            }
            elements = new ArrayList<>(m.values());
        } else {
            elements = new ArrayList<>((List<?>) first);
        }
        Object flags = terms.size() == 3 ? terms.get(2) : Map.of();
        if (!(flags instanceof Map<?, ?> flagMap)) {
            throw new ExpressionFailure(TERMS + "the optional third item must be a dict with flags ('skip_missing',)");
        }
        boolean skipMissing = io.runbook.engine.module.ArgValidator.isTrue(flagMap.get("skip_missing"));
        List<Object> out = new ArrayList<>();
        for (Object element : elements) {
            out.addAll(ofElement(element, key.toString().split("\\.", -1), skipMissing));
        }
        return out;
    }

    private static List<Object> ofElement(Object element, String[] subkeys, boolean skipMissing) {
        if (!(element instanceof Map<?, ?> map)) {
            throw new ExpressionFailure("subelements lookup expects a dictionary, got '" + PyValues.str(element) + "'");
        }
        if (map.containsKey("skipped") && !Boolean.FALSE.equals(map.get("skipped"))) {
            return List.of();
        }
        Map<String, Object> copy = deepCopy(map);
        Map<String, Object> level = copy;
        List<?> sublist = List.of();
        for (int i = 0; i < subkeys.length; i++) {
            String subkey = subkeys[i];
            boolean last = subkey.equals(subkeys[subkeys.length - 1]);
            if (!level.containsKey(subkey)) {
                if (skipMissing) {
                    continue;
                }
                throw new ExpressionFailure("could not find '" + subkey + "' key in iterated item '" + PyValues.str(level) + "'");
            }
            Object v = level.get(subkey);
            if (!last) {
                if (v instanceof Map<?, ?>) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> next = (Map<String, Object>) v;
                    level = next;
                } else if (!skipMissing) {
                    throw new ExpressionFailure("the key " + subkey + " should point to a dictionary, got '" + PyValues.str(v) + "'");
                }
            } else if (v instanceof List<?> l) {
                sublist = l;
                level.remove(subkey);
            } else {
                throw new ExpressionFailure("the key " + subkey + " should point to a list, got '" + PyValues.str(v) + "'");
            }
        }
        List<Object> out = new ArrayList<>();
        for (Object s : sublist) {
            out.add(Arrays.asList(copy, s));
        }
        return out;
    }

    private static Map<String, Object> deepCopy(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Map<?, ?> inner ? deepCopy(inner) : v));
        return out;
    }
}
