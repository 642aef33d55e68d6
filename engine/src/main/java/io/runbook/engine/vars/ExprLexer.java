package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Jinja expression into tokens as Jinja's lexer does: names, integers and floats (with {@code _}
 * separators), single- and double-quoted strings with Python escapes, and operators. Columns are 0-based
 * offsets into the expression, for error messages.
 */
final class ExprLexer {
    enum Kind { NAME, INT, FLOAT, STRING, OP, END }

    record Tok(Kind kind, String text, Object value, int pos) {
        boolean is(String op) {
            return (kind == Kind.OP || kind == Kind.NAME) && text.equals(op);
        }
    }

    /** Longest first, so {@code //} wins over {@code /}. */
    private static final String[] OPERATORS = {
        "**", "//", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "<", ">", "=", "(", ")", "[", "]",
        "{", "}", ",", ".", ":", "|"};

    private final String src;
    private final boolean literalBackslashes;
    private int at;

    private ExprLexer(String src, boolean literalBackslashes) {
        this.src = src;
        this.literalBackslashes = literalBackslashes;
    }

    static List<Tok> tokens(String source) {
        return tokens(source, false);
    }

    /**
     * literalBackslashes: a backslash in a string is itself, as in Ansible's task arguments, where the Templar
     * doubles every backslash in the strings inside {@code {{ }}} before Jinja reads them.
     */
    static List<Tok> tokens(String source, boolean literalBackslashes) {
        return new ExprLexer(source, literalBackslashes).all();
    }

    private List<Tok> all() {
        List<Tok> out = new ArrayList<>();
        while (true) {
            while (at < src.length() && isSpace(src.charAt(at))) {
                at++;
            }
            if (at >= src.length()) {
                out.add(new Tok(Kind.END, "", null, at));
                return out;
            }
            out.add(next());
        }
    }

    private Tok next() {
        char c = src.charAt(at);
        int start = at;
        if (Character.isLetter(c) || c == '_') {
            while (at < src.length() && (Character.isLetterOrDigit(src.charAt(at)) || src.charAt(at) == '_')) {
                at++;
            }
            String name = src.substring(start, at);
            return new Tok(Kind.NAME, name, name, start);
        }
        if (Character.isDigit(c) || (c == '.' && at + 1 < src.length() && Character.isDigit(src.charAt(at + 1))
                && !previousIsValue())) {
            return number(start);
        }
        if (c == '\'' || c == '"') {
            return string(c, start);
        }
        for (String op : OPERATORS) {
            if (src.startsWith(op, at)) {
                at += op.length();
                return new Tok(Kind.OP, op, null, start);
            }
        }
        if (c == '!') {
            throw new ExpressionFailure("unexpected '!' at column " + (start + 1) + ": write 'not x' or 'x != y'");
        }
        throw new ExpressionFailure("unexpected character '" + c + "' at column " + (start + 1));
    }

    /**
     * Whitespace as Jinja's lexer ({@code \\s} on Python text) sees it: also the no-break space (U+00A0, which a
     * keyboard's AltGr+Space or a copy from a web page puts between words), the other Unicode spaces and NEL.
     */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    private boolean previousIsValue() {
        int i = at - 1;
        while (i >= 0 && isSpace(src.charAt(i))) {
            i--;
        }
        return i >= 0 && (Character.isLetterOrDigit(src.charAt(i)) || ")]}_'\"".indexOf(src.charAt(i)) >= 0);
    }

    private Tok number(int start) {
        boolean isFloat = false;
        while (at < src.length() && (Character.isDigit(src.charAt(at)) || src.charAt(at) == '_')) {
            at++;
        }
        if (at < src.length() && src.charAt(at) == '.' && at + 1 < src.length() && Character.isDigit(src.charAt(at + 1))) {
            isFloat = true;
            at++;
            while (at < src.length() && (Character.isDigit(src.charAt(at)) || src.charAt(at) == '_')) {
                at++;
            }
        }
        if (at < src.length() && (src.charAt(at) == 'e' || src.charAt(at) == 'E')) {
            int mark = at;
            at++;
            if (at < src.length() && (src.charAt(at) == '+' || src.charAt(at) == '-')) {
                at++;
            }
            if (at < src.length() && Character.isDigit(src.charAt(at))) {
                isFloat = true;
                while (at < src.length() && Character.isDigit(src.charAt(at))) {
                    at++;
                }
            } else {
                at = mark;
            }
        }
        String text = src.substring(start, at);
        String digits = text.replace("_", "");
        Object value = isFloat ? (Object) Double.parseDouble(digits) : PyNumbers.integer(new java.math.BigInteger(digits));
        return new Tok(isFloat ? Kind.FLOAT : Kind.INT, text, value, start);
    }

    private Tok string(char quote, int start) {
        StringBuilder out = new StringBuilder();
        at++;
        while (at < src.length()) {
            char c = src.charAt(at++);
            if (c == quote) {
                return new Tok(Kind.STRING, src.substring(start, at), out.toString(), start);
            }
            if (c == '\\' && at < src.length() && !literalBackslashes) {
                escape(out);
            } else {
                out.append(c);
            }
        }
        throw new ExpressionFailure("unterminated string starting at column " + (start + 1) + " in '" + src + "'");
    }

    private void escape(StringBuilder out) {
        char e = src.charAt(at++);
        switch (e) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case '0' -> out.append('\0');
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'v' -> out.append('\u000b');
            case '\\', '\'', '"' -> out.append(e);
            case '\n' -> { }
            case 'x' -> out.appendCodePoint(hex(2));
            case 'u' -> out.appendCodePoint(hex(4));
            case 'U' -> out.appendCodePoint(hex(8));
            default -> out.append('\\').append(e);
        }
    }

    private int hex(int digits) {
        if (at + digits > src.length()) {
            throw new ExpressionFailure("truncated \\x/\\u escape in a string");
        }
        String h = src.substring(at, at + digits);
        at += digits;
        try {
            return Integer.parseInt(h, 16);
        } catch (NumberFormatException e) {
            throw new ExpressionFailure("bad escape '\\" + h + "' in a string");
        }
    }
}
