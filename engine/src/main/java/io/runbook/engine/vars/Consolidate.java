package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * ansible.utils' {@code consolidate}: data sources (each a list of dicts, the key that matches them, a name) joined
 * into one dict per match value (sorted), holding each source's dict for it by the source's name ({@code {}} where a
 * source has none). A dict without the match key, a value twice in a source, a value some source lacks fail, each
 * unless its {@code fail_*} option is false, with the collection's words.
 */
final class Consolidate {
    private static final List<String> OPTIONS = List.of("data", "match_key", "name");

    private Consolidate() {
    }

    /** One data source, read as the argument spec reads it. */
    private record Source(List<?> data, String matchKey, String name) {
    }

    static Object of(Object value, boolean failMissingKey, boolean failMissingValue, boolean failDuplicate) {
        List<Source> sources = sources(LazyData.materialize(value));
        List<String> missingKeys = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        List<List<Object>> keySets = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
            Source source = sources.get(s);
            List<Object> values = new ArrayList<>();
            for (int d = 0; d < source.data().size(); d++) {
                Map<Object, Object> dict = entry(source.data().get(d));
                if (dict.containsKey(source.matchKey())) {
                    values.add(hashable(dict.get(source.matchKey())));
                } else if (failMissingKey) {
                    missingKeys.add("missing match key '" + source.matchKey() + "' in data source " + (s + 1)
                            + " in list entry " + (d + 1));
                }
            }
            List<Object> unique = distinct(values);
            if (unique.size() != values.size() && failDuplicate) {
                duplicates.add("duplicate values in data source " + (s + 1));
            }
            keySets.add(unique);
        }
        fail(new String[] {"fail_missing_match_key", "fail_duplicate"}, List.of(missingKeys, duplicates));
        List<Object> all = distinct(keySets.stream().flatMap(List::stream).toList());
        if (failMissingValue) {
            List<String> missingValues = new ArrayList<>();
            for (int s = 0; s < keySets.size(); s++) {
                List<Object> set = keySets.get(s);
                TreeSet<String> lacking = new TreeSet<>();
                all.stream().filter(v -> set.stream().noneMatch(x -> PyValues.equal(x, v)))
                        .forEach(v -> lacking.add(joinable(v)));
                if (!lacking.isEmpty()) {
                    missingValues.add("missing match value " + String.join(", ", lacking) + " in data source " + (s + 1));
                }
            }
            fail(new String[] {"fail_missing_match_value"}, List.of(missingValues));
        }
        List<Object> sorted = new ArrayList<>(all);
        sorted.sort((a, b) -> PyValues.compare(a, b, "<"));
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Object v : sorted) {
            out.put(v, new LinkedHashMap<>());
        }
        for (Source source : sources) {
            Map<Object, Object> byValue = new LinkedHashMap<>();
            for (Object item : source.data()) {
                Map<Object, Object> dict = entry(item);
                if (dict.containsKey(source.matchKey())) {
                    byValue.put(dict.get(source.matchKey()), dict);
                }
            }
            for (Object v : sorted) {
                Object found = PyValues.findKey(byValue, v);
                ((Map<Object, Object>) out.get(v)).put(source.name(), found == PyValues.MISSING ? new LinkedHashMap<>()
                        : byValue.get(found));
            }
        }
        return out;
    }

    /** The collection's error: each failing check's messages, "; " between checks. */
    private static void fail(String[] checks, List<List<String>> messages) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < checks.length; i++) {
            if (!messages.get(i).isEmpty()) {
                parts.add("Error when using plugin 'consolidate': '" + checks[i] + "' reported "
                        + String.join(", ", messages.get(i)));
            }
        }
        if (!parts.isEmpty()) {
            throw new ExpressionFailure(String.join("; ", parts));
        }
    }

    private static List<Source> sources(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new ExpressionFailure("['" + PyValues.typeName(value) + " cannot be converted to a list']");
        }
        List<Source> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        TreeSet<String> unknown = new TreeSet<>();
        for (Object item : list) {
            Map<Object, Object> dict = UtilsDataFilters.dict(item);
            if (dict == null) {
                throw new ExpressionFailure("['Elements value for option 'data_sources' is of type <class '"
                        + PyValues.typeName(item) + "'> and we were unable to convert to dict']");
            }
            List<String> missing = OPTIONS.stream().filter(o -> dict.get(o) == null).toList();
            if (!missing.isEmpty()) {
                problems.add("missing required arguments: " + String.join(", ", missing) + " found in data_sources");
            }
            dict.keySet().stream().map(ValueText::of).filter(k -> !OPTIONS.contains(k)).forEach(k -> unknown.add("data_sources." + k));
            if (missing.isEmpty()) {
                Object data = LazyData.materialize(dict.get("data"));
                out.add(new Source(data instanceof List<?> l ? l : List.of(), ValueText.of(dict.get("match_key")),
                        ValueText.of(dict.get("name"))));
            }
        }
        if (!unknown.isEmpty()) {
            problems.add(String.join(", ", unknown) + ". Supported parameters include: data, match_key, name.");
        }
        if (!problems.isEmpty()) {
            throw new ExpressionFailure(PyValues.repr(problems));
        }
        return out;
    }

    private static Map<Object, Object> entry(Object item) {
        Map<Object, Object> dict = UtilsDataFilters.dict(item);
        if (dict == null) {
            throw new ExpressionFailure(PyValues.typeName(item) + " indices must be integers or slices, not str");
        }
        return dict;
    }

    private static Object hashable(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new ExpressionFailure("unhashable type: '" + PyValues.typeName(value) + "'");
        }
        return value;
    }

    private static List<Object> distinct(List<Object> values) {
        List<Object> out = new ArrayList<>();
        values.stream().filter(v -> out.stream().noneMatch(x -> PyValues.equal(x, v))).forEach(out::add);
        return out;
    }

    /** A value in the missing-values message: text only, as the collection joins them (others fail). */
    private static String joinable(Object value) {
        if (!(value instanceof CharSequence text)) {
            throw new ExpressionFailure("sequence item 0: expected str instance, " + PyValues.typeName(value) + " found");
        }
        return text.toString();
    }
}
