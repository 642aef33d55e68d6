package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Renders compiled template nodes with Jinja's semantics: scoping of loops, macros, {@code set}, {@code with}. */
final class Renderer {
    private Renderer() {
    }

    static void render(List<TNode> nodes, Frame frame, Output out) {
        for (TNode node : nodes) {
            try {
                one(node, frame, out);
            } catch (ExpressionFailure failure) {
                throw failure.withLine(node.line());
            }
        }
    }

    private static void one(TNode node, Frame frame, Output out) {
        if (node instanceof TNode.Text t) {
            out.text(t.text());
        } else if (node instanceof TNode.Output o) {
            out.value(Evaluator.output(o.expr(), frame));
        } else if (node instanceof TNode.If i) {
            for (int b = 0; b < i.tests().size(); b++) {
                if (PyValues.truthy(Evaluator.eval(i.tests().get(b), frame))) {
                    render(i.bodies().get(b), frame, out);
                    return;
                }
            }
            render(i.orElse(), frame, out);
        } else if (node instanceof TNode.For f) {
            loop(f, frame, out);
        } else if (node instanceof TNode.Set s) {
            assign(s.targets(), Evaluator.eval(s.value(), frame), frame);
        } else if (node instanceof TNode.SetBlock s) {
            Object body = captured(s.body(), frame, true);
            frame.set(s.name(), s.filters() == null ? body : filtered(s.filters(), body, frame));
        } else if (node instanceof TNode.With w) {
            Frame inner = frame.child();
            for (int i = 0; i < w.names().size(); i++) {
                inner.set(w.names().get(i), Evaluator.eval(w.values().get(i), frame));
            }
            render(w.body(), inner, out);
        } else if (node instanceof TNode.FilterBlock f) {
            Object result = filtered(f.filters(), captured(f.body(), frame, false), frame);
            out.value(result);
        } else if (node instanceof TNode.MacroDef m) {
            frame.set(m.name(), new Macro(m.name(), m.params(), m.defaults(), m.body(), frame));
        } else if (node instanceof TNode.CallBlock c) {
            out.value(callBlock(c, frame));
        } else if (node instanceof TNode.Include i) {
            include(i, frame, out);
        } else if (node instanceof TNode.Import i) {
            frame.set(i.alias(), module(i.template(), i.withContext(), frame));
        } else if (node instanceof TNode.FromImport f) {
            Globals.Namespace module = module(f.template(), f.withContext(), frame);
            for (int n = 0; n < f.names().size(); n++) {
                Object value = module.attribute(f.names().get(n));
                if (value == PyValues.MISSING) {
                    throw new ExpressionFailure("the template does not define '" + f.names().get(n) + "'");
                }
                frame.set(f.aliases().get(n), value);
            }
        }
    }

    /** A block's output: text, or ({@code concat}, a set block's) as the render's {@link Concat} makes it. */
    private static Object captured(List<TNode> body, Frame frame, boolean concat) {
        Output inner = new Output(frame.jinja);
        render(body, frame, inner);
        return concat ? inner.concatenated() : inner.result();
    }

    private static Object filtered(Ast chain, Object body, Frame frame) {
        Frame inner = frame.child();
        inner.set("__body__", body);
        return Evaluator.eval(chain, inner);
    }

    private static void loop(TNode.For f, Frame frame, Output out) {
        loop(f, Evaluator.eval(f.iterable(), frame), 1, frame, out);
    }

    private static void loop(TNode.For f, Object iterable, int depth, Frame frame, Output out) {
        List<Object> items = new ArrayList<>();
        for (Object item : iterate(iterable)) {
            if (f.condition() != null) {
                Frame test = frame.child();
                assign(names(f.targets()), item, test);
                if (!PyValues.truthy(Evaluator.eval(f.condition(), test))) {
                    continue;
                }
            }
            items.add(item);
        }
        if (items.isEmpty()) {
            render(f.orElse(), frame, out);
            return;
        }
        Evaluator.Callable again = !f.recursive() ? null : (args, kwargs, caller) -> {
            if (args.size() != 1 || !kwargs.isEmpty()) {
                throw new ExpressionFailure("loop() in a recursive loop takes the items to loop over: loop(node.children)");
            }
            if (depth >= 100) {
                throw new ExpressionFailure("a recursive loop is more than 100 levels deep");
            }
            Output nested = new Output(frame.jinja);
            loop(f, args.get(0), depth + 1, frame, nested);
            return nested.result();
        };
        for (int i = 0; i < items.size(); i++) {
            Frame inner = frame.child();
            inner.set("loop", new LoopInfo(items, i, depth, again));
            assign(names(f.targets()), items.get(i), inner);
            render(f.body(), inner, out);
        }
    }

    static List<Object> iterate(Object value) {
        if (value instanceof Undefined u) {
            if (u.lenient()) {
                return new ArrayList<>();
            }
            throw u.failure();
        }
        if (value instanceof Map<?, ?> m) {
            return new ArrayList<>(m.keySet());
        }
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (value instanceof CharSequence s) {
            List<Object> chars = new ArrayList<>();
            for (int i = 0; i < s.length(); i++) {
                chars.add(Secrets.derive(String.valueOf(s.charAt(i)), s));
            }
            return chars;
        }
        throw new ExpressionFailure("'" + PyValues.typeName(value) + "' object is not iterable");
    }

    private static List<Ast> names(List<String> targets) {
        List<Ast> out = new ArrayList<>(targets.size());
        targets.forEach(t -> out.add(new Ast.Name(t, 0)));
        return out;
    }

    private static void assign(List<Ast> targets, Object value, Frame frame) {
        if (targets.size() == 1) {
            assignOne(targets.get(0), value, frame);
            return;
        }
        List<Object> parts = iterate(value);
        if (parts.size() != targets.size()) {
            throw new ExpressionFailure((parts.size() > targets.size() ? "too many" : "not enough")
                    + " values to unpack (expected " + targets.size() + ", got " + parts.size() + ")");
        }
        for (int i = 0; i < targets.size(); i++) {
            assignOne(targets.get(i), parts.get(i), frame);
        }
    }

    private static void assignOne(Ast target, Object value, Frame frame) {
        if (target instanceof Ast.Name n) {
            frame.set(n.name(), value);
            return;
        }
        Ast.Attr a = (Ast.Attr) target;
        Object ns = Evaluator.eval(a.target(), frame);
        if (!(ns instanceof Globals.Namespace namespace)) {
            throw new ExpressionFailure("can only set attributes of a namespace(), not of " + PyValues.typeName(ns));
        }
        namespace.put(a.name(), value);
    }

    private static Object callBlock(TNode.CallBlock c, Frame frame) {
        Ast.Call call = (Ast.Call) c.call();
        Object target = Evaluator.eval(call.target(), frame);
        if (!(target instanceof Evaluator.Callable callable)) {
            throw new ExpressionFailure("'{% call %}' needs a macro, got " + PyValues.typeName(target));
        }
        List<Object> args = Evaluator.positional(call.args(), frame);
        Map<String, Object> kwargs = Evaluator.keywords(call.kwargs(), frame);
        kwargs.put("caller", new Macro("caller", c.params(), c.defaults(), c.body(), frame));
        return callable.call(args, kwargs, frame);
    }

    private static void include(TNode.Include i, Frame frame, Output out) {
        String name = Secrets.plain(Evaluator.eval(i.template(), frame));
        List<TNode> nodes = frame.jinja.load(name, frame, i.ignoreMissing());
        if (nodes == null) {
            return;
        }
        Frame inner = i.withContext() ? frame.child() : new Frame(frame.jinja, frame.vars(), frame.baseDir, frame.templateDir);
        render(nodes, inner, out);
    }

    /**
     * An imported template's names. {@code with context} it sees what the importing template sees where it imports it
     * (its {@code set} variables, a macro's locals), as Jinja's; without, the template's variables only.
     */
    private static Globals.Namespace module(Ast template, boolean withContext, Frame frame) {
        String name = Secrets.plain(Evaluator.eval(template, frame));
        List<TNode> nodes = frame.jinja.load(name, frame, false);
        Frame inner = withContext ? frame.child() : new Frame(frame.jinja, frame.vars(), frame.baseDir, frame.templateDir);
        render(nodes, inner, new Output(frame.jinja));
        return new Globals.Namespace(new java.util.LinkedHashMap<>(inner.locals()));
    }
}
