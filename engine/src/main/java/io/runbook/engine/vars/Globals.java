package io.runbook.engine.vars;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jinja's and Ansible's global functions: {@code range}, {@code dict}, {@code namespace}, {@code lookup},
 * {@code query}/{@code q}, {@code undef}, {@code now}.
 */
final class Globals {
    private static final Set<String> NAMES = new TreeSet<>(List.of("range", "dict", "namespace", "lookup", "query", "q",
            "undef", "now"));
    private static final int MAX_RANGE = 100_000;

    private Globals() {
    }

    static boolean exists(String name) {
        return NAMES.contains(name);
    }

    static Set<String> names() {
        return NAMES;
    }

    /** A global function as a value, called with {@code name(...)}. */
    record Function(String name) implements Evaluator.Callable {
        @Override
        public Object call(List<Object> args, Map<String, Object> kwargs, Frame frame) {
            return switch (name) {
                case "range" -> range(args);
                case "dict" -> frame.made(dict(args, kwargs));
                case "namespace" -> new Namespace(dict(args, kwargs));
                case "lookup" -> Lookups.lookup(args, kwargs, frame, false);
                case "undef" -> undef(args, kwargs);
                case "now" -> now(args, kwargs);
                default -> Lookups.lookup(args, kwargs, frame, true);
            };
        }
    }

    /**
     * ansible-core 2.14's {@code undef(hint=None)}: an undefined value (for role defaults that must be overridden) that
     * fails with the hint, or "Mandatory variable has not been overridden", only when used.
     */
    private static Undefined undef(List<Object> args, Map<String, Object> kwargs) {
        Arguments a = new Arguments(args, kwargs);
        Object hint = a.get(0, "hint", null);
        return Undefined.explained("undef()", hint == null ? "Mandatory variable has not been overridden" : PyValues.str(hint));
    }

    /** Ansible's {@code now(utc=False, fmt=None)}: the controller's time as a datetime, or as text through strftime. */
    private static Object now(List<Object> args, Map<String, Object> kwargs) {
        Arguments a = new Arguments(args, kwargs);
        boolean utc = PyValues.truthy(a.get(0, "utc", false));
        Object fmt = a.get(1, "fmt", null);
        java.time.LocalDateTime time = utc ? java.time.LocalDateTime.now(java.time.ZoneOffset.UTC) : java.time.LocalDateTime.now();
        if (fmt != null && PyValues.truthy(fmt)) {
            return DateFilters.format(Secrets.plain(fmt), time.atZone(java.time.ZoneId.systemDefault()));
        }
        return new DateFilters.DateTime(time);
    }

    private static List<Object> range(List<Object> args) {
        if (args.isEmpty() || args.size() > 3) {
            throw new ExpressionFailure("range expected 1 to 3 arguments, got " + args.size());
        }
        for (Object a : args) {
            if (!PyNumbers.isInt(a)) {
                throw new ExpressionFailure("'" + PyValues.typeName(a) + "' object cannot be interpreted as an integer");
            }
        }
        long start = args.size() == 1 ? 0 : PyNumbers.big(args.get(0)).longValue();
        long stop = PyNumbers.big(args.get(args.size() == 1 ? 0 : 1)).longValue();
        long step = args.size() == 3 ? PyNumbers.big(args.get(2)).longValue() : 1;
        if (step == 0) {
            throw new ExpressionFailure("range() arg 3 must not be zero");
        }
        long count = step > 0 ? Math.max(0, (stop - start + step - 1) / step) : Math.max(0, (start - stop - step - 1) / -step);
        if (count > MAX_RANGE) {
            throw new ExpressionFailure("range too big (" + count + " items, at most " + MAX_RANGE + ")");
        }
        List<Object> out = new ArrayList<>((int) count);
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            out.add(PyNumbers.integer(BigInteger.valueOf(i)));
        }
        return out;
    }

    private static Map<Object, Object> dict(List<Object> args, Map<String, Object> kwargs) {
        Map<Object, Object> out = new LinkedHashMap<>();
        if (!args.isEmpty()) {
            Object source = args.get(0);
            if (source instanceof Map<?, ?> m) {
                out.putAll(m);
            } else if (source instanceof Iterable<?> pairs) {
                for (Object pair : pairs) {
                    if (!(pair instanceof List<?> kv) || kv.size() != 2) {
                        throw new ExpressionFailure("dict() needs pairs of (key, value)");
                    }
                    out.put(kv.get(0), kv.get(1));
                }
            } else {
                throw new ExpressionFailure("'" + PyValues.typeName(source) + "' object is not iterable");
            }
        }
        out.putAll(kwargs);
        return out;
    }

    /** Jinja's namespace(): an object whose attributes {@code {% set ns.x = … %}} may change, also inside loops. */
    static final class Namespace extends LinkedHashMap<Object, Object> implements Access.Attributes {
        Namespace(Map<Object, Object> initial) {
            super(initial);
        }

        @Override
        public Object attribute(String name) {
            return containsKey(name) ? get(name) : PyValues.MISSING;
        }
    }
}
