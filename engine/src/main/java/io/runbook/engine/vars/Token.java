package io.runbook.engine.vars;

/** One lexical token of a Jinja-style expression; {@code offset} is the 0-based column in the expression. */
record Token(Kind kind, String text, int offset) {

    enum Kind { IDENT, NUMBER, STRING, OP, END }

    boolean is(String op) {
        return (kind == Kind.OP || kind == Kind.IDENT) && text.equals(op);
    }

    boolean isEnd() {
        return kind == Kind.END;
    }
}
