package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits a Jinja-style expression into tokens; string literals are kept whole (quotes and escapes included). */
final class ExpressionLexer {
    private static final Set<String> TWO_CHAR_OPS = Set.of("==", "!=", "<=", ">=", "//", "**", "&&", "||");
    private static final String ONE_CHAR_OPS = "<>+-*/%|.,:()[]{}?!~=";

    private final String source;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private ExpressionLexer(String source) {
        this.source = source;
    }

    static List<Token> tokenize(String source) {
        ExpressionLexer lexer = new ExpressionLexer(source);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (Character.isLetter(c) || c == '_') {
                read(Token.Kind.IDENT, identifierEnd());
            } else if (Character.isDigit(c)) {
                read(Token.Kind.NUMBER, numberEnd());
            } else if (c == '\'' || c == '"') {
                read(Token.Kind.STRING, stringEnd(c));
            } else {
                operator(c);
            }
        }
        tokens.add(new Token(Token.Kind.END, "", source.length()));
    }

    private void read(Token.Kind kind, int end) {
        tokens.add(new Token(kind, source.substring(pos, end), pos));
        pos = end;
    }

    private int identifierEnd() {
        int i = pos;
        while (i < source.length() && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    /** After a dot ({@code list.0.name}) only digits belong to the index; elsewhere {@code 1.5} is one number. */
    private int numberEnd() {
        int i = digitsEnd(pos);
        boolean afterDot = !tokens.isEmpty() && tokens.get(tokens.size() - 1).is(".");
        if (!afterDot && i + 1 < source.length() && source.charAt(i) == '.' && Character.isDigit(source.charAt(i + 1))) {
            i = digitsEnd(i + 1);
        }
        return i;
    }

    private int digitsEnd(int from) {
        int i = from;
        while (i < source.length() && Character.isDigit(source.charAt(i))) {
            i++;
        }
        return i;
    }

    private int stringEnd(char quote) {
        for (int i = pos + 1; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        throw new ExpressionFailure("unterminated string starting at column " + (pos + 1) + " in '" + source + "'");
    }

    private void operator(char c) {
        if (pos + 1 < source.length() && TWO_CHAR_OPS.contains(source.substring(pos, pos + 2))) {
            read(Token.Kind.OP, pos + 2);
        } else if (ONE_CHAR_OPS.indexOf(c) >= 0) {
            read(Token.Kind.OP, pos + 1);
        } else {
            throw new ExpressionFailure("unexpected character '" + c + "' at column " + (pos + 1) + " in '" + source + "'");
        }
    }
}
