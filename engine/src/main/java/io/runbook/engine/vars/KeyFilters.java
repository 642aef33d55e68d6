package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ansible.utils' {@code keep_keys}, {@code remove_keys} and {@code replace_keys}: the keys of dicts (at any depth,
 * through lists) that equal, start with, end with or match (Python's re.match) a target, kept, removed or renamed.
 * Their quirks are kept: keep_keys drops a list of only text and keeps a list of other values whatever its key;
 * remove_keys then drops the falsy items of every list; a renamed key moves to the end of its dict. The value given is
 * not changed (the collection changes it in place).
 */
final class KeyFilters {
    private KeyFilters() {
    }

    static Object keep(Object value, List<String> targets, String matching) {
        Object data = checked(value, "keep_keys", "Input is not valid for keep operation");
        return kept(data, targets, matching);
    }

    static Object remove(Object value, List<String> targets, String matching) {
        Object data = checked(value, "remove_keys", "Input is not valid for attribute removal");
        return withoutEmpty(removed(data, targets, matching));
    }

    static Object replace(Object value, Object target, String matching) {
        Object data = checked(value, "replace_keys", "Input is not valid for replace operation");
        List<String[]> renames = new ArrayList<>();
        if (!(LazyData.materialize(target) instanceof List<?> list)) {
            UtilsDataFilters.textList(target, "target");  // fails for what is no list
            throw new ExpressionFailure("['dictionary requested, could not parse JSON or key=value']");
        }
        for (Object item : list) {
            Map<Object, Object> rename = UtilsDataFilters.dict(item);
            if (rename == null) {
                throw new ExpressionFailure("['dictionary requested, could not parse JSON or key=value', \"Elements value"
                        + " for option 'target' is of type <class '" + PyValues.typeName(item) + "'> and we were unable"
                        + " to convert to dict: dictionary requested, could not parse JSON or key=value\"]");
            }
            renames.add(new String[] {UtilsDataFilters.text(rename.get("before")), UtilsDataFilters.text(rename.get("after"))});
        }
        return renamed(data, renames, matching);
    }

    private static Object checked(Object value, String filter, String message) {
        Object data = LazyData.materialize(value);
        if (!(data instanceof Map<?, ?>) && !(data instanceof List<?>)) {
            throw new ExpressionFailure("Error when using plugin '" + filter + "': " + message);
        }
        return data;
    }

    private static boolean matches(Object key, String target, String matching) {
        if (target == null) {
            return false;
        }
        String k = ValueText.of(key);
        return switch (matching) {
            case "regex" -> PyRegex.compile(target, false, false, "regex").matcher(k).lookingAt();
            case "starts_with" -> k.startsWith(target);
            case "ends_with" -> k.endsWith(target);
            default -> key instanceof CharSequence && k.equals(target);
        };
    }

    private static boolean matchesAny(Object key, List<String> targets, String matching) {
        return targets.stream().anyMatch(t -> matches(key, t, matching));
    }

    private static Object kept(Object data, List<String> targets, String matching) {
        if (data instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(kept(item, targets, matching)));
            return out;
        }
        if (!(data instanceof Map<?, ?> map)) {
            return data;
        }
        Map<Object, Object> keep = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!(v instanceof Map<?, ?>) && !(v instanceof List<?>)) {
                if (matchesAny(k, targets, matching)) {
                    keep.put(k, v);
                }
                return;
            }
            if (targets.isEmpty()) {
                return;  // the collection looks into a dict or list once per target
            }
            Object inner = kept(v, targets, matching);
            if (inner instanceof List<?> items) {
                List<Object> left = new ArrayList<>(items);
                left.removeIf(KeyFilters::emptyContainer);
                if (left.stream().allMatch(s -> s instanceof CharSequence)) {
                    return;
                }
                inner = left;
            }
            if (!emptyContainer(inner)) {
                keep.put(k, inner);
            }
        });
        return keep;
    }

    private static boolean emptyContainer(Object value) {
        return value instanceof List<?> l && l.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty();
    }

    private static Object removed(Object data, List<String> targets, String matching) {
        if (data instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!matchesAny(k, targets, matching)) {
                    out.put(k, removed(v, targets, matching));
                }
            });
            return out;
        }
        if (data instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(removed(item, targets, matching)));
            return out;
        }
        return data;
    }

    /** The collection's clear_empty_data: lists lose their falsy items, at any depth. */
    private static Object withoutEmpty(Object data) {
        if (data instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, withoutEmpty(v)));
            return out;
        }
        if (data instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.stream().filter(PyValues::truthy).forEach(item -> out.add(withoutEmpty(item)));
            return out;
        }
        return data;
    }

    private static Object renamed(Object data, List<String[]> renames, String matching) {
        if (data instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>(map);
            for (String[] rename : renames) {
                for (Object k : new ArrayList<>(out.keySet())) {
                    if (out.containsKey(k) && matches(k, rename[0], matching)) {
                        Object moved = out.remove(k);
                        out.put(rename[1], moved);
                    }
                }
            }
            out.replaceAll((k, v) -> renamed(v, renames, matching));
            return out;
        }
        if (data instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(renamed(item, renames, matching)));
            return out;
        }
        return data;
    }
}
