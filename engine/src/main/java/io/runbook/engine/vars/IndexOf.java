package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ansible.utils' {@code index_of(test, value, key, fail_on_missing, wantlist)}: the indices of the list's items (or of
 * their {@code key}) that pass a Jinja test, the one index alone unless wantlist. A test written {@code !name},
 * {@code !=} or {@code not name} is inverted; as the collection, {@code not } is stripped as characters (Python's
 * lstrip), so {@code not test} looks for a test named {@code est}.
 */
final class IndexOf {
    private IndexOf() {
    }

    static Object indexOf(Object value, Arguments args) {
        Object data = LazyData.materialize(value);
        if (!(data instanceof List<?> list)) {
            throw new ExpressionFailure("['" + PyValues.typeName(data) + " cannot be converted to a list']");
        }
        String test = UtilsDataFilters.text(args.get(0, "test", null));
        if (test == null) {
            throw new ExpressionFailure("['missing required arguments: test']");
        }
        Object right = args.get(1, "value", null);
        String key = UtilsDataFilters.text(args.get(2, "key", null));
        boolean failOnMissing = UtilsDataFilters.flag(args.get(3, "fail_on_missing", false));
        List<Object> found = new ArrayList<>();
        if (key == null) {
            for (int i = 0; i < list.size(); i++) {
                if (passes(list.get(i), test, right)) {
                    found.add(i);
                }
            }
        } else {
            withKey(list, key, test, right, failOnMissing, found);
        }
        return found.size() == 1 && !UtilsDataFilters.flag(args.get(4, "wantlist", false)) ? found.get(0) : found;
    }

    private static void withKey(List<?> list, String key, String test, Object right, boolean failOnMissing,
                                List<Object> found) {
        List<String> types = new ArrayList<>();
        list.forEach(entry -> types.add(PyValues.typeName(entry)));
        if (!list.stream().allMatch(entry -> entry instanceof Map<?, ?>)) {
            fail("When a key name is provided, all list entries are required to be dictionaries, got " + andList(types));
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Map<?, ?> dict = (Map<?, ?>) list.get(i);
            if (dict.containsKey(key)) {
                if (passes(dict.get(key), test, right)) {
                    found.add(i);
                }
            } else if (failOnMissing) {
                missing.add("'" + key + "' was not found in '" + PyValues.str(dict) + "' at [" + i + "]");
            }
        }
        if (!missing.isEmpty()) {
            fail(andList(missing) + ". fail_on_missing=True");
        }
    }

    /** The collection's "a, b and c" (of one item: " and a"). */
    private static String andList(List<String> items) {
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static void fail(String message) {
        throw new ExpressionFailure("Error when using plugin 'index_of': " + message);
    }

    private static boolean passes(Object entry, String written, Object right) {
        String problem = "Error encountered when testing value '" + PyValues.str(entry) + "' (type="
                + PyValues.typeName(entry) + ") against '" + PyValues.str(right) + "' (type=" + PyValues.typeName(entry)
                + ") with '" + written + "'. ";
        String test = written;
        boolean invert = false;
        if (test.startsWith("!")) {
            invert = true;
            test = test.replaceFirst("^!+", "");
            test = test.equals("=") ? "==" : test;
        } else if (test.startsWith("not ")) {
            invert = true;
            test = test.replaceFirst("^[not ]+", "");
        }
        Object against = test.equals("in") && !(right instanceof List<?>) ? new ArrayList<>(java.util.Collections.singletonList(right)) : right;
        if (!IsTests.known(test)) {
            fail(problem + " Error was: the test '" + test + "' was not found.");
        }
        boolean result;
        try {
            result = IsTests.apply(test, entry, against == null ? List.of() : List.of(against));
        } catch (ExpressionFailure e) {
            throw new ExpressionFailure("Error when using plugin 'index_of': " + problem + " Error was: " + e.getMessage());
        }
        return invert != result;
    }
}
