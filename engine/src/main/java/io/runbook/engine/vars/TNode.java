package io.runbook.engine.vars;

import java.util.List;

/** A compiled template: Jinjava's tree with every expression parsed, so rendering never parses. */
sealed interface TNode {
    /** The line in the template, for error messages. */
    int line();

    record Text(String text, int line) implements TNode { }

    record Output(Ast expr, int line) implements TNode { }

    record If(List<Ast> tests, List<List<TNode>> bodies, List<TNode> orElse, int line) implements TNode { }

    /** recursive: the body may call {@code loop(children)} to render the same loop over children, one level deeper. */
    record For(List<String> targets, Ast iterable, Ast condition, boolean recursive, List<TNode> body, List<TNode> orElse,
               int line) implements TNode { }

    /** {@code {% set a = x %}}, {@code {% set a, b = x %}}, {@code {% set ns.a = x %}}. */
    record Set(List<Ast> targets, Ast value, int line) implements TNode { }

    /** {@code {% set a | filters %}body{% endset %}}; filters applies to a Name "__body__", or is null. */
    record SetBlock(String name, Ast filters, List<TNode> body, int line) implements TNode { }

    record With(List<String> names, List<Ast> values, List<TNode> body, int line) implements TNode { }

    record FilterBlock(Ast filters, List<TNode> body, int line) implements TNode { }

    record MacroDef(String name, List<String> params, List<Ast> defaults, List<TNode> body, int line) implements TNode { }

    record CallBlock(List<String> params, List<Ast> defaults, Ast call, List<TNode> body, int line) implements TNode { }

    record Include(Ast template, boolean ignoreMissing, boolean withContext, int line) implements TNode { }

    record Import(Ast template, String alias, boolean withContext, int line) implements TNode { }

    record FromImport(Ast template, List<String> names, List<String> aliases, boolean withContext, int line) implements TNode { }
}
