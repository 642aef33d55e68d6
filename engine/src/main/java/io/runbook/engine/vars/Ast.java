package io.runbook.engine.vars;

import java.util.List;
import java.util.Map;

/** The parsed form of a Jinja expression; {@code pos} is the 0-based column in the expression's text. */
sealed interface Ast {
    int pos();

    record Literal(Object value, int pos) implements Ast { }

    record Name(String name, int pos) implements Ast { }

    /** {@code target.name}: an attribute first, then an item, as Jinja's getattr. */
    record Attr(Ast target, String name, int pos) implements Ast { }

    /** {@code target[key]}: an item first, then an attribute, as Jinja's getitem. */
    record Item(Ast target, Ast key, int pos) implements Ast { }

    record Slice(Ast target, Ast start, Ast stop, Ast step, int pos) implements Ast { }

    /**
     * {@code *value} among a call's positional arguments, {@code **value} (keywords) among its keyword arguments
     * (under the key {@link #KEYWORDS}): spread into the call when it is made.
     */
    record Spread(Ast value, boolean keywords, int pos) implements Ast {
        static final String KEYWORDS = "**";
    }

    record Call(Ast target, List<Ast> args, Map<String, Ast> kwargs, int pos) implements Ast { }

    /** {@code builtin}: written {@code ansible.builtin.name}, which is never a playbook's plugin. */
    record Filter(Ast target, String name, List<Ast> args, Map<String, Ast> kwargs, int pos, boolean builtin) implements Ast { }

    record Test(Ast target, String name, boolean negated, List<Ast> args, Map<String, Ast> kwargs, int pos,
                boolean builtin) implements Ast { }

    /** {@code -x}, {@code +x}. */
    record Unary(String op, Ast operand, int pos) implements Ast { }

    /** {@code + - * / // % ** ~}. */
    record Binary(String op, Ast left, Ast right, int pos) implements Ast { }

    record And(Ast left, Ast right, int pos) implements Ast { }

    record Or(Ast left, Ast right, int pos) implements Ast { }

    record Not(Ast operand, int pos) implements Ast { }

    /** {@code a < b <= c}: chained comparisons, {@code in}, {@code not in}. */
    record Compare(Ast first, List<String> ops, List<Ast> rest, int pos) implements Ast { }

    /** {@code then if test else orElse}; orElse may be null (undefined when the test is false). */
    record Cond(Ast test, Ast then, Ast orElse, int pos) implements Ast { }

    record ListLit(List<Ast> items, int pos) implements Ast { }

    record TupleLit(List<Ast> items, int pos) implements Ast { }

    record DictLit(List<Ast> keys, List<Ast> values, int pos) implements Ast { }
}
