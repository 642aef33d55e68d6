package io.runbook.engine.vars;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The tests of {@code value is [not] name(args)}: Jinja's common ones and Ansible's result tests. */
final class IsTests {
    private static final Map<String, BiPredicate<Object, List<Object>>> TESTS = new TreeMap<>();

    static {
        TESTS.put("defined", (v, a) -> !(v instanceof Undefined));
        TESTS.put("undefined", (v, a) -> v instanceof Undefined);
        TESTS.put("none", (v, a) -> v == null);
        TESTS.put("changed", (v, a) -> flag(v, "changed"));
        TESTS.put("failed", (v, a) -> flag(v, "failed"));
        TESTS.put("succeeded", (v, a) -> !flag(v, "succeeded"));
        TESTS.put("success", (v, a) -> !flag(v, "success"));
        TESTS.put("successful", (v, a) -> !flag(v, "successful"));
        TESTS.put("skipped", (v, a) -> flag(v, "skipped"));
        TESTS.put("string", (v, a) -> v instanceof CharSequence);
        TESTS.put("number", (v, a) -> v instanceof Number);
        TESTS.put("integer", (v, a) -> v instanceof Integer || v instanceof Long || v instanceof BigInteger);
        TESTS.put("float", (v, a) -> v instanceof Double || v instanceof Float || v instanceof BigDecimal);
        TESTS.put("boolean", (v, a) -> v instanceof Boolean);
        TESTS.put("mapping", (v, a) -> v instanceof Map<?, ?>);
        TESTS.put("sequence", (v, a) -> v instanceof Collection<?> || v instanceof CharSequence);
        TESTS.put("iterable", (v, a) -> v instanceof Collection<?> || v instanceof Map<?, ?> || v instanceof CharSequence);
        TESTS.put("true", (v, a) -> Boolean.TRUE.equals(v));
        TESTS.put("false", (v, a) -> Boolean.FALSE.equals(v));
        TESTS.put("even", (v, a) -> whole(v, "even") % 2 == 0);
        TESTS.put("odd", (v, a) -> whole(v, "odd") % 2 != 0);
        TESTS.put("divisibleby", (v, a) -> whole(v, "divisibleby") % whole(argument(a, "divisibleby"), "divisibleby") == 0);
        TESTS.put("in", (v, a) -> Membership.contains(argument(a, "in"), v));
        TESTS.put("contains", (v, a) -> Membership.contains(v, argument(a, "contains")));
        TESTS.put("eq", (v, a) -> Membership.same(v, argument(a, "eq")));
        TESTS.put("equalto", (v, a) -> Membership.same(v, argument(a, "equalto")));
        TESTS.put("==", (v, a) -> Membership.same(v, argument(a, "==")));
        TESTS.put("ne", (v, a) -> !Membership.same(v, argument(a, "ne")));
        TESTS.put("!=", (v, a) -> !Membership.same(v, argument(a, "!=")));
        TESTS.put("match", (v, a) -> pattern(a, "match").matcher(ValueText.of(v)).lookingAt());
        TESTS.put("version", (v, a) -> Versions.test(v, a));
        TESTS.put("version_compare", (v, a) -> Versions.test(v, a));
        TESTS.put("search", (v, a) -> pattern(a, "search").matcher(ValueText.of(v)).find());
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
        try {
            return TESTS.get(name).test(value, args);
        } catch (ExpressionFailure failure) {
            throw failure;
        } catch (RuntimeException unexpected) {
            throw new ExpressionFailure("test 'is " + name + "' cannot take " + Describe.kind(value)
                    + " with these arguments" + Describe.reason(unexpected));
        }
    }

    /** changed/failed/skipped read the registered result of a task: a map with those keys. */
    private static boolean flag(Object result, String test) {
        if (!(result instanceof Map<?, ?> map)) {
            throw new ExpressionFailure("'is " + test + "' expects a registered task result (a map with 'changed' and"
                    + " 'failed'), got " + Describe.kind(result));
        }
        String key = test.startsWith("succe") ? "failed" : test;
        return Truthiness.of(map.get(key));
    }

    private static long whole(Object value, String test) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new ExpressionFailure("'is " + test + "' expects a number, got " + Describe.kind(value));
    }

    private static Object argument(List<Object> args, String test) {
        if (args.size() != 1) {
            throw new ExpressionFailure("'is " + test + "' needs one argument, e.g. 'x is " + test + "(y)'");
        }
        return args.get(0);
    }

    private static Pattern pattern(List<Object> args, String test) {
        String regex = ValueText.of(argument(args, test));
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ExpressionFailure("'is " + test + "': invalid regular expression '" + regex + "': "
                    + e.getDescription());
        }
    }
}
