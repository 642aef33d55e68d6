package io.runbook.engine.vars;

import java.util.List;

/** Finds unknown filters, tests and lookups in compiled templates and expressions, before anything renders. */
final class StaticCheck {
    private final Jinja jinja;

    StaticCheck(Jinja jinja) {
        this.jinja = jinja;
    }

    void nodes(List<TNode> nodes) {
        for (TNode node : nodes) {
            try {
                node(node);
            } catch (ExpressionFailure failure) {
                throw failure.withLine(node.line());
            }
        }
    }

    private void node(TNode node) {
        if (node instanceof TNode.Output o) {
            expression(o.expr());
        } else if (node instanceof TNode.If i) {
            i.tests().forEach(this::expression);
            i.bodies().forEach(this::nodes);
            nodes(i.orElse());
        } else if (node instanceof TNode.For f) {
            expression(f.iterable());
            optional(f.condition());
            nodes(f.body());
            nodes(f.orElse());
        } else if (node instanceof TNode.Set s) {
            expression(s.value());
        } else if (node instanceof TNode.SetBlock s) {
            optional(s.filters());
            nodes(s.body());
        } else if (node instanceof TNode.With w) {
            w.values().forEach(this::expression);
            nodes(w.body());
        } else if (node instanceof TNode.FilterBlock f) {
            expression(f.filters());
            nodes(f.body());
        } else if (node instanceof TNode.MacroDef m) {
            m.defaults().forEach(this::optional);
            nodes(m.body());
        } else if (node instanceof TNode.CallBlock c) {
            expression(c.call());
            nodes(c.body());
        } else if (node instanceof TNode.Include i) {
            expression(i.template());
        } else if (node instanceof TNode.Import i) {
            expression(i.template());
        } else if (node instanceof TNode.FromImport f) {
            expression(f.template());
        }
    }

    private void optional(Ast node) {
        if (node != null) {
            expression(node);
        }
    }

    void expression(Ast node) {
        if (node instanceof Ast.Attr a) {
            expression(a.target());
        } else if (node instanceof Ast.Item i) {
            expression(i.target());
            expression(i.key());
        } else if (node instanceof Ast.Slice s) {
            expression(s.target());
            optional(s.start());
            optional(s.stop());
            optional(s.step());
        } else if (node instanceof Ast.Call c) {
            expression(c.target());
            all(c.args());
            all(List.copyOf(c.kwargs().values()));
            lookupName(c);
        } else if (node instanceof Ast.Filter f) {
            if (!Filters.exists(f.name())
                    && (f.builtin() || !PluginCalls.isPlugin(jinja, TemplatePlugins.Kind.FILTER, f.name()))) {
                throw PluginCalls.unknown(jinja, TemplatePlugins.Kind.FILTER, f.name(), Filters.names());
            }
            expression(f.target());
            all(f.args());
            all(List.copyOf(f.kwargs().values()));
        } else if (node instanceof Ast.Test t) {
            if (!IsTests.exists(t.name())
                    && (t.builtin() || !PluginCalls.isPlugin(jinja, TemplatePlugins.Kind.TEST, t.name()))) {
                throw PluginCalls.unknown(jinja, TemplatePlugins.Kind.TEST, t.name(), IsTests.names());
            }
            expression(t.target());
            all(t.args());
            all(List.copyOf(t.kwargs().values()));
        } else if (node instanceof Ast.Unary u) {
            expression(u.operand());
        } else if (node instanceof Ast.Binary b) {
            expression(b.left());
            expression(b.right());
        } else if (node instanceof Ast.And a) {
            expression(a.left());
            expression(a.right());
        } else if (node instanceof Ast.Or o) {
            expression(o.left());
            expression(o.right());
        } else if (node instanceof Ast.Not n) {
            expression(n.operand());
        } else if (node instanceof Ast.Compare c) {
            expression(c.first());
            all(c.rest());
        } else if (node instanceof Ast.Cond c) {
            expression(c.test());
            expression(c.then());
            optional(c.orElse());
        } else if (node instanceof Ast.ListLit l) {
            all(l.items());
        } else if (node instanceof Ast.TupleLit t) {
            all(t.items());
        } else if (node instanceof Ast.DictLit d) {
            all(d.keys());
            all(d.values());
        } else if (node instanceof Ast.Spread s) {
            expression(s.value());
        }
    }

    private void all(List<Ast> nodes) {
        nodes.forEach(this::expression);
    }

    /** {@code lookup('nmae', …)} with a literal name: an unknown lookup is found now. */
    private void lookupName(Ast.Call c) {
        if (c.target() instanceof Ast.Name n && List.of("lookup", "query", "q").contains(n.name())
                && !c.args().isEmpty() && c.args().get(0) instanceof Ast.Literal l && l.value() instanceof String name) {
            if (!Lookups.names().contains(Lookups.bareName(name)) && !PythonLookups.isPlugin(jinja, name)) {
                throw Lookups.unknown(jinja, name);
            }
        }
    }
}
