package io.runbook.engine.vars;

/** The path of an expression as the user wrote it ({@code clusters[2].name}), for error messages. */
final class Paths {
    private Paths() {
    }

    static String of(Ast node) {
        if (node instanceof Ast.Name n) {
            return n.name();
        } else if (node instanceof Ast.Attr a) {
            return of(a.target()) + "." + a.name();
        } else if (node instanceof Ast.Item i) {
            return of(i.target()) + "[" + key(i.key()) + "]";
        } else if (node instanceof Ast.Call c) {
            return of(c.target()) + "(...)";
        } else if (node instanceof Ast.Filter f) {
            return "(... | " + f.name() + ")";
        } else if (node instanceof Ast.Literal l) {
            return PyValues.repr(l.value());
        } else if (node instanceof Ast.ListLit) {
            return "[...]";
        } else if (node instanceof Ast.DictLit) {
            return "{...}";
        }
        // a tuple or an operation, e.g. ('a' ~ b).x: named by its shape
        return "(...)";
    }

    private static String key(Ast key) {
        return key instanceof Ast.Literal l ? PyValues.repr(l.value()) : of(key);
    }
}
