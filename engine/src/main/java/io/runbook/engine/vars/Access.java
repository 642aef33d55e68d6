package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@code x.name}, {@code x[key]} and {@code x[a:b:c]} as Jinja does them on Python values, reading only maps,
 * lists, strings and the template's own objects. A missing key or index gives an {@link Undefined} that names
 * the path as written ({@code clusters[2].name}) and what exists there. A value read from the run's variables
 * that is itself a template is rendered, unless it lies inside unsafe data: then it is read as {@link UnsafeText}.
 */
final class Access {
    private Access() {
    }

    static Object attribute(Object target, String name, Ast.Attr node, Frame frame) {
        if (name.equals("__class__") && !(target instanceof Attributes)) {
            return PyType.of(target);  // Python's own attribute, before any key of that name (an undefined's too)
        }
        if (target instanceof Undefined u) {
            return u.attribute("." + name);
        }
        if (target instanceof Attributes a) {
            Object found = a.attribute(name);
            return found != PyValues.MISSING ? found : missing(node, "'" + PyValues.typeName(target) + "' has no attribute '" + name + "'").of(target, name);
        }
        if (target instanceof Map<?, ?> map) {
            Object key = PyValues.findKey(map, name);
            if (key != PyValues.MISSING) {
                return rendered(map, map.get(key), node, frame);
            }
        }
        if (PyMethods.isMethod(target, name)) {
            return new PyMethods.Bound(target, name);
        }
        if (target instanceof Map<?, ?> map) {
            return missing(node, Spelling.didYouMean(name, keys(map))).of(target, name);
        }
        return missing(node, "'" + Paths.of(node.target()) + "' is " + describe(target) + " with no attribute '" + name + "'").of(target, name);
    }

    static Object item(Object target, Object key, Ast node, Frame frame) {
        if (target instanceof Undefined u) {
            return u.attribute("[" + PyValues.repr(key) + "]");
        }
        if (key instanceof Undefined u) {
            throw u.failure();
        }
        if (target instanceof Map<?, ?> map) {
            Object found = PyValues.findKey(map, key);
            if (found != PyValues.MISSING) {
                return rendered(map, map.get(found), node, frame);
            }
            return missing(node, key instanceof CharSequence k ? Spelling.didYouMean(k.toString(), keys(map)) : null).of(target, key);
        }
        if (target instanceof List<?> || target instanceof CharSequence) {
            if (!PyNumbers.isInt(key) || key instanceof Boolean) {
                if (key instanceof CharSequence k && target instanceof List<?>) {
                    return missing(node, "'" + Paths.of(targetOf(node)) + "' is a list: use a number index");
                }
                if (key instanceof CharSequence k && PyMethods.isMethod(target, k.toString())) {
                    return new PyMethods.Bound(target, k.toString());
                }
                throw new ExpressionFailure(PyValues.typeName(target) + " indices must be integers or slices, not "
                        + PyValues.typeName(key));
            }
            int size = target instanceof List<?> l ? l.size() : ((CharSequence) target).length();
            long index = PyNumbers.big(key).longValue();
            long at = index < 0 ? size + index : index;
            if (at < 0 || at >= size) {
                // with Jinja's words too, which a playbook may test for ("list object has no element 0")
                return missing(node, "'" + Paths.of(targetOf(node)) + "' has " + size + (target instanceof List<?>
                        ? " item" : " character") + (size == 1 ? "" : "s") + "; " + PyValues.typeName(target)
                        + " object has no element " + index);
            }
            if (target instanceof List<?> l) {
                return rendered(l, l.get((int) at), node, frame);
            }
            return Secrets.derive(String.valueOf(((CharSequence) target).charAt((int) at)), target);
        }
        if (target instanceof Attributes a && key instanceof CharSequence k) {
            Object found = a.attribute(k.toString());
            if (found != PyValues.MISSING) {
                return found;
            }
        }
        return missing(node, "'" + Paths.of(targetOf(node)) + "' is " + describe(target));
    }

    static Object slice(Object target, Object start, Object stop, Object step) {
        if (target instanceof Undefined u) {
            throw u.failure();
        }
        int size;
        if (target instanceof List<?> l) {
            size = l.size();
        } else if (target instanceof CharSequence s) {
            size = s.length();
        } else {
            throw new ExpressionFailure("'" + PyValues.typeName(target) + "' object is not subscriptable");
        }
        long by = step == null ? 1 : index(step);
        if (by == 0) {
            throw new ExpressionFailure("slice step cannot be zero");
        }
        long from = bound(start, size, by, true);
        long to = bound(stop, size, by, false);
        List<Integer> picked = new ArrayList<>();
        for (long i = from; by > 0 ? i < to : i > to; i += by) {
            picked.add((int) i);
        }
        if (target instanceof CharSequence s) {
            StringBuilder out = new StringBuilder();
            picked.forEach(i -> out.append(s.charAt(i)));
            return Secrets.derive(out.toString(), target);
        }
        List<?> l = (List<?>) target;
        List<Object> out = new ArrayList<>();
        picked.forEach(i -> out.add(l.get(i)));
        return target instanceof PyTuple ? new PyTuple(out) : out;
    }

    private static long index(Object v) {
        if (v instanceof Undefined u) {
            throw u.failure();
        }
        if (!PyNumbers.isInt(v)) {
            throw new ExpressionFailure("slice indices must be integers or None, not " + PyValues.typeName(v));
        }
        return PyNumbers.big(v).longValue();
    }

    /** Python's slice bounds: negative counts from the end, clamped into range. */
    private static long bound(Object v, int size, long step, boolean isStart) {
        if (v == null) {
            return step > 0 ? (isStart ? 0 : size) : (isStart ? size - 1 : -1);
        }
        long i = index(v);
        if (i < 0) {
            i += size;
            if (i < 0) {
                i = step > 0 ? 0 : -1;
            }
        } else if (i >= size) {
            i = step > 0 ? size : size - 1;
        }
        return i;
    }

    /**
     * A value read from the run's data: rendered when it is a template, unless the data is unsafe. A list, tuple or
     * dict written in the expression is no data: its strings are not templated again, as in Ansible.
     */
    private static Object rendered(Object container, Object value, Ast node, Frame frame) {
        if (container instanceof UnsafeMap || container instanceof UnsafeList) {
            // text that leaves unsafe data stays unsafe (a lookup's terms, a loop's items never render it)
            return Templar.unsafeRead(value);
        }
        if (container instanceof LazyVariables || !Templar.isTemplate(value) || isWritten(targetOf(node))) {
            return value;
        }
        return LazyData.wrap(value, Paths.of(node), frame.jinja, frame.vars());
    }

    private static Undefined missing(Ast node, String hint) {
        return new Undefined(Paths.of(node), hint);
    }

    private static boolean isWritten(Ast node) {
        return node instanceof Ast.ListLit || node instanceof Ast.TupleLit || node instanceof Ast.DictLit;
    }

    private static Ast targetOf(Ast node) {
        return node instanceof Ast.Item i ? i.target() : node instanceof Ast.Attr a ? a.target() : node;
    }

    private static Collection<String> keys(Map<?, ?> map) {
        List<String> keys = new ArrayList<>();
        map.keySet().forEach(k -> keys.add(String.valueOf(k)));
        return keys;
    }

    private static String describe(Object v) {
        return v == null ? "None" : "a " + PyValues.typeName(v);
    }

    /** Template objects with attributes of their own: {@code loop}, a namespace, an imported template. */
    interface Attributes {
        /** The attribute's value, or {@link PyValues#MISSING}. */
        Object attribute(String name);
    }
}
