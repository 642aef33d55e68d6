package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a Jinja-style expression into JEXL, token by token, so JEXL does the parsing and evaluating:
 * variable paths ({@code a.b[0].c}) become lookups we control (undefined is an error naming the whole path),
 * {@code x | f(args)} becomes {@code r:f('f', x, [args])}, {@code x is [not] t} becomes {@code [!]r:t('t', x)},
 * {@code in}/{@code not in} become JEXL's {@code =~}/{@code !~}, {@code a ~ b} becomes {@code a + '' + b},
 * {@code not x} becomes {@code r:falsy(x)} with Jinja's precedence (below comparisons). The operand of
 * {@code default} and {@code is [un]defined} may be undefined.
 */
final class ExpressionTranslator {
    private final String source;
    private final List<Token> tokens;
    private final List<VariablePath> paths = new ArrayList<>();
    private int pos;

    private ExpressionTranslator(String source) {
        this.source = source;
        this.tokens = ExpressionLexer.tokenize(source);
    }

    static Translation translate(String source) {
        ExpressionTranslator translator = new ExpressionTranslator(source);
        if (translator.peek().isEnd()) {
            throw new ExpressionFailure("empty expression");
        }
        String jexl = translator.sequence();
        if (jexl.isBlank()) {
            throw new ExpressionFailure("incomplete expression '" + source + "'");
        }
        if (!translator.peek().isEnd()) {
            throw translator.failure("unmatched '" + translator.peek().text() + "'", translator.peek());
        }
        return new Translation(jexl, List.copyOf(translator.paths));
    }

    /** A piece of output; {@code lenient} is the variant that yields Undefined instead of failing (null if none). */
    private record Piece(String code, String lenient) {
        String lenientOrCode() {
            return lenient != null ? lenient : code;
        }
    }

    /** The output of one bracket level, remembering where the last operand starts and which 'not's are open. */
    private static final class Sequence {
        private final List<Piece> pieces = new ArrayList<>();
        private int operandStart = -1;
        private int openNots;
        private String sign = "";
        private boolean compared;

        void operator(String code) {
            pieces.add(new Piece(code, null));
            operandStart = -1;
        }

        /** A leading - or + belongs to the operand, so '-x | abs' is abs(-x), as in Jinja. */
        void sign(String op) {
            sign += op;
        }

        void operand(Piece piece) {
            operandStart = pieces.size();
            pieces.add(sign.isEmpty() ? piece : new Piece(sign + piece.code(), null));
            sign = "";
        }

        boolean hasOperand() {
            return operandStart >= 0;
        }

        Piece takeOperand() {
            List<Piece> operand = pieces.subList(operandStart, pieces.size());
            Piece taken = operand.size() == 1 ? operand.get(0)
                    : new Piece(String.join("", operand.stream().map(Piece::code).toList()), null);
            operand.clear();
            return taken;
        }

        void openNot() {
            operator("r:falsy(");
            openNots++;
        }

        /** Jinja reads 'a < b < c' as 'a < b and b < c'; JEXL would compare a boolean with c. */
        void comparison(String code, Token at, ExpressionTranslator translator) {
            if (compared && hasOperand()) {
                throw translator.failure("chained comparisons are not supported: write 'a < b and b < c'", at);
            }
            compared = true;
            operator(code);
        }

        void closeNots() {
            compared = false;
            if (openNots > 0) {
                operator(")".repeat(openNots));
                openNots = 0;
            }
        }

        String text() {
            closeNots();
            StringBuilder out = new StringBuilder();
            pieces.forEach(p -> out.append(p.code()));
            return out.toString();
        }
    }

    /** Translates up to an unmatched closing bracket or the end. */
    private String sequence() {
        return sequence(false);
    }

    /** Translates up to an unmatched closing bracket, the end, or (for one argument) a comma at this level. */
    private String sequence(boolean oneArgument) {
        Sequence out = new Sequence();
        while (!peek().isEnd() && !peek().is(")") && !peek().is("]") && !peek().is("}")
                && !(oneArgument && peek().is(","))) {
            Token t = next();
            switch (t.kind()) {
                case IDENT -> word(t, out);
                case NUMBER, STRING -> value(out, t.text(), t.offset());
                default -> symbol(t, out);
            }
        }
        return out.text();
    }

    private void word(Token t, Sequence out) {
        switch (t.text()) {
            case "and", "or" -> {
                out.closeNots();
                out.operator(t.text().equals("and") ? " && " : " || ");
            }
            case "not" -> {
                if (peek().is("in")) {
                    next();
                    out.comparison(" !~ ", t, this);
                } else {
                    out.openNot();
                }
            }
            case "in" -> out.comparison(" =~ ", t, this);
            case "is" -> test(t, out);
            case "true", "True" -> value(out, "true", t.offset());
            case "false", "False" -> value(out, "false", t.offset());
            case "none", "None", "null" -> value(out, "null", t.offset());
            case "if", "else" -> throw failure("inline 'if ... else' is not supported: write 'condition ? a : b'", t);
            default -> variable(t, out);
        }
    }

    private void symbol(Token t, Sequence out) {
        switch (t.text()) {
            case "(" -> value(out, "(" + enclosed(t, ")") + ")", t.offset());
            case "[" -> {
                String items = enclosed(t, "]");
                value(out, items.isBlank() ? "[...]" : "[" + items + ", ...]", t.offset());
            }
            case "{" -> {
                String entries = enclosed(t, "}");
                value(out, entries.isBlank() ? "{:}" : "{" + entries + "}", t.offset());
            }
            case "|" -> filter(t, out);
            case "." -> {
                if (out.hasOperand()) {
                    throw failure("unexpected '.'", t);
                }
                value(out, "r:self()", t.offset());
            }
            case "~" -> out.operator(" + '' + ");
            case "//", "**" -> throw failure("operator '" + t.text() + "' is not supported", t);
            case "=" -> throw new ExpressionFailure("single '=' in '" + source + "': use '==' to compare");
            case "-", "+" -> {
                if (out.hasOperand()) {
                    out.operator(" " + t.text() + " ");
                } else {
                    out.sign(t.text());
                }
            }
            case "==", "!=", "<", "<=", ">", ">=" -> out.comparison(" " + t.text() + " ", t, this);
            case "?", ":", "," -> {
                out.closeNots();
                out.operator(" " + t.text() + " ");
            }
            default -> out.operator(" " + t.text() + " ");
        }
    }

    private String enclosed(Token opener, String closer) {
        String inner = sequence();
        if (!peek().is(closer)) {
            throw failure("missing '" + closer + "' for the '" + opener.text() + "'", opener);
        }
        next();
        return inner;
    }

    private void variable(Token name, Sequence out) {
        if (peek().is("(")) {
            throw failure("unknown function '" + name.text() + "' (functions are not supported; use a filter: "
                    + "'value | name(args)')", name);
        }
        List<VariablePath.Segment> segments = new ArrayList<>();
        List<String> computed = new ArrayList<>();
        segments(segments, computed);
        int id = addPath(new VariablePath(name.text(), null, segments));
        out.operand(new Piece("r:v(" + id + list(computed) + ")", "r:m(" + id + list(computed) + ")"));
    }

    /** A literal or bracketed value, possibly followed by lookups: {@code (x | first).name}. */
    private void value(Sequence out, String code, int startOffset) {
        String base = source.substring(startOffset, endOfPrevious());
        List<VariablePath.Segment> segments = new ArrayList<>();
        List<String> computed = new ArrayList<>();
        if (!segments(segments, computed)) {
            out.operand(new Piece(code, null));
            return;
        }
        int id = addPath(new VariablePath(null, base, segments));
        out.operand(new Piece("r:at(" + id + ", " + code + list(computed) + ")", null));
    }

    private boolean segments(List<VariablePath.Segment> segments, List<String> computed) {
        while (true) {
            Token t = peek();
            if (t.is(".") && (peek(1).kind() == Token.Kind.IDENT || peek(1).kind() == Token.Kind.NUMBER)) {
                next();
                segments.add(new VariablePath.Segment(next().text()));
            } else if (t.is("[")) {
                next();
                String index = enclosed(t, "]");
                if (index.isBlank()) {
                    throw failure("empty '[]' after a value", t);
                }
                segments.add(new VariablePath.Segment(null));
                computed.add(index);
            } else if (t.is("(")) {
                throw failure("method calls are not supported: use a filter, e.g. 'value | lower'", t);
            } else {
                return !segments.isEmpty();
            }
        }
    }

    private void filter(Token bar, Sequence out) {
        if (!out.hasOperand()) {
            throw failure("'|' needs a value on its left", bar);
        }
        Token name = next();
        if (name.kind() != Token.Kind.IDENT) {
            throw failure("expected a filter name after '|'", bar);
        }
        if (!Filters.exists(name.text())) {
            throw new ExpressionFailure("unknown filter '" + name.text() + "' in '" + source + "'",
                    Spelling.didYouMean(name.text(), Filters.names()));
        }
        String args = peek().is("(") ? arguments(next()) : "";
        Piece operand = out.takeOperand();
        String input = Filters.acceptsUndefined(name.text()) ? operand.lenientOrCode() : operand.code();
        out.operand(new Piece("r:f('" + name.text() + "', " + input + args + ")", null));
    }

    private void test(Token is, Sequence out) {
        if (!out.hasOperand()) {
            throw failure("'is' needs a value on its left", is);
        }
        boolean negate = peek().is("not");
        if (negate) {
            next();
        }
        Token name = next();
        if (name.kind() != Token.Kind.IDENT) {
            throw failure("expected a test name after 'is'", is);
        }
        if (!IsTests.exists(name.text())) {
            throw new ExpressionFailure("unknown test 'is " + name.text() + "' in '" + source + "'",
                    Spelling.didYouMean(name.text(), IsTests.names()));
        }
        String args = "";
        if (peek().is("(")) {
            args = arguments(next());
        } else if (peek().kind() == Token.Kind.NUMBER || peek().kind() == Token.Kind.STRING) {
            args = ", [" + next().text() + ", ...]";
        }
        Piece operand = out.takeOperand();
        String input = IsTests.acceptsUndefined(name.text()) ? operand.lenientOrCode() : operand.code();
        out.operand(new Piece((negate ? "!" : "") + "r:t('" + name.text() + "', " + input + args + ")", null));
    }

    /** {@code (a, b, key=c)} as {@code , [a, b, ...], {'key': c}}; nothing for {@code ()}. */
    private String arguments(Token open) {
        List<String> positional = new ArrayList<>();
        List<String> named = new ArrayList<>();
        while (!peek().is(")") && !peek().isEnd()) {
            if (peek().kind() == Token.Kind.IDENT && peek(1).is("=")) {
                String name = next().text();
                next();
                named.add("'" + name + "': " + argument(open));
            } else if (!named.isEmpty()) {
                throw failure("a positional argument cannot follow a keyword argument", peek());
            } else {
                positional.add(argument(open));
            }
            if (!peek().is(",")) {
                break;
            }
            next();
        }
        if (!peek().is(")")) {
            throw failure("missing ')' for the '('", open);
        }
        next();
        if (positional.isEmpty() && named.isEmpty()) {
            return "";
        }
        String list = positional.isEmpty() ? ", [...]" : list(positional);
        return named.isEmpty() ? list : list + ", {" + String.join(", ", named) + "}";
    }

    private String argument(Token open) {
        String code = sequence(true);
        if (code.isBlank()) {
            throw failure("empty argument in the '('", open);
        }
        return code;
    }

    private static String list(List<String> items) {
        return items.isEmpty() ? "" : ", [" + String.join(", ", items) + ", ...]";
    }

    private int addPath(VariablePath path) {
        paths.add(path);
        return paths.size() - 1;
    }

    private int endOfPrevious() {
        Token previous = tokens.get(pos - 1);
        return previous.offset() + previous.text().length();
    }

    private Token peek() {
        return peek(0);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = peek();
        if (!t.isEnd()) {
            pos++;
        }
        return t;
    }

    private ExpressionFailure failure(String message, Token at) {
        return new ExpressionFailure(message + " at column " + (at.offset() + 1) + " in '" + source + "'");
    }
}
