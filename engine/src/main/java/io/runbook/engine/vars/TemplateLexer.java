package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits template text into text, {@code {{ expression }}} and {@code {% tag %}} pieces the way Jinja's lexer does
 * with Ansible's settings (trim_blocks on, lstrip_blocks off): comments dropped, {@code {% raw %}} kept as text,
 * whitespace control ({@code {{-}, {@code -%}}, {@code +%}}) applied to the text around, and the first newline after a
 * tag or comment removed. A {@code }}} or {@code %}}} inside a string or inside brackets does not end its tag
 * ({@code {{ combine({'a': {'b': 1}}) }}}). Expressions and tag arguments are left for {@link ExprParser}.
 */
final class TemplateLexer {
    private static final Pattern END_RAW = Pattern.compile("\\{%([-+]?)\\s*endraw\\s*([-+]?)%}");

    /** A piece of a template, at the line (1-based) where it starts. */
    sealed interface Piece {
        int line();
    }

    record Text(String text, int line) implements Piece { }

    record Expr(String source, int line) implements Piece { }

    /** A tag: its name, the text after the name, and (for a tag with a body, once {@link TagTree} nested it) its body. */
    record Tag(String name, String helpers, int line, List<Piece> body) implements Piece { }

    private final String s;
    private final List<Piece> out = new ArrayList<>();
    private int pos;
    private int lineAt;
    private int line = 1;

    private TemplateLexer(String s) {
        this.s = s;
    }

    /** The template's pieces in order; a template that cannot be split fails with the line of the culprit. */
    static List<Piece> lex(String template) {
        TemplateLexer lexer = new TemplateLexer(template);
        lexer.run();
        return lexer.out;
    }

    private void run() {
        while (pos < s.length()) {
            int open = nextOpening(pos);
            if (open < 0) {
                text(s.substring(pos), false, pos);
                return;
            }
            char kind = s.charAt(open + 1);
            int inner = open + 2;
            char control = inner < s.length() ? s.charAt(inner) : 0;
            boolean leftTrim = control == '-';
            text(s.substring(pos, open), leftTrim, pos);
            if (leftTrim || control == '+' && kind != '{') {
                inner++;
            }
            switch (kind) {
                case '#' -> comment(open, inner);
                case '{' -> expression(open, inner);
                default -> tag(open, inner);
            }
        }
    }

    /** The next "{{", "{%" or "{#" at or after from, or -1. */
    private int nextOpening(int from) {
        for (int i = s.indexOf('{', from); i >= 0 && i + 1 < s.length(); i = s.indexOf('{', i + 1)) {
            char next = s.charAt(i + 1);
            if (next == '{' || next == '%' || next == '#') {
                return i;
            }
        }
        return -1;
    }

    private void text(String text, boolean rightStrip, int at) {
        String kept = rightStrip ? text.stripTrailing() : text;
        if (kept.isEmpty()) {
            return;
        }
        int line = lineOf(at);
        if (!out.isEmpty() && out.get(out.size() - 1) instanceof Text previous) {
            out.set(out.size() - 1, new Text(previous.text() + kept, previous.line()));
        } else {
            out.add(new Text(kept, line));
        }
    }

    private void comment(int open, int inner) {
        int end = s.indexOf("#}", inner);
        if (end < 0) {
            throw fail(open, "a comment is not closed ('{#' without '#}')");
        }
        after(end, end > inner ? s.charAt(end - 1) : 0);
    }

    private void expression(int open, int inner) {
        int end = closing(inner, '}');
        if (end < 0) {
            throw fail(open, "a tag is not closed ('{{' without '}}')");
        }
        boolean rightTrim = end > inner && s.charAt(end - 1) == '-';
        out.add(new Expr(s.substring(inner, rightTrim ? end - 1 : end).strip(), lineOf(open)));
        pos = end + 2;
        if (rightTrim) {
            skipWhitespace();
        }
    }

    private void tag(int open, int inner) {
        int end = closing(inner, '%');
        if (end < 0) {
            throw fail(open, "a tag is not closed ('{%' without '%}')");
        }
        char control = end > inner ? s.charAt(end - 1) : 0;
        String content = s.substring(inner, control == '-' || control == '+' ? end - 1 : end).stripLeading();
        int nameEnd = 0;
        while (nameEnd < content.length() && (Character.isLetter(content.charAt(nameEnd)) || content.charAt(nameEnd) == '_'
                || nameEnd > 0 && Character.isDigit(content.charAt(nameEnd)))) {
            nameEnd++;
        }
        if (nameEnd == 0) {
            throw fail(open, "a tag without a name ('" + s.substring(open, end + 2) + "')");
        }
        String name = content.substring(0, nameEnd);
        if (name.equals("raw")) {
            raw(open, end, control);
            return;
        }
        out.add(new Tag(name, content.substring(nameEnd), lineOf(open), new ArrayList<>()));
        after(end, control);
    }

    /** {@code {% raw %}…{% endraw %}}: the text between, as it is (no newline trimmed after the opening tag, as Jinja). */
    private void raw(int open, int end, char control) {
        pos = end + 2;
        if (control == '-') {
            skipWhitespace();
        }
        Matcher m = END_RAW.matcher(s);
        if (!m.find(pos)) {
            throw fail(open, "'{% raw %}' is not closed: '{% endraw %}' is missing");
        }
        int start = pos;
        text(s.substring(start, m.start()), m.group(1).equals("-"), start);
        after(m.end() - 2, m.group(2).isEmpty() ? 0 : m.group(2).charAt(0));
    }

    /** Moves past a tag or comment that ends at end ("%}" or "#}"), applying its whitespace control or trim_blocks. */
    private void after(int end, char control) {
        pos = end + 2;
        if (control == '-') {
            skipWhitespace();
        } else if (control != '+' && pos < s.length() && s.charAt(pos) == '\n') {
            pos++;
        }
    }

    private void skipWhitespace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    /**
     * Where the tag that starts at from ends: the index of closer in "closer}" outside strings and brackets, or -1.
     * A '}' that closes a bracket ({@code {'a': 1}}) is part of the expression.
     */
    private int closing(int from, char closer) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == closer && i + 1 < s.length() && s.charAt(i + 1) == '}' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The line (1-based) of index at, counting forwards from the last one asked (indexes only grow). */
    private int lineOf(int at) {
        if (at < lineAt) {
            line = 1;
            lineAt = 0;
        }
        for (; lineAt < at && lineAt < s.length(); lineAt++) {
            if (s.charAt(lineAt) == '\n') {
                line++;
            }
        }
        return line;
    }

    private ExpressionFailure fail(int at, String message) {
        return new ExpressionFailure("malformed template: " + message, null).withLine(lineOf(at));
    }
}
