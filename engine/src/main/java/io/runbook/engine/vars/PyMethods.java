package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Python methods templates may call on strings, lists and dicts: an allow-list, which is also the sandbox
 * (nothing else of a Java object is reachable). Methods that would change a value in place are not offered.
 */
final class PyMethods {
    private static final Set<String> STR = Set.of("upper", "lower", "strip", "lstrip", "rstrip", "split", "rsplit",
            "splitlines", "startswith", "endswith", "replace", "find", "rfind", "index", "rindex", "count", "join",
            "format", "capitalize", "title", "isdigit", "isalpha", "isalnum", "isspace", "islower", "isupper",
            "isnumeric", "isdecimal", "isidentifier", "istitle", "zfill", "center", "ljust", "rjust", "partition",
            "rpartition", "casefold", "swapcase", "expandtabs", "removeprefix", "removesuffix");
    private static final Set<String> LIST = Set.of("index", "count", "copy");
    private static final Set<String> DICT = Set.of("keys", "values", "items", "get", "copy");

    private PyMethods() {
    }

    /** A method not yet called, such as {@code s.upper}. */
    record Bound(Object self, String name) implements Evaluator.Callable {
        @Override
        public Object call(List<Object> args, Map<String, Object> kwargs, Frame frame) {
            return PyMethods.call(self, name, args, kwargs);
        }

        @Override
        public String toString() {
            return "<built-in method " + name + " of " + PyValues.typeName(self) + " object>";
        }
    }

    static boolean isMethod(Object self, String name) {
        if (name.equals("__len__")) {
            return self instanceof CharSequence || self instanceof Map<?, ?> || self instanceof List<?>;
        }
        if (PyNumbers.isInt(self) && !(self instanceof Boolean)) {
            return name.equals("bit_length");
        }
        if (PyNumbers.isFloat(self)) {
            return name.equals("is_integer");
        }
        if (self instanceof CharSequence) {
            return STR.contains(name);
        }
        if (self instanceof Map<?, ?>) {
            return DICT.contains(name);
        }
        if (self instanceof List<?>) {
            return LIST.contains(name);
        }
        return false;
    }

    /**
     * The method's result. Text a string method makes from a secret is secret; a dict's or list's method returns its
     * own keys and values, each as secret as it was (the keys of a map holding a secret are no secret: made secret,
     * such words as {@code changed} would be masked in every later line, the recap too).
     */
    static Object call(Object self, String name, List<Object> args, Map<String, Object> kwargs) {
        if (!isMethod(self, name)) {
            throw new ExpressionFailure("'" + PyValues.typeName(self) + "' object has no attribute '" + name + "'");
        }
        for (Object a : args) {
            if (a instanceof Undefined u) {
                throw u.failure();
            }
        }
        if (name.equals("__len__")) {
            return self instanceof CharSequence s ? s.toString().codePointCount(0, s.length())
                    : self instanceof Map<?, ?> m ? m.size() : ((List<?>) self).size();
        }
        if (PyNumbers.isNumber(self)) {
            return name.equals("bit_length") ? (Object) PyNumbers.big(self).abs().bitLength()
                    : PyNumbers.real(self) == Math.rint(PyNumbers.real(self)) && Double.isFinite(PyNumbers.real(self));
        }
        if (self instanceof CharSequence s) {
            if (name.equals("format")) {
                return Secrets.taint(StrFormat.format(s.toString(), args, kwargs), self, args, kwargs);
            }
            Object result = StrMethods.call(s.toString(), name, new Arguments(args, kwargs));
            // a str method of an AnsibleUnicode makes a plain str, even when nothing changed
            return Secrets.taint(result == self ? io.runbook.engine.yaml.YamlText.plain(result) : result, self, args);
        }
        if (self instanceof Map<?, ?> m) {
            return dict(m, name, args);
        }
        List<?> l = (List<?>) self;
        return switch (name) {
            case "index" -> {
                for (int i = 0; i < l.size(); i++) {
                    if (PyValues.equal(l.get(i), arg(args, 0, name))) {
                        yield i;
                    }
                }
                throw new ExpressionFailure(PyValues.repr(arg(args, 0, name)) + " is not in list");
            }
            case "count" -> (int) l.stream().filter(i -> PyValues.equal(i, arg(args, 0, name))).count();
            default -> new ArrayList<>(l);
        };
    }

    private static Object dict(Map<?, ?> m, String name, List<Object> args) {
        return switch (name) {
            case "keys" -> new ArrayList<>(m.keySet());
            case "values" -> new ArrayList<>(m.values());
            case "items" -> {
                List<Object> out = new ArrayList<>();
                m.forEach((k, v) -> out.add(new PyTuple(java.util.Arrays.asList(k, v))));
                yield out;
            }
            case "get" -> {
                Object key = PyValues.findKey(m, arg(args, 0, name));
                yield key == PyValues.MISSING ? (args.size() > 1 ? args.get(1) : null) : m.get(key);
            }
            default -> new java.util.LinkedHashMap<>(m);
        };
    }

    static Object arg(List<Object> args, int i, String method) {
        if (i >= args.size()) {
            throw new ExpressionFailure(method + "() takes at least " + (i + 1) + " argument" + (i == 0 ? "" : "s"));
        }
        return args.get(i);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
