package io.runbook.engine.vars;

import io.runbook.engine.vars.ExprLexer.Kind;
import io.runbook.engine.vars.ExprLexer.Tok;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operands of Jinja's expression grammar and what follows them: names, literals, parenthesised tuples, lists and
 * dicts; attributes, subscripts and slices; calls with positional, keyword, {@code *} and {@code **} arguments;
 * filters and tests. {@link ExprParser} puts the operators on top; an argument or an item is a whole
 * {@link #expression()}.
 */
abstract class OperandParser extends TokenCursor {
    /** Collection names of filters and tests the engine has itself (json_query lives in community.general). */
    private static final Set<String> BUILTIN_PREFIXES = Set.of("ansible.builtin.", "ansible.legacy.",
            "community.general.");

    OperandParser(String source, List<Tok> toks) {
        super(source, toks);
    }

    /** A whole expression, with its operators and an inline if. */
    abstract Ast expression();

    Ast primary() {
        Tok t = next();
        switch (t.kind()) {
            case NAME -> {
                return switch (t.text()) {
                    case "true", "True" -> new Ast.Literal(Boolean.TRUE, t.pos());
                    case "false", "False" -> new Ast.Literal(Boolean.FALSE, t.pos());
                    case "none", "None" -> new Ast.Literal(null, t.pos());
                    default -> new Ast.Name(t.text(), t.pos());
                };
            }
            case STRING -> {
                StringBuilder s = new StringBuilder((String) t.value());
                while (peek().kind() == Kind.STRING) {
                    s.append((String) next().value());
                }
                return new Ast.Literal(s.toString(), t.pos());
            }
            case INT, FLOAT -> {
                return new Ast.Literal(t.value(), t.pos());
            }
            case OP -> {
                return switch (t.text()) {
                    case "(" -> parenthesised(t);
                    case "[" -> list(t);
                    case "{" -> dict(t);
                    default -> throw fail("unexpected '" + t.text() + "'", t);
                };
            }
            default -> throw fail("the expression ends too early", t);
        }
    }

    private Ast parenthesised(Tok open) {
        if (accept(")")) {
            return new Ast.TupleLit(List.of(), open.pos());
        }
        Ast first = expression();
        if (accept(")")) {
            return first;
        }
        List<Ast> items = new ArrayList<>(List.of(first));
        while (accept(",")) {
            if (peek().is(")")) {
                break;
            }
            items.add(expression());
        }
        closing(")", open);
        return new Ast.TupleLit(items, open.pos());
    }

    private Ast list(Tok open) {
        List<Ast> items = new ArrayList<>();
        while (!peek().is("]")) {
            if (!items.isEmpty()) {
                expectSeparator(open, "]");
                if (peek().is("]")) {
                    break;
                }
            }
            items.add(expression());
        }
        closing("]", open);
        return new Ast.ListLit(items, open.pos());
    }

    private Ast dict(Tok open) {
        List<Ast> keys = new ArrayList<>();
        List<Ast> values = new ArrayList<>();
        while (!peek().is("}")) {
            if (!keys.isEmpty()) {
                expectSeparator(open, "}");
                if (peek().is("}")) {
                    break;
                }
            }
            keys.add(expression());
            expect(":");
            values.add(expression());
        }
        closing("}", open);
        return new Ast.DictLit(keys, values, open.pos());
    }

    private void expectSeparator(Tok open, String close) {
        if (!accept(",")) {
            if (atEnd()) {
                closing(close, open);
            }
            throw fail("expected ',' or '" + close + "'");
        }
    }

    private void closing(String close, Tok open) {
        if (!accept(close)) {
            throw new ExpressionFailure("cannot parse '" + source + "': missing '" + close + "' for the '"
                    + open.text() + "' at column " + (open.pos() + 1));
        }
    }

    Ast postfix(Ast node) {
        while (true) {
            Tok t = peek();
            if (t.kind() == Kind.OP && t.is(".")) {
                next();
                Tok n = next();
                if (n.kind() == Kind.NAME) {
                    node = new Ast.Attr(node, n.text(), n.pos());
                } else if (n.kind() == Kind.INT) {
                    node = new Ast.Item(node, new Ast.Literal(n.value(), n.pos()), n.pos());
                } else {
                    throw fail("expected a name after '.'", n);
                }
            } else if (t.kind() == Kind.OP && t.is("[")) {
                next();
                node = subscript(node, t);
            } else if (t.kind() == Kind.OP && t.is("(")) {
                node = call(node);
            } else {
                return node;
            }
        }
    }

    private Ast subscript(Ast target, Tok open) {
        Ast start = null;
        Ast stop = null;
        Ast step = null;
        boolean slice = false;
        if (!peek().is(":")) {
            start = expression();
        }
        if (accept(":")) {
            slice = true;
            if (!peek().is("]") && !peek().is(":")) {
                stop = expression();
            }
            if (accept(":") && !peek().is("]")) {
                step = expression();
            }
        }
        closing("]", open);
        if (!slice) {
            if (start == null) {
                throw fail("empty subscript '[]'", open);
            }
            return new Ast.Item(target, start, open.pos());
        }
        return new Ast.Slice(target, start, stop, step, open.pos());
    }

    private Ast call(Ast target) {
        Tok open = next();
        List<Ast> args = new ArrayList<>();
        Map<String, Ast> kwargs = new LinkedHashMap<>();
        callArguments(open, args, kwargs);
        return new Ast.Call(target, args, kwargs, open.pos());
    }

    /**
     * After '(' up to and including ')': positional arguments, then keyword ones, as Jinja's parser takes them; one
     * {@code *list} after the positional ones and one {@code **mapping} last.
     */
    void callArguments(Tok open, List<Ast> args, Map<String, Ast> kwargs) {
        while (!peek().is(")")) {
            if (!args.isEmpty() || !kwargs.isEmpty()) {
                expectSeparator(open, ")");
                if (peek().is(")")) {
                    break;
                }
            }
            Tok t = peek();
            boolean spread = !args.isEmpty() && args.get(args.size() - 1) instanceof Ast.Spread;
            if (t.kind() == Kind.OP && t.is("*")) {
                if (spread || kwargs.containsKey(Ast.Spread.KEYWORDS)) {
                    throw fail("only one '*' argument, before any '**' argument", t);
                }
                next();
                args.add(new Ast.Spread(expression(), false, t.pos()));
            } else if (t.kind() == Kind.OP && t.is("**")) {
                if (kwargs.containsKey(Ast.Spread.KEYWORDS)) {
                    throw fail("only one '**' argument", t);
                }
                next();
                kwargs.put(Ast.Spread.KEYWORDS, new Ast.Spread(expression(), true, t.pos()));
            } else if (t.kind() == Kind.NAME && peek(1).kind() == Kind.OP && peek(1).is("=")) {
                if (kwargs.containsKey(Ast.Spread.KEYWORDS)) {
                    throw fail("a keyword argument after a '**' argument", t);
                }
                String key = next().text();
                next();
                kwargs.put(key, expression());
            } else {
                if (!kwargs.isEmpty() || spread) {
                    throw fail("a positional argument after a " + (spread ? "'*'" : "keyword") + " argument");
                }
                args.add(expression());
            }
        }
        closing(")", open);
    }

    Ast filters(Ast node) {
        while (true) {
            Tok t = peek();
            if (t.kind() == Kind.OP && t.is("|")) {
                next();
                node = filter(node);
            } else if (t.kind() == Kind.NAME && t.is("is")) {
                next();
                node = test(node, t);
            } else if (t.kind() == Kind.OP && t.is("(")) {
                node = call(node);
            } else {
                return node;
            }
        }
    }

    Ast filter(Ast target) {
        Tok nameTok = peek();
        boolean builtin = builtinName();
        String name = dottedName();
        List<Ast> args = new ArrayList<>();
        Map<String, Ast> kwargs = new LinkedHashMap<>();
        if (peek().kind() == Kind.OP && peek().is("(")) {
            callArguments(next(), args, kwargs);
        }
        return postfix(new Ast.Filter(target, name, args, kwargs, nameTok.pos(), builtin));
    }

    private Ast test(Ast target, Tok is) {
        boolean negated = peek().kind() == Kind.NAME && peek().is("not") && accept("not");
        Tok nameTok = peek();
        boolean builtin = builtinName();
        String name = nameTok.kind() == Kind.NAME && Set.of("none", "true", "false").contains(nameTok.text().toLowerCase())
                ? next().text().toLowerCase() : dottedName();
        List<Ast> args = new ArrayList<>();
        Map<String, Ast> kwargs = new LinkedHashMap<>();
        Tok t = peek();
        if (t.kind() == Kind.OP && t.is("(")) {
            callArguments(next(), args, kwargs);
        } else if (startsBareArgument(t)) {
            if (t.is("is")) {
                throw fail("you cannot chain tests with 'is'", t);
            }
            args.add(postfix(primary()));
        }
        return new Ast.Test(target, name, negated, args, kwargs, nameTok.pos(), builtin);
    }

    private static boolean startsBareArgument(Tok t) {
        return switch (t.kind()) {
            case STRING, INT, FLOAT -> true;
            case NAME -> !Set.of("else", "or", "and", "if", "in", "not", "is").contains(t.text()) || t.is("is");
            case OP -> t.is("[") || t.is("{");
            default -> false;
        };
    }

    /**
     * A filter or test name; {@code ansible.builtin.x} and {@code ansible.legacy.x} are {@code x}, as is
     * {@code community.general.x} when the engine has {@code x} itself.
     */
    /** Whether the name ahead is written {@code ansible.builtin.…}: Ansible's own, never a playbook's plugin. */
    private boolean builtinName() {
        return peek().kind() == Kind.NAME && peek().is("ansible") && peek(1).is(".") && peek(2).is("builtin");
    }

    private String dottedName() {
        StringBuilder name = new StringBuilder(name());
        while (peek().is(".") && peek().kind() == Kind.OP && peek(1).kind() == Kind.NAME) {
            next();
            name.append('.').append(next().text());
        }
        String full = name.toString();
        for (String prefix : BUILTIN_PREFIXES) {
            String bare = full.substring(Math.min(prefix.length(), full.length()));
            // a community.general name the engine does not have stays whole: the collection's Python plugin
            if (full.startsWith(prefix) && (prefix.startsWith("ansible.") || Filters.exists(bare) || IsTests.exists(bare))) {
                return bare;
            }
        }
        return full;
    }
}
