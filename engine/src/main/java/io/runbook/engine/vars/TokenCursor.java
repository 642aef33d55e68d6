package io.runbook.engine.vars;

import io.runbook.engine.vars.ExprLexer.Kind;
import io.runbook.engine.vars.ExprLexer.Tok;
import java.util.List;

/** The expression parser's position in its tokens: looking ahead, taking, expecting, and failing at a column. */
abstract class TokenCursor {
    final String source;
    private final List<Tok> toks;
    private int at;

    TokenCursor(String source, List<Tok> toks) {
        this.source = source;
        this.toks = toks;
    }

    void end() {
        if (peek().kind() == Kind.OP && peek().is("=")) {
            throw new ExpressionFailure("single '=' in '" + source + "': use '==' to compare");
        }
        if (peek().kind() != Kind.END) {
            throw fail("unexpected '" + peek().text() + "'");
        }
    }

    boolean atEnd() {
        return peek().kind() == Kind.END;
    }

    Tok peek() {
        return toks.get(at);
    }

    Tok peek(int ahead) {
        return toks.get(Math.min(at + ahead, toks.size() - 1));
    }

    Tok next() {
        Tok t = toks.get(at);
        if (t.kind() != Kind.END) {
            at++;
        }
        return t;
    }

    boolean accept(String op) {
        if (peek().is(op) && peek().kind() != Kind.STRING) {
            at++;
            return true;
        }
        return false;
    }

    void expect(String op) {
        if (!accept(op)) {
            throw fail("expected '" + op + "'" + (atEnd() ? " at the end" : ", found '" + peek().text() + "'"));
        }
    }

    String name() {
        Tok t = next();
        if (t.kind() != Kind.NAME) {
            throw fail("expected a name" + (t.kind() == Kind.END ? " at the end" : ", found '" + t.text() + "'"), t);
        }
        return t.text();
    }

    ExpressionFailure fail(String message) {
        return fail(message, peek());
    }

    ExpressionFailure fail(String message, Tok t) {
        return new ExpressionFailure("cannot parse '" + source + "': " + message + " at column " + (t.pos() + 1));
    }
}
