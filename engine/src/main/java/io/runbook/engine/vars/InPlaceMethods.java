package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's methods that change a list or dict in place ({@code append}, {@code extend}, {@code insert},
 * {@code pop}, {@code remove}, {@code reverse}, {@code sort}, {@code clear}, {@code update}, {@code setdefault}),
 * as Jinja templates use them: {@code {% set names = [] %}{% for c in clusters %}{{ names.append(c.name) }}...}.
 * Only lists and dicts the template itself made may change; the run's variables are shared by every host.
 */
final class InPlaceMethods {
    private static final java.util.Set<String> LIST = java.util.Set.of("append", "extend", "insert", "pop",
            "remove", "reverse", "sort", "clear");
    private static final java.util.Set<String> DICT = java.util.Set.of("update", "pop", "setdefault", "clear",
            "popitem");

    private InPlaceMethods() {
    }

    static boolean isMethod(Object self, String name) {
        return self instanceof Map<?, ?> ? DICT.contains(name) : self instanceof List<?> && !(self instanceof PyTuple)
                && LIST.contains(name);
    }

    @SuppressWarnings("unchecked")
    static Object call(Object self, String name, List<Object> args, Frame frame) {
        if (!frame.madeHere(self)) {
            throw new ExpressionFailure("'" + name + "' would change a " + PyValues.typeName(self) + " of the run's"
                    + " variables, which every host shares: make a copy first ({% set mine = value | list %},"
                    + " or value | combine({...}) for a dict)");
        }
        for (Object a : args) {
            if (a instanceof Undefined u) {
                throw u.failure();
            }
        }
        if (self instanceof Map<?, ?> m) {
            return dict((Map<Object, Object>) m, name, args);
        }
        return list((List<Object>) self, name, args);
    }

    private static Object list(List<Object> l, String name, List<Object> args) {
        switch (name) {
            case "append" -> l.add(PyMethods.arg(args, 0, name));
            case "extend" -> l.addAll(Renderer.iterate(PyMethods.arg(args, 0, name)));
            case "insert" -> l.add(position(args, l.size(), true), PyMethods.arg(args, 1, name));
            case "pop" -> {
                if (l.isEmpty()) {
                    throw new ExpressionFailure("pop from empty list");
                }
                return l.remove(args.isEmpty() ? l.size() - 1 : position(args, l.size(), false));
            }
            case "remove" -> {
                Object wanted = PyMethods.arg(args, 0, name);
                for (int i = 0; i < l.size(); i++) {
                    if (PyValues.equal(l.get(i), wanted)) {
                        l.remove(i);
                        return null;
                    }
                }
                throw new ExpressionFailure("list.remove(x): x not in list");
            }
            case "reverse" -> java.util.Collections.reverse(l);
            case "sort" -> l.sort((a, b) -> PyValues.compare(a, b, "<"));
            default -> l.clear();
        }
        PyOps.checkSize(l.size());
        return null;
    }

    private static int position(List<Object> args, int size, boolean insert) {
        Object index = PyMethods.arg(args, 0, insert ? "insert" : "pop");
        if (!PyNumbers.isInt(index)) {
            throw new ExpressionFailure("'" + PyValues.typeName(index) + "' object cannot be interpreted as an integer");
        }
        long i = PyNumbers.big(index).longValue();
        long at = i < 0 ? size + i : i;
        if (insert) {
            return (int) Math.max(0, Math.min(size, at));
        }
        if (at < 0 || at >= size) {
            throw new ExpressionFailure("pop index out of range");
        }
        return (int) at;
    }

    private static Object dict(Map<Object, Object> m, String name, List<Object> args) {
        switch (name) {
            case "update" -> {
                if (!args.isEmpty() && !(args.get(0) instanceof Map<?, ?>)) {
                    throw new ExpressionFailure("dict.update() needs a dict");
                }
                if (!args.isEmpty()) {
                    ((Map<?, ?>) args.get(0)).forEach(m::put);
                }
                return null;
            }
            case "pop" -> {
                Object key = PyValues.findKey(m, PyMethods.arg(args, 0, name));
                if (key == PyValues.MISSING) {
                    if (args.size() > 1) {
                        return args.get(1);
                    }
                    throw new ExpressionFailure("KeyError: " + PyValues.repr(args.get(0)));
                }
                return m.remove(key);
            }
            case "setdefault" -> {
                Object key = PyValues.findKey(m, PyMethods.arg(args, 0, name));
                if (key != PyValues.MISSING) {
                    return m.get(key);
                }
                Object value = args.size() > 1 ? args.get(1) : null;
                m.put(args.get(0), value);
                return value;
            }
            case "popitem" -> {
                if (m.isEmpty()) {
                    throw new ExpressionFailure("popitem(): dictionary is empty");
                }
                Object last = new ArrayList<>(m.keySet()).get(m.size() - 1);
                return new PyTuple(java.util.Arrays.asList(last, m.remove(last)));
            }
            default -> {
                m.clear();
                return null;
            }
        }
    }
}
