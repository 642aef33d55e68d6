package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ansible.utils' data filters (the ones recovery playbooks use on Kubernetes results): {@code get_path},
 * {@code to_paths}, {@code index_of}, {@code keep_keys}, {@code remove_keys}, {@code replace_keys} and
 * {@code consolidate}, only by their collection names ({@code ansible.utils.get_path}), as ansible-core 2.14 routes
 * none of them from a short name. Arguments are read as the collection's argument specs read them.
 */
final class UtilsDataFilters {
    private static final String PREFIX = "ansible.utils.";
    private static final List<String> KEY_ARGS = List.of("target", "matching_parameter");

    private UtilsDataFilters() {
    }

    static void register(CollectionFilters.Registry r) {
        // as the collection's, extra positional arguments are dropped
        r.add(PREFIX + "get_path", -1, List.of("path", "wantlist"), (Filter.Framed) DataPaths::getPath);
        r.add(PREFIX + "to_paths", -1, List.of("prepend", "wantlist"), (v, a) -> DataPaths.toPaths(v,
                a.get(0, "prepend", null), flag(a.get(1, "wantlist", false))));
        r.add(PREFIX + "index_of", -1, List.of("test", "value", "key", "fail_on_missing", "wantlist"), IndexOf::indexOf);
        r.add(PREFIX + "keep_keys", -1, KEY_ARGS, (v, a) -> KeyFilters.keep(v, targets(a), matching(a)));
        r.add(PREFIX + "remove_keys", -1, KEY_ARGS, (v, a) -> KeyFilters.remove(v, targets(a), matching(a)));
        r.add(PREFIX + "replace_keys", -1, KEY_ARGS, (v, a) -> KeyFilters.replace(v, a.get(0, "target", null), matching(a)));
        r.add(PREFIX + "consolidate", -1, List.of("fail_missing_match_key", "fail_missing_match_value", "fail_duplicate"),
                (v, a) -> Consolidate.of(v, flag(a.get(0, "fail_missing_match_key", true)),
                        flag(a.get(1, "fail_missing_match_value", true)), flag(a.get(2, "fail_duplicate", true))));
    }

    /** A bool argument (argument spec type bool): true/false, yes/no, on/off, 1/0, as text too. */
    static boolean flag(Object value) {
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        return Numbers.toBool(value) instanceof Boolean b && b;
    }

    /** The text the argument spec (type str) makes of a value, None kept as null. */
    static String text(Object value) {
        return value == null ? null : ValueText.of(value);
    }

    /** A list of text (type list, elements str): a list's items as text, text split at commas. */
    static List<String> textList(Object value, String option) {
        List<String> out = new ArrayList<>();
        if (value instanceof CharSequence s) {
            for (String part : s.toString().split(",", -1)) {
                out.add(part.strip());
            }
        } else if (value instanceof List<?> list) {
            list.forEach(item -> out.add(ValueText.of(item)));
        } else if (value == null) {
            throw new ExpressionFailure("['missing required arguments: " + option + "']");
        } else {
            throw new ExpressionFailure("['" + PyValues.typeName(value) + " cannot be converted to a list']");
        }
        return out;
    }

    private static List<String> targets(Arguments a) {
        return textList(a.get(0, "target", null), "target");
    }

    /** matching_parameter: one of its choices; equality (the default) when not given. */
    private static String matching(Arguments a) {
        String matching = text(a.get(1, "matching_parameter", null));
        if (matching != null && !List.of("starts_with", "ends_with", "regex").contains(matching)) {
            throw new ExpressionFailure("['value of matching_parameter must be one of: starts_with, ends_with, regex, got: "
                    + matching + "']");
        }
        return matching == null ? "equality" : matching;
    }

    /** The value as a Python dict the filter reads, or null for one that is no dict. */
    @SuppressWarnings("unchecked")
    static Map<Object, Object> dict(Object value) {
        Object v = LazyData.materialize(value);
        return v instanceof Map<?, ?> m ? (Map<Object, Object>) m : null;
    }
}
