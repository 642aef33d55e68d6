package io.runbook.engine.vars;

import io.runbook.engine.vars.ExprLexer.Kind;
import io.runbook.engine.vars.ExprLexer.Tok;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Jinja's expression grammar (the precedence of Jinja 3's parser): conditional expressions, {@code or},
 * {@code and}, {@code not}, chained comparisons with {@code in}/{@code not in}, {@code + -}, {@code ~},
 * {@code * / // %}, {@code **}, unary signs, then the operands ({@link OperandParser}: primaries with attributes,
 * subscripts and slices, calls, filters and tests). Tags use the same parser for their own parts (loop targets,
 * assignments, arguments).
 */
final class ExprParser extends OperandParser {
    private static final Set<String> COMPARE = Set.of("==", "!=", "<", "<=", ">", ">=");

    ExprParser(String source) {
        this(source, false);
    }

    private ExprParser(String source, boolean literalBackslashes) {
        super(source, ExprLexer.tokens(source, literalBackslashes));
    }

    /** A whole expression; anything left over is an error. */
    static Ast parse(String source) {
        return parse(source, false);
    }

    /** literalBackslashes: a backslash in a string literal is itself (Ansible's task arguments). */
    static Ast parse(String source, boolean literalBackslashes) {
        ExprParser p = new ExprParser(source, literalBackslashes);
        Ast ast = p.expression();
        p.end();
        return ast;
    }

    /** An expression, or several separated by commas (a tuple without parentheses). */
    Ast tupleOrExpression() {
        int pos = peek().pos();
        Ast first = expression();
        if (!peek().is(",")) {
            return first;
        }
        List<Ast> items = new ArrayList<>(List.of(first));
        while (accept(",")) {
            if (atEnd() || peek().is("=") || peek().is("%")) {
                break;
            }
            items.add(expression());
        }
        return new Ast.TupleLit(items, pos);
    }

    /** A for loop's iterable: an expression or a tuple, without an inline if (that 'if' filters the loop). */
    Ast tupleOrExpressionNoIf() {
        int pos = peek().pos();
        Ast first = or();
        if (!peek().is(",")) {
            return first;
        }
        List<Ast> items = new ArrayList<>(List.of(first));
        while (accept(",")) {
            if (atEnd() || (peek().kind() == Kind.NAME && peek().is("if"))) {
                break;
            }
            items.add(or());
        }
        return new Ast.TupleLit(items, pos);
    }

    /** An expression without an inline if (a loop's filter, before 'recursive'). */
    Ast expressionNoIf() {
        return or();
    }

    @Override
    Ast expression() {
        Ast expr = or();
        while (peek().is("if") && peek().kind() == Kind.NAME) {
            int pos = next().pos();
            Ast test = or();
            Ast orElse = accept("else") ? expression() : null;
            expr = new Ast.Cond(test, expr, orElse, pos);
        }
        return expr;
    }

    private Ast or() {
        Ast left = and();
        while (peek().kind() == Kind.NAME && peek().is("or")) {
            int pos = next().pos();
            left = new Ast.Or(left, and(), pos);
        }
        return left;
    }

    private Ast and() {
        Ast left = not();
        while (peek().kind() == Kind.NAME && peek().is("and")) {
            int pos = next().pos();
            left = new Ast.And(left, not(), pos);
        }
        return left;
    }

    private Ast not() {
        if (peek().kind() == Kind.NAME && peek().is("not")) {
            int pos = next().pos();
            return new Ast.Not(not(), pos);
        }
        return compare();
    }

    private Ast compare() {
        int pos = peek().pos();
        Ast first = math1();
        List<String> ops = new ArrayList<>();
        List<Ast> rest = new ArrayList<>();
        while (true) {
            Tok t = peek();
            if (t.kind() == Kind.OP && COMPARE.contains(t.text())) {
                next();
                ops.add(t.text());
            } else if (t.kind() == Kind.NAME && t.is("in")) {
                next();
                ops.add("in");
            } else if (t.kind() == Kind.NAME && t.is("not") && peek(1).kind() == Kind.NAME && peek(1).is("in")) {
                next();
                next();
                ops.add("not in");
            } else {
                break;
            }
            rest.add(math1());
        }
        return ops.isEmpty() ? first : new Ast.Compare(first, ops, rest, pos);
    }

    private Ast math1() {
        Ast left = concat();
        while (peek().kind() == Kind.OP && (peek().is("+") || peek().is("-"))) {
            Tok op = next();
            left = new Ast.Binary(op.text(), left, concat(), op.pos());
        }
        return left;
    }

    private Ast concat() {
        Ast left = math2();
        while (peek().kind() == Kind.OP && peek().is("~")) {
            Tok op = next();
            left = new Ast.Binary("~", left, math2(), op.pos());
        }
        return left;
    }

    private Ast math2() {
        Ast left = pow();
        while (peek().kind() == Kind.OP && (peek().is("*") || peek().is("/") || peek().is("//") || peek().is("%"))) {
            Tok op = next();
            left = new Ast.Binary(op.text(), left, pow(), op.pos());
        }
        return left;
    }

    private Ast pow() {
        Ast left = unary(true);
        while (peek().kind() == Kind.OP && peek().is("**")) {
            Tok op = next();
            left = new Ast.Binary("**", left, unary(true), op.pos());
        }
        return left;
    }

    private Ast unary(boolean withFilter) {
        Tok t = peek();
        Ast node;
        if (t.kind() == Kind.OP && (t.is("-") || t.is("+"))) {
            next();
            node = new Ast.Unary(t.text(), unary(false), t.pos());
        } else {
            node = primary();
        }
        node = postfix(node);
        return withFilter ? filters(node) : node;
    }
}
