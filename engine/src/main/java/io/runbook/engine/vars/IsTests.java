package io.runbook.engine.vars;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The tests of {@code value is [not] name(args)}: Jinja's builtin tests and ansible-core 2.14's (results, regular
 * expressions, versions, sets, truthiness, files, URIs), each as Jinja and Ansible define it.
 */
final class IsTests {
    /** One test: the value and its arguments (positional and keyword). */
    @FunctionalInterface
    interface Test {
        boolean apply(Object value, Arguments args);
    }

    private static final Map<String, Test> TESTS = new TreeMap<>();

    static {
        jinja();
        ansible();
        MoreTests.register(TESTS::put);
        IpTests.register(TESTS::put);
    }

    private static void jinja() {
        TESTS.put("defined", (v, a) -> !(v instanceof Undefined));
        TESTS.put("undefined", (v, a) -> v instanceof Undefined);
        TESTS.put("none", (v, a) -> v == null);
        TESTS.put("string", (v, a) -> v instanceof CharSequence);
        TESTS.put("number", (v, a) -> PyNumbers.isNumber(v));
        TESTS.put("integer", (v, a) -> PyNumbers.isInt(v) && !(v instanceof Boolean));
        TESTS.put("float", (v, a) -> v instanceof Double || v instanceof Float || v instanceof BigDecimal);
        TESTS.put("boolean", (v, a) -> v instanceof Boolean);
        TESTS.put("mapping", (v, a) -> v instanceof Map<?, ?>);
        TESTS.put("sequence", (v, a) -> v instanceof Collection<?> || v instanceof CharSequence || v instanceof Map<?, ?>);
        TESTS.put("iterable", (v, a) -> v instanceof Collection<?> || v instanceof Map<?, ?> || v instanceof CharSequence);
        TESTS.put("callable", (v, a) -> v instanceof Evaluator.Callable);
        TESTS.put("true", (v, a) -> Boolean.TRUE.equals(v));
        TESTS.put("false", (v, a) -> Boolean.FALSE.equals(v));
        TESTS.put("even", (v, a) -> whole(v, "even") % 2 == 0);
        TESTS.put("odd", (v, a) -> whole(v, "odd") % 2 != 0);
        TESTS.put("divisibleby", (v, a) -> whole(v, "divisibleby") % whole(one(a, "divisibleby"), "divisibleby") == 0);
        TESTS.put("lower", (v, a) -> ValueText.of(v).equals(ValueText.of(v).toLowerCase(java.util.Locale.ROOT)));
        TESTS.put("upper", (v, a) -> ValueText.of(v).equals(ValueText.of(v).toUpperCase(java.util.Locale.ROOT)));
        TESTS.put("sameas", (v, a) -> same(v, one(a, "sameas")));
        TESTS.put("escaped", (v, a) -> false);
        TESTS.put("filter", (v, a) -> v instanceof CharSequence s && Filters.exists(s.toString()));
        TESTS.put("test", (v, a) -> v instanceof CharSequence s && exists(s.toString()));
        TESTS.put("in", (v, a) -> PyOps.contains(one(a, "in"), v));
        comparisons();
    }

    private static void comparisons() {
        for (String name : List.of("eq", "equalto", "==")) {
            TESTS.put(name, (v, a) -> PyValues.equal(v, one(a, name)));
        }
        for (String name : List.of("ne", "!=")) {
            TESTS.put(name, (v, a) -> !PyValues.equal(v, one(a, name)));
        }
        for (String name : List.of("lt", "lessthan", "<")) {
            TESTS.put(name, (v, a) -> PyValues.compare(v, one(a, name), "<") < 0);
        }
        for (String name : List.of("le", "<=")) {
            TESTS.put(name, (v, a) -> PyValues.compare(v, one(a, name), "<=") <= 0);
        }
        for (String name : List.of("gt", "greaterthan", ">")) {
            TESTS.put(name, (v, a) -> PyValues.compare(v, one(a, name), ">") > 0);
        }
        for (String name : List.of("ge", ">=")) {
            TESTS.put(name, (v, a) -> PyValues.compare(v, one(a, name), ">=") >= 0);
        }
    }

    private static void ansible() {
        TESTS.put("failed", (v, a) -> flag(v, "failed", "failed"));
        TESTS.put("failure", (v, a) -> flag(v, "failure", "failed"));
        TESTS.put("succeeded", (v, a) -> !flag(v, "succeeded", "failed"));
        TESTS.put("success", (v, a) -> !flag(v, "success", "failed"));
        TESTS.put("successful", (v, a) -> !flag(v, "successful", "failed"));
        TESTS.put("changed", (v, a) -> changed(v, "changed"));
        TESTS.put("change", (v, a) -> changed(v, "change"));
        TESTS.put("skipped", (v, a) -> flag(v, "skipped", "skipped"));
        TESTS.put("skip", (v, a) -> flag(v, "skip", "skipped"));
        TESTS.put("unreachable", (v, a) -> flag(v, "unreachable", "unreachable"));
        TESTS.put("reachable", (v, a) -> !flag(v, "reachable", "unreachable"));
        TESTS.put("finished", (v, a) -> asyncFlag(v, "finished", 1));
        TESTS.put("started", (v, a) -> asyncFlag(v, "started", 1));
        TESTS.put("contains", (v, a) -> PyOps.contains(v, one(a, "contains")));
        TESTS.put("version", Versions::test);
        TESTS.put("version_compare", Versions::test);
        TESTS.put("any", (v, a) -> Renderer.iterate(v).stream().anyMatch(PyValues::truthy));
        TESTS.put("all", (v, a) -> Renderer.iterate(v).stream().allMatch(PyValues::truthy));
        TESTS.put("truthy", (v, a) -> truthy(v, a));
        TESTS.put("falsy", (v, a) -> !truthy(v, a));
    }

    private IsTests() {
    }

    static boolean exists(String name) {
        return TESTS.containsKey(name) && Character.isLetter(name.charAt(0));
    }

    static Set<String> names() {
        return TESTS.keySet();
    }

    /** Tests by name as select/selectattr pass them, symbols included ({@code selectattr('n', '==', 1)}). */
    static boolean known(String name) {
        return TESTS.containsKey(name);
    }

    static boolean acceptsUndefined(String name) {
        return name.equals("defined") || name.equals("undefined");
    }

    static boolean apply(String name, Object value, List<Object> args) {
        return apply(name, value, new Arguments(args, Map.of()));
    }

    static boolean apply(String name, Object value, Arguments args) {
        for (Object a : args.positional()) {
            if (a instanceof Undefined u) {
                throw u.failure();
            }
        }
        try {
            return TESTS.get(name).apply(value, args);
        } catch (ExpressionFailure | io.runbook.engine.error.UserError failure) {
            throw failure;  // a failure with its own place, such as a !vault value no secret opens
        } catch (RuntimeException unexpected) {
            throw new ExpressionFailure("test 'is " + name + "' cannot take " + Describe.kind(value)
                    + " with these arguments" + Describe.reason(unexpected));
        }
    }

    /** The registered result's key (failed, changed, skipped, unreachable), as Ansible's result tests read it. */
    private static boolean flag(Object result, String test, String key) {
        if (!(result instanceof Map<?, ?> map)) {
            throw new ExpressionFailure("The '" + test + "' test expects a dictionary (a registered task result), got "
                    + Describe.kind(result));
        }
        return PyValues.truthy(map.get(key));
    }

    /** Ansible's changed test: a loop's result (a list of results) is changed when any of its results is. */
    private static boolean changed(Object result, String test) {
        if (result instanceof Map<?, ?> map && map.get("results") instanceof List<?> results && !results.isEmpty()
                && results.get(0) instanceof Map) {
            return results.stream().anyMatch(r -> r instanceof Map<?, ?> m && PyValues.truthy(m.get("changed")));
        }
        return flag(result, test, "changed");
    }

    private static boolean asyncFlag(Object result, String test, int whenMissing) {
        if (!(result instanceof Map<?, ?> map)) {
            throw new ExpressionFailure("The '" + test + "' test expects a dictionary, got " + Describe.kind(result));
        }
        Object value = map.containsKey(test) ? map.get(test) : whenMissing;
        return PyValues.equal(value, 1) || Boolean.TRUE.equals(value);
    }

    /**
     * Ansible's truthy(convert_bool=False): Python truthiness, with convert_bool of Ansible's {@code boolean()} first
     * when it knows the value as a boolean (a value it refuses, such as {@code "fred"}, keeps its own truthiness).
     */
    private static boolean truthy(Object value, Arguments args) {
        if (PyValues.truthy(args.get(0, "convert_bool", false))) {
            return PyValues.truthy(strictBoolean(value));
        }
        return PyValues.truthy(value);
    }

    /** Ansible's {@code boolean(value, strict=True)}: true or false for its BOOLEANS_TRUE/FALSE, else the value itself. */
    private static Object strictBoolean(Object value) {
        if (value instanceof CharSequence s) {
            String text = s.toString().strip().toLowerCase(java.util.Locale.ROOT);
            return BOOLEANS_TRUE.contains(text) ? Boolean.TRUE : BOOLEANS_FALSE.contains(text) ? Boolean.FALSE : value;
        }
        if (value instanceof Number && !(value instanceof Boolean)) {
            return PyValues.equal(value, 1) ? Boolean.TRUE : PyValues.equal(value, 0) ? Boolean.FALSE : value;
        }
        return value;
    }

    private static final java.util.Set<String> BOOLEANS_TRUE = java.util.Set.of("y", "yes", "on", "1", "true", "t");
    private static final java.util.Set<String> BOOLEANS_FALSE = java.util.Set.of("n", "no", "off", "0", "false", "f");

    private static boolean same(Object a, Object b) {
        if (a == null || b == null || a instanceof Boolean || b instanceof Boolean) {
            return a == b || (a != null && a.equals(b));
        }
        return a == b;
    }

    private static long whole(Object value, String test) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new ExpressionFailure("'is " + test + "' expects a number, got " + Describe.kind(value));
    }

    static Object one(Arguments args, String test) {
        if (args.positional().isEmpty() && args.named().size() == 1) {
            return args.named().values().iterator().next();
        }
        if (args.positional().size() != 1) {
            throw new ExpressionFailure("'is " + test + "' needs one argument, e.g. 'x is " + test + "(y)'");
        }
        return args.positional().get(0);
    }
}
