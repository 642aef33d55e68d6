package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a parsed expression with Python's semantics: operands are never coerced, {@code and}/{@code or}
 * return an operand, comparisons chain, undefined names stay harmless until used. Attribute and item access only
 * ever read maps, lists and strings; calls reach macros, Jinja's and Ansible's global functions, and the
 * allow-listed Python methods of {@link PyMethods}: no Java method or class is reachable.
 */
final class Evaluator {
    private Evaluator() {
    }

    static Object eval(Ast node, Frame frame) {
        Object value = evalNode(node, frame);
        if (value instanceof UnsafeText || value instanceof UnsafeMap || value instanceof UnsafeList) {
            frame.readUnsafe();
        }
        return value;
    }

    /**
     * The value of a template's output ({@code {{ expr }}}): unsafe, as Ansible's concat marks it, when it is
     * unsafe text or holds some, or is text read out of unsafe data ({@code hostvars[h].out.stdout}).
     */
    static Object output(Ast expr, Frame frame) {
        boolean was = frame.takeReadUnsafe();
        Object value;
        boolean read;
        try {
            value = eval(expr, frame);
        } finally {
            read = frame.hasReadUnsafe();
            frame.restoreReadUnsafe(was);
        }
        if (read && value instanceof CharSequence) {
            frame.markedUnsafe();
        } else {
            frame.noteIfUnsafe(value);
        }
        return value;
    }

    private static Object evalNode(Ast node, Frame frame) {
        if (node instanceof Ast.Literal l) {
            return l.value();
        } else if (node instanceof Ast.Name n) {
            return name(n, frame);
        } else if (node instanceof Ast.Attr a) {
            return Access.attribute(eval(a.target(), frame), a.name(), a, frame);
        } else if (node instanceof Ast.Item i) {
            return Access.item(eval(i.target(), frame), eval(i.key(), frame), i, frame);
        } else if (node instanceof Ast.Slice s) {
            return Access.slice(eval(s.target(), frame), optional(s.start(), frame), optional(s.stop(), frame), optional(s.step(), frame));
        } else if (node instanceof Ast.Call c) {
            return call(c, frame);
        } else if (node instanceof Ast.Filter f) {
            return filter(f, frame);
        } else if (node instanceof Ast.Test t) {
            return test(t, frame);
        } else if (node instanceof Ast.Unary u) {
            return PyOps.negate(eval(u.operand(), frame), u.op());
        } else if (node instanceof Ast.Binary b) {
            Object result = PyOps.binary(b.op(), eval(b.left(), frame), eval(b.right(), frame));
            if (result instanceof CharSequence s) {
                frame.jinja.checkLength(s.length());
            }
            return result;
        } else if (node instanceof Ast.And a) {
            Object left = eval(a.left(), frame);
            return PyValues.truthy(left) ? eval(a.right(), frame) : left;
        } else if (node instanceof Ast.Or o) {
            Object left = eval(o.left(), frame);
            return PyValues.truthy(left) ? left : eval(o.right(), frame);
        } else if (node instanceof Ast.Not n) {
            return !PyValues.truthy(eval(n.operand(), frame));
        } else if (node instanceof Ast.Compare c) {
            return compare(c, frame);
        } else if (node instanceof Ast.Cond c) {
            return PyValues.truthy(eval(c.test(), frame)) ? eval(c.then(), frame) : c.orElse() == null ? Undefined.EMPTY : eval(c.orElse(), frame);
        } else if (node instanceof Ast.ListLit l) {
            return frame.made(list(l.items(), frame));
        } else if (node instanceof Ast.TupleLit t) {
            return new PyTuple(list(t.items(), frame));
        } else if (node instanceof Ast.DictLit d) {
            return frame.made(dict(d, frame));
        } else if (node instanceof Ast.Spread s) {
            throw new ExpressionFailure("'" + (s.keywords() ? "**" : "*") + "' only spreads the arguments of a call");
        }
        throw new IllegalStateException(String.valueOf(node));
    }

    private static Object optional(Ast node, Frame frame) {
        return node == null ? null : eval(node, frame);
    }

    private static List<Object> list(List<Ast> items, Frame frame) {
        List<Object> out = new ArrayList<>(items.size());
        for (Ast item : items) {
            out.add(eval(item, frame));
        }
        return out;
    }

    /** A call's positional arguments, a {@code *value} spread as Python spreads an iterable. */
    static List<Object> positional(List<Ast> items, Frame frame) {
        List<Object> out = new ArrayList<>(items.size());
        for (Ast item : items) {
            if (item instanceof Ast.Spread s) {
                Object value = eval(s.value(), frame);
                if (value instanceof Undefined u) {
                    throw u.failure();
                }
                if (value instanceof java.util.Collection<?> c) {
                    out.addAll(c);
                } else if (value instanceof Map<?, ?> m) {
                    out.addAll(m.keySet());
                } else if (value instanceof CharSequence text) {
                    text.toString().codePoints().forEach(cp -> out.add(Character.toString(cp)));
                } else {
                    throw new ExpressionFailure("argument after * must be an iterable, not " + PyValues.typeName(value));
                }
            } else {
                out.add(eval(item, frame));
            }
        }
        return out;
    }

    /** A call's keyword arguments, a {@code **mapping} spread into them last (a name given twice is an error). */
    static Map<String, Object> keywords(Map<String, Ast> items, Frame frame) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Ast> e : items.entrySet()) {
            if (!(e.getValue() instanceof Ast.Spread s)) {
                out.put(e.getKey(), eval(e.getValue(), frame));
                continue;
            }
            Object value = eval(s.value(), frame);
            if (value instanceof Undefined u) {
                throw u.failure();
            }
            if (!(value instanceof Map<?, ?> m)) {
                throw new ExpressionFailure("argument after ** must be a mapping, not " + PyValues.typeName(value));
            }
            for (Map.Entry<?, ?> kv : m.entrySet()) {
                if (!(kv.getKey() instanceof CharSequence key)) {
                    throw new ExpressionFailure("keywords must be strings");
                }
                if (out.put(key.toString(), kv.getValue()) != null || items.containsKey(key.toString())) {
                    throw new ExpressionFailure("got multiple values for keyword argument '" + key + "'");
                }
            }
        }
        return out;
    }

    private static Map<Object, Object> dict(Ast.DictLit d, Frame frame) {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < d.keys().size(); i++) {
            Object key = eval(d.keys().get(i), frame);
            if (key instanceof Undefined u) {
                throw u.failure();
            }
            if (key instanceof List<?> && !(key instanceof PyTuple) || key instanceof Map<?, ?>) {
                throw new ExpressionFailure("unhashable type: '" + PyValues.typeName(key) + "'");
            }
            Object existing = PyValues.findKey(out, key);
            out.put(existing == PyValues.MISSING ? key : existing, eval(d.values().get(i), frame));
        }
        return out;
    }

    private static Object name(Ast.Name n, Frame frame) {
        Object value = frame.lookup(n.name());
        if (value != Frame.MISSING) {
            frame.noteIfUnsafe(value);  // as Ansible's AnsibleContext.resolve_or_missing
            return value;
        }
        if (Globals.exists(n.name())) {
            return new Globals.Function(n.name());
        }
        return new Undefined(n.name(), hint(n.name(), frame));
    }

    private static String hint(String name, Frame frame) {
        if (name.equals("omit")) {
            return "'omit' is not supported: leave the argument out, or use a 'when' on the task";
        }
        return Spelling.didYouMean(name, frame.names());
    }

    private static Object compare(Ast.Compare c, Frame frame) {
        Object left = eval(c.first(), frame);
        for (int i = 0; i < c.ops().size(); i++) {
            Object right = eval(c.rest().get(i), frame);
            if (!compareOnce(c.ops().get(i), left, right)) {
                return false;
            }
            left = right;
        }
        return true;
    }

    private static boolean compareOnce(String op, Object a, Object b) {
        if (a instanceof Undefined u && !op.endsWith("in")) {
            throw u.failure();
        }
        if (b instanceof Undefined u && !op.endsWith("in")) {
            throw u.failure();
        }
        return switch (op) {
            case "==" -> PyValues.equal(a, b);
            case "!=" -> !PyValues.equal(a, b);
            case "<" -> PyValues.compare(a, b, op) < 0;
            case "<=" -> PyValues.compare(a, b, op) <= 0;
            case ">" -> PyValues.compare(a, b, op) > 0;
            case ">=" -> PyValues.compare(a, b, op) >= 0;
            case "in" -> PyOps.contains(b, a);
            default -> !PyOps.contains(b, a);
        };
    }

    private static Object call(Ast.Call c, Frame frame) {
        List<Object> args = positional(c.args(), frame);
        Map<String, Object> kwargs = keywords(c.kwargs(), frame);
        if (c.target() instanceof Ast.Attr a) {
            Object self = eval(a.target(), frame);
            if (self instanceof Undefined u) {
                throw u.attribute("." + a.name()).failure();
            }
            Object member = self instanceof Map<?, ?> m && !PyMethods.isMethod(self, a.name()) ? m.get(a.name()) : null;
            if (self instanceof Access.Attributes attributes && member == null) {
                member = attributes.attribute(a.name());
            }
            if (member instanceof Callable callable) {
                return bounded(callable.call(args, kwargs, frame));
            }
            if (InPlaceMethods.isMethod(self, a.name()) && !(self instanceof Map<?, ?> m && m.containsKey(a.name()))) {
                return InPlaceMethods.call(self, a.name(), args, frame);
            }
            return bounded(Templar.keptUnsafe(PyMethods.call(self, a.name(), args, kwargs), self));
        }
        Object target = eval(c.target(), frame);
        if (target instanceof Callable callable) {
            return bounded(callable.call(args, kwargs, frame));
        }
        if (target instanceof Undefined u) {
            if (c.target() instanceof Ast.Name n) {
                throw new ExpressionFailure("unknown function '" + n.name() + "'",
                        Spelling.didYouMean(n.name(), Globals.names()));
            }
            throw u.failure();
        }
        throw new ExpressionFailure("'" + PyValues.typeName(target) + "' object is not callable");
    }

    /** What a filter, method or function gives back: text at most {@link Jinja#MAX_TEXT} long, bounded collections. */
    private static Object bounded(Object result) {
        if (result instanceof CharSequence s) {
            Jinja.limit(s.length());
        } else if (result instanceof java.util.Collection<?> c) {
            PyOps.checkSize(c.size());
        } else if (result instanceof Map<?, ?> m) {
            PyOps.checkSize(m.size());
        }
        return result;
    }

    private static Object filter(Ast.Filter f, Frame frame) {
        Object value = eval(f.target(), frame);
        List<Object> args = positional(f.args(), frame);
        Map<String, Object> kwargs = keywords(f.kwargs(), frame);
        if (!f.builtin() && PluginCalls.isPlugin(frame.jinja, TemplatePlugins.Kind.FILTER, f.name())) {
            if (value instanceof Undefined u) {
                throw u.failure();
            }
            Object result = bounded(PluginCalls.call(frame.jinja, TemplatePlugins.Kind.FILTER, f.name(), value, args, kwargs));
            return Templar.keptUnsafe(Secrets.taint(result, value, args, kwargs), value);
        }
        if (!Filters.exists(f.name())) {
            throw PluginCalls.unknown(frame.jinja, TemplatePlugins.Kind.FILTER, f.name(), Filters.names());
        }
        if (value instanceof Undefined u && !Filters.acceptsUndefined(f.name())) {
            throw u.failure();
        }
        Object result = Filters.apply(f.name(), value, new Arguments(args, kwargs), frame);
        if (f.name().equals("list") && result instanceof List<?>) {
            frame.made(result);
        }
        bounded(result);
        // secrecy first: a secret text is never a plain String again, so it is never made merely unsafe
        return Templar.keptUnsafe(Filters.keepsSecrecy(f.name(), value) ? Secrets.taint(result, value, args, kwargs) : result, value);
    }

    private static Object test(Ast.Test t, Frame frame) {
        Object value = eval(t.target(), frame);
        if (!t.builtin() && PluginCalls.isPlugin(frame.jinja, TemplatePlugins.Kind.TEST, t.name())) {
            if (value instanceof Undefined u) {
                throw u.failure();
            }
            Object result = PluginCalls.call(frame.jinja, TemplatePlugins.Kind.TEST, t.name(), value,
                    positional(t.args(), frame), keywords(t.kwargs(), frame));
            return t.negated() != Truthiness.of(result);
        }
        if (!IsTests.exists(t.name())) {
            throw PluginCalls.unknown(frame.jinja, TemplatePlugins.Kind.TEST, t.name(), IsTests.names());
        }
        if (value instanceof Undefined u && !IsTests.acceptsUndefined(t.name())) {
            throw u.failure();
        }
        List<Object> args = positional(t.args(), frame);
        Map<String, Object> kwargs = keywords(t.kwargs(), frame);
        boolean result = IsTests.apply(t.name(), value, new Arguments(args, kwargs));
        return t.negated() != result;
    }

    /** Something a template can call: a macro, a global function. */
    interface Callable {
        Object call(List<Object> args, Map<String, Object> kwargs, Frame frame);
    }
}
