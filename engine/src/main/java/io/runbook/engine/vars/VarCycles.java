package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds, before anything runs, variables whose templates need themselves ({@code a: "{{ b }}", b: "{{ a }}"}, or
 * {@code a: "x{{ a }}"}). Only references every rendering makes count: the names written directly in the
 * template's top-level output, not those under {@code if}/{@code for}, an inline {@code if}, the right side of
 * {@code and}/{@code or}, {@code default} or {@code is defined}, so a chain found here fails whenever it is used.
 */
final class VarCycles {
    private VarCycles() {
    }

    /** The first chain found ({@code [a, b, a]}), or an empty list. */
    static List<String> find(Jinja jinja, Map<String, Object> vars) {
        Map<String, Set<String>> edges = new LinkedHashMap<>();
        vars.forEach((name, value) -> {
            if (value instanceof String text && Jinja.hasTemplate(text)) {
                Set<String> used = new LinkedHashSet<>();
                try {
                    for (TNode node : jinja.compile(text)) {
                        if (node instanceof TNode.Output o) {
                            names(o.expr(), used);
                        }
                    }
                } catch (RuntimeException e) {
                    return; // a template that does not compile is reported by the syntax check, at its place
                }
                used.retainAll(vars.keySet());
                edges.put(name, used);
            }
        });
        for (String start : edges.keySet()) {
            List<String> chain = new ArrayList<>();
            if (walk(start, start, edges, chain, new LinkedHashSet<>())) {
                return chain;
            }
        }
        return List.of();
    }

    private static boolean walk(String start, String at, Map<String, Set<String>> edges, List<String> chain, Set<String> seen) {
        chain.add(at);
        for (String next : edges.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                chain.add(next);
                return true;
            }
            if (seen.add(next) && walk(start, next, edges, chain, seen)) {
                return true;
            }
        }
        chain.remove(chain.size() - 1);
        return false;
    }

    /** The variable names an expression always reads. */
    private static void names(Ast node, Set<String> out) {
        if (node instanceof Ast.Name n) {
            out.add(n.name());
        } else if (node instanceof Ast.Attr a) {
            names(a.target(), out);
        } else if (node instanceof Ast.Item i) {
            names(i.target(), out);
            names(i.key(), out);
        } else if (node instanceof Ast.Filter f && !List.of("default", "d").contains(f.name())) {
            names(f.target(), out);
            f.args().forEach(arg -> names(arg, out));
        } else if (node instanceof Ast.Binary b) {
            names(b.left(), out);
            names(b.right(), out);
        } else if (node instanceof Ast.Unary u) {
            names(u.operand(), out);
        } else if (node instanceof Ast.And a) {
            names(a.left(), out);
        } else if (node instanceof Ast.Or o) {
            names(o.left(), out);
        } else if (node instanceof Ast.Compare c) {
            names(c.first(), out);
            c.rest().forEach(r -> names(r, out));
        } else if (node instanceof Ast.Cond c) {
            names(c.test(), out);
        } else if (node instanceof Ast.ListLit l) {
            l.items().forEach(i -> names(i, out));
        }
    }
}
