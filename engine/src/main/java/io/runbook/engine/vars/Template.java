package io.runbook.engine.vars;

import io.runbook.engine.vars.TemplateLexer.Expr;
import io.runbook.engine.vars.TemplateLexer.Piece;
import io.runbook.engine.vars.TemplateLexer.Tag;
import io.runbook.engine.vars.TemplateLexer.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns template text into {@link TNode}s: {@link TemplateLexer} splits it (tags, whitespace control,
 * {@code {% raw %}}, comments, Ansible's trim_blocks), {@link TagTree} nests tag bodies, and every expression inside is
 * parsed here, so syntax errors, unknown tags, filters and tests are found before anything renders, with their line.
 */
final class Template {
    private final boolean literalBackslashes;

    /** literalBackslashes: a backslash in a string inside {@code {{ }}} is itself, as in Ansible's task arguments. */
    Template(boolean literalBackslashes) {
        this.literalBackslashes = literalBackslashes;
    }

    /**
     * The template's nodes. As Jinja (keep_trailing_newline off), one newline at the very end of the source is
     * dropped: an included template ends without it; a rendered one gets its trailing newlines back afterwards.
     */
    List<TNode> compile(String source) {
        return nodes(TagTree.nest(TemplateLexer.lex(withoutLastNewline(source))));
    }

    List<TNode> nodes(List<Piece> pieces) {
        List<TNode> out = new ArrayList<>();
        for (Piece piece : pieces) {
            int line = Math.max(1, piece.line());
            try {
                if (piece instanceof Text t) {
                    out.add(new TNode.Text(t.text(), line));
                } else if (piece instanceof Expr e) {
                    out.add(new TNode.Output(ExprParser.parse(e.source(), literalBackslashes), line));
                } else if (piece instanceof Tag tag) {
                    out.add(new Tags(this).compile(tag, line));
                }
            } catch (ExpressionFailure failure) {
                throw failure.withLine(line);
            }
        }
        return out;
    }

    private static String withoutLastNewline(String s) {
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        return s.endsWith("\n") || s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    static Ast expression(String source) {
        return ExprParser.parse(source);
    }
}
