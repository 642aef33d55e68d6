package io.runbook.engine.vars;

import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.TextNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import com.hubspot.jinjava.tree.parse.TextToken;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns template text into {@link TNode}s: Jinjava's scanner reads its tokens and {@link TemplateTree} makes Jinjava's
 * tree of them (tags, whitespace control, {@code {% raw %}}, comments, Ansible's trim_blocks), and every expression
 * inside is parsed here, so syntax errors, unknown tags, filters and tests are found before anything renders, with
 * their line.
 */
final class Template {
    /** Stands for a '}' that closes a bracket inside an expression, so '}}' in {@code {'a': {'b': 1}}} does not end the tag. */
    static final char CLOSE_BRACE = '\uE000';
    /** Written after a tag's {@code %}}} where the tag ended in {@code +%}}: the newline after it is kept. */
    private static final char KEEP_NEWLINE = '\uE001';

    private final boolean literalBackslashes;
    private final TemplateOptions options;

    /**
     * literalBackslashes: a backslash in a string inside {@code {{ }}} is itself, as in Ansible's task arguments.
     * Jinjava's scanner is set up when the first template is scanned, not here: a playbook without templates never
     * needs it.
     */
    Template(boolean literalBackslashes) {
        this(literalBackslashes, TemplateOptions.DEFAULT);
    }

    /** A template file's reader with the template module's trim_blocks, lstrip_blocks and newline_sequence. */
    Template(boolean literalBackslashes, TemplateOptions options) {
        this.literalBackslashes = literalBackslashes;
        this.options = options;
    }

    /**
     * The template's nodes. As Jinja (keep_trailing_newline off), one newline at the very end of the source is
     * dropped: an included template ends without it; a rendered one gets its trailing newlines back afterwards.
     */
    List<TNode> compile(String source) {
        String read = withoutLastNewline(source);
        String prepared = plusMarkers(protectBraces(options.lstripBlocks() ? LeftStrip.apply(read) : read));
        return nodes(options.isDefault() ? TemplateTree.of(prepared) : TemplateTree.of(prepared, options.trimBlocks()));
    }

    List<TNode> nodes(List<Node> children) {
        List<TNode> out = new ArrayList<>();
        for (Node n : children) {
            int line = Math.max(1, n.getLineNumber());
            try {
                if (n instanceof TextNode t) {
                    out.add(new TNode.Text(newlines(text(((TextToken) t.getMaster()).output())), line));
                } else if (n instanceof ExpressionNode e) {
                    String expr = ((ExpressionToken) e.getMaster()).getExpr().replace(CLOSE_BRACE, '}');
                    out.add(new TNode.Output(ExprParser.parse(expr, literalBackslashes), line));
                } else if (n instanceof TagNode tag) {
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

    /**
     * With newline_sequence set, as Jinja's lexer does, every newline of the template's own text (all {@code \n} by
     * now: {@link Jinja} reads a file's {@code \r\n} and {@code \r} as {@code \n}) is written as that sequence; what
     * expressions give is left as it is.
     */
    private String newlines(String s) {
        return options.isDefault() ? s : s.replace("\n", options.newlineSequence());
    }

    static String text(String s) {
        return s.indexOf(KEEP_NEWLINE) < 0 ? s : s.replace(String.valueOf(KEEP_NEWLINE), "");
    }

    /**
     * Jinja's {@code {%+} (no lstrip for this tag: we never lstrip) and {@code +%}} (no trim_blocks for this tag):
     * rewritten at the same length into what Jinjava knows, with a marker that stops it trimming the newline.
     */
    static String plusMarkers(String s) {
        if (!s.contains("+%}") && !s.contains("{%+")) {
            return s;
        }
        return s.replace("{%+", "{% ").replace("+%}", "%}" + KEEP_NEWLINE);
    }

    static Ast expression(String source) {
        return ExprParser.parse(source.replace(CLOSE_BRACE, '}'));
    }

    /**
     * Replaces each '}' that closes a bracket inside {@code {{ }}} or {@code {% %}} by {@link #CLOSE_BRACE}
     * (same length, so lines and columns stay right). Strings, comments and raw blocks are left alone.
     */
    static String protectBraces(String s) {
        if (s.indexOf('}') < 0 || (!s.contains("{{") && !s.contains("{%"))) {
            return s;
        }
        char[] out = s.toCharArray();
        int i = 0;
        while (i < out.length - 1) {
            if (out[i] == '{' && out[i + 1] == '#') {
                int end = s.indexOf("#}", i + 2);
                i = end < 0 ? out.length : end + 2;
            } else if (out[i] == '{' && (out[i + 1] == '{' || out[i + 1] == '%')) {
                if (out[i + 1] == '%' && opensRaw(s, i + 2)) {
                    int end = s.indexOf("endraw", i);
                    i = end < 0 ? out.length : end;
                    continue;
                }
                i = protectTag(out, i + 2, out[i + 1] == '{' ? '}' : '%');
            } else {
                i++;
            }
        }
        return new String(out);
    }

    /** True when the tag whose text starts at {@code from} (after its {@code {%}) is {@code raw}, as {@code {%- raw}. */
    private static boolean opensRaw(String s, int from) {
        int i = afterWhitespace(s, from);
        if (i < s.length() && s.charAt(i) == '-') {
            i = afterWhitespace(s, i + 1);
        }
        return s.startsWith("raw", i);
    }

    private static int afterWhitespace(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int protectTag(char[] s, int from, char closer) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < s.length; i++) {
            char c = s[i];
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
                s[i] = CLOSE_BRACE;
            } else if (c == closer && i + 1 < s.length && s[i + 1] == '}' && depth == 0) {
                return i + 2;
            }
        }
        return s.length;
    }
}
