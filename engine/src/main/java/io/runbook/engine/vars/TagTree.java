package io.runbook.engine.vars;

import io.runbook.engine.vars.TemplateLexer.Piece;
import io.runbook.engine.vars.TemplateLexer.Tag;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Nests the lexer's pieces: the pieces between a tag with a body ({@code {% if %}}, {@code {% for %}}, …) and its end
 * tag become that tag's body. {@code {% else %}} and {@code {% elif %}} stay in the body as markers for {@link Tags}.
 * Unknown tags, end tags that close nothing or the wrong tag, and tags never closed fail here, with their line.
 */
final class TagTree {
    private static final Set<String> WITH_BODY = Set.of("if", "for", "macro", "call", "filter", "with", "set");
    private static final Set<String> MARKERS = Set.of("else", "elif");
    /** {@code {% set a = 1 %}}, {@code {% set a, ns.b = … %}}: an assignment, no body (unlike {@code {% set a %}…}). */
    private static final Pattern ASSIGNMENT = Pattern.compile("\\s*[A-Za-z_][\\w.]*(\\s*,\\s*[A-Za-z_][\\w.]*)*\\s*=(?!=).*",
            Pattern.DOTALL);

    private TagTree() {
    }

    static List<Piece> nest(List<Piece> pieces) {
        List<Piece> root = new ArrayList<>();
        Deque<Tag> open = new ArrayDeque<>();
        for (Piece piece : pieces) {
            if (piece instanceof Tag tag && tag.name().startsWith("end") && !known(tag.name())) {
                close(open, tag);
                continue;
            }
            if (piece instanceof Tag tag && !known(tag.name())) {
                throw new ExpressionFailure("unknown tag '" + tag.name() + "'", Spelling.didYouMean(tag.name(), Tags.SUPPORTED))
                        .withLine(tag.line());
            }
            (open.isEmpty() ? root : open.peek().body()).add(piece);
            if (piece instanceof Tag tag && hasBody(tag)) {
                open.push(tag);
            }
        }
        if (!open.isEmpty()) {
            Tag unclosed = open.peek();
            throw malformed("'{% end" + unclosed.name() + " %}' is missing (the '{% " + unclosed.name() + " %}' of line "
                    + unclosed.line() + " is not closed)", unclosed.line());
        }
        return root;
    }

    private static boolean known(String name) {
        return Tags.SUPPORTED.contains(name) || MARKERS.contains(name);
    }

    private static boolean hasBody(Tag tag) {
        return WITH_BODY.contains(tag.name()) && !(tag.name().equals("set") && ASSIGNMENT.matcher(tag.helpers()).matches());
    }

    private static void close(Deque<Tag> open, Tag end) {
        String opened = end.name().substring(3);
        if (!WITH_BODY.contains(opened)) {
            throw new ExpressionFailure("unknown tag '" + end.name() + "'").withLine(end.line());
        }
        if (open.isEmpty()) {
            throw malformed("'{% " + end.name() + " %}' closes nothing: there is no '{% " + opened + " %}' open", end.line());
        }
        Tag innermost = open.peek();
        if (!innermost.name().equals(opened)) {
            throw malformed("'{% " + end.name() + " %}' where '{% end" + innermost.name() + " %}' was expected (the '{% "
                    + innermost.name() + " %}' of line " + innermost.line() + " is still open)", end.line());
        }
        open.pop();
    }

    private static ExpressionFailure malformed(String message, int line) {
        return new ExpressionFailure("malformed template: " + message, null).withLine(line);
    }
}
