package io.runbook.engine.vars;

import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.MissingEndTagException;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.interpret.UnexpectedTokenException;
import com.hubspot.jinjava.interpret.UnknownTagException;
import com.hubspot.jinjava.lib.tag.EndTag;
import com.hubspot.jinjava.lib.tag.FlexibleTag;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.lib.tag.TagLibrary;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.TextNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import com.hubspot.jinjava.tree.parse.NoteToken;
import com.hubspot.jinjava.tree.parse.StringTokenScanner;
import com.hubspot.jinjava.tree.parse.TagToken;
import com.hubspot.jinjava.tree.parse.TextToken;
import com.hubspot.jinjava.tree.parse.Token;
import com.hubspot.jinjava.tree.parse.TokenScanner;
import com.hubspot.jinjava.tree.parse.TokenScannerSymbols;
import com.hubspot.jinjava.tree.parse.UnclosedToken;
import com.hubspot.jinjava.tree.parse.WhitespaceControlParser;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/**
 * Jinjava's tree of a template (text, expression and tag nodes, with its whitespace control), built from Jinjava's
 * token scanner and its tag library without a {@code Jinjava} or an interpreter. Jinjava's own {@code TreeParser}
 * needs a {@code JinjavaInterpreter} only to look tags up and collect errors, and an interpreter needs a whole
 * {@code Jinjava}: its global context creates every default filter, function and test (each reading its annotations
 * by reflection) and two expression factories, none of which we use, since expressions are parsed and rendered by
 * our own code. This builds the same tree as {@code TreeParser} does with our configuration (adjacent text merged)
 * and stops at its first error, which is the one we report (lstrip_blocks is done on the source: {@link LeftStrip}).
 */
final class TemplateTree {
    /** The scanner's configuration: made once, when the first template is scanned. */
    private static final class Shared {
        static final JinjavaConfig CONFIG = ScanConfig.create();
    }

    /**
     * The tags the tree knows: made once, at the first tag ({@code {% … %}}), which most playbooks never have (their
     * templates are expressions): Jinjava's library makes every default tag, about 30 classes.
     */
    private static final class Tags {
        /** Jinjava's default tags (so its scanner's and tree's notion of which tags have a body is kept), and ours. */
        static final TagLibrary TAGS = tags();

        private static TagLibrary tags() {
            TagLibrary tags = new TagLibrary(true, null);
            tags.addTag(new BlockTag("with"));
            tags.addTag(new BlockTag("filter"));
            return tags;
        }
    }

    private final JinjavaConfig config;
    private final TokenScannerSymbols symbols;
    private final boolean trimNotesAndExpressions;
    private final boolean adjacentTextNodes;
    private final List<Node> root = new LinkedList<>();
    /** The tags whose body is being read, innermost first; empty at the top level. */
    private final Deque<TagNode> open = new ArrayDeque<>();

    private TemplateTree(JinjavaConfig config) {
        this.config = config;
        this.symbols = config.getTokenScannerSymbols();
        this.trimNotesAndExpressions = config.getLegacyOverrides().isUseTrimmingForNotesAndExpressions();
        this.adjacentTextNodes = config.getLegacyOverrides().isAllowAdjacentTextNodes();
    }

    /** The template's top-level nodes; a malformed template fails at its first error, with its line. */
    static List<Node> of(String text) {
        return new TemplateTree(Shared.CONFIG).build(text);
    }

    /** As {@link #of(String)}, with the template module's trim_blocks. */
    static List<Node> of(String text, boolean trimBlocks) {
        if (trimBlocks == ScanConfig.TRIM_BLOCKS) {
            return of(text);
        }
        return new TemplateTree(ScanConfig.built(trimBlocks, ScanConfig.LSTRIP_BLOCKS)).build(text);
    }

    private List<Node> build(String text) {
        Iterator<Token> scanner = symbols.isStringBased() ? new StringTokenScanner(text, config)
                : new TokenScanner(text, config);
        Placement placement = new Placement(text);
        while (scanner.hasNext()) {
            add(placement.placed(scanner.next()));
        }
        if (!open.isEmpty()) {
            TagNode tag = open.peek();
            throw malformed(new MissingEndTagException(tag.getEndName(), tag.getMaster().getImage(),
                    tag.getLineNumber(), tag.getStartPosition()));
        }
        return root;
    }

    private void add(Token token) {
        if (token.isLeftTrim() && trims(token) && lastSibling() instanceof TextNode previous) {
            previous.getMaster().setRightTrim(true);
        }
        int type = token.getType();
        if (type == symbols.getFixed()) {
            if (token instanceof UnclosedToken) {
                throw malformed("Unclosed token", token.getLineNumber());
            }
            text((TextToken) token);
        } else if (type == symbols.getExprStart()) {
            append(new ExpressionNode(null, (ExpressionToken) token));
        } else if (type == symbols.getTag()) {
            tag((TagToken) token);
        } else if (type == symbols.getNote()) {
            if (!token.getImage().endsWith(symbols.getClosingComment())) {
                throw malformed("Unclosed comment", token.getLineNumber());
            }
        } else {
            throw malformed(new UnexpectedTokenException(token.getImage(), token.getLineNumber(), token.getStartPosition()));
        }
    }

    private void text(TextToken token) {
        Node last = lastSibling();
        if (last != null && rightTrims(last) && trims(last.getMaster())) {
            token.setLeftTrim(true);
        }
        TagNode parent = open.peek();
        if (parent != null && last == null && parent.getMaster().isRightTrim()) {
            token.setLeftTrim(true);
        }
        if (last instanceof TextNode previous && !adjacentTextNodes) {
            // adjacent text is one node, so that whitespace control applies to all of it
            ((TextToken) previous.getMaster()).mergeImageAndContent(token);
        } else {
            append(new TextNode(token));
        }
    }

    private void tag(TagToken token) {
        Tag tag = Tags.TAGS.getTag(token.getTagName());
        if (tag == null) {
            throw malformed(new UnknownTagException(token));
        }
        if (tag instanceof EndTag) {
            endTag(tag, token);
            return;
        }
        TagNode node = new TagNode(tag, token, symbols);
        append(node);
        if (node.getEndName() != null && (!(tag instanceof FlexibleTag flexible) || flexible.hasEndTag(token))) {
            open.push(node);
        }
    }

    private void endTag(Tag tag, TagToken token) {
        TagNode parent = open.poll();
        if (parent == null) {
            throw malformed("Missing start tag", token.getLineNumber());
        }
        parent.getMaster().setRightTrimAfterEnd(token.isRightTrim());
        if (!parent.getEndName().equals(tag.getEndTagName())) {
            throw malformed(new TemplateSyntaxException(token.getImage(), "Mismatched end tag, expected: "
                    + parent.getEndName(), token.getLineNumber(), token.getStartPosition()));
        }
    }

    /** A tag node's own right trim counts for what follows it when it has no body, else its end tag's. */
    private static boolean rightTrims(Node node) {
        if (node instanceof TagNode tag && tag.getEndName() != null
                && !(tag.getTag() instanceof FlexibleTag flexible && !flexible.hasEndTag((TagToken) tag.getMaster()))) {
            return tag.getMaster().isRightTrimAfterEnd();
        }
        return node.getMaster().isRightTrim();
    }

    private boolean trims(Token token) {
        return token instanceof TagToken || token instanceof TextToken || trimNotesAndExpressions;
    }

    private Node lastSibling() {
        LinkedList<Node> siblings = siblings();
        return siblings.isEmpty() ? null : siblings.getLast();
    }

    private LinkedList<Node> siblings() {
        TagNode parent = open.peek();
        return parent == null ? (LinkedList<Node>) root : parent.getChildren();
    }

    private void append(Node node) {
        node.setParent(open.peek());
        siblings().add(node);
    }

    private static ExpressionFailure malformed(TemplateSyntaxException problem) {
        return malformed(problem.getMessage(), problem.getLineNumber());
    }

    private static ExpressionFailure malformed(String message, int line) {
        return new ExpressionFailure("malformed template: " + cause(message), null).withLine(line);
    }

    /** Jinjava's message for a malformed template, in our words where we have some. */
    static String cause(String message) {
        if (message.startsWith("Unclosed token")) {
            return "a tag is not closed ('{{' without '}}' or '{%' without '%}')";
        }
        if (message.contains("Missing end tag")) {
            return message.replaceAll(".*Missing end tag: ", "'{% ").replaceAll("\\s+for tag.*$", "")
                    .replaceAll("'\\{% (\\S+).*", "'{% $1 %}' is missing") + " (" + message.strip() + ")";
        }
        return message.strip();
    }

    /** A tag with a body whose meaning is ours ({@code with}, {@code filter}); the tree only needs its name. */
    private record BlockTag(String name) implements Tag {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public String interpret(TagNode tagNode, com.hubspot.jinjava.interpret.JinjavaInterpreter interpreter) {
            throw new UnsupportedOperationException("rendered by io.runbook.engine.vars.Renderer");
        }
    }

    /**
     * Tokens with the line they start on. Jinjava's scanner drops the newline after a block tag (trim_blocks) without
     * counting it, so every line after such a tag was numbered one too low and an error on line 5 of a template with
     * two {@code {% if %}} lines was reported on line 3. The tokens are contiguous in the source but for those
     * dropped newlines, so their lines are counted here from the source itself; a token whose line is wrong is made
     * again with the right one (its image, and so its parse, is the same).
     */
    private final class Placement {
        private final String text;
        private int pos;
        private int line = 1;

        Placement(String text) {
            this.text = text;
        }

        Token placed(Token token) {
            if (pos < 0) {
                return token;
            }
            String image = token.getImage();
            int start = text.startsWith(image, pos) ? pos
                    : pos < text.length() && text.charAt(pos) == '\n' && text.startsWith(image, pos + 1) ? pos + 1 : -1;
            if (start < 0) {
                pos = -1;  // not where it was expected: leave this and the later tokens' lines as the scanner gave them
                return token;
            }
            if (start > pos) {
                line++;
            }
            int at = line;
            line += (int) image.chars().filter(c -> c == '\n').count();
            pos = start + image.length();
            return at == token.getLineNumber() ? token : renumbered(token, at);
        }

        private Token renumbered(Token token, int at) {
            WhitespaceControlParser parser = config.getLegacyOverrides().isParseWhitespaceControlStrictly()
                    ? WhitespaceControlParser.STRICT : WhitespaceControlParser.LENIENT;
            String image = token.getImage();
            int column = token.getStartPosition();
            Token made;
            if (token instanceof UnclosedToken) {
                made = new UnclosedToken(image, at, column, symbols, parser);
            } else if (token instanceof TextToken) {
                made = new TextToken(image, at, column, symbols, parser);
            } else if (token instanceof TagToken) {
                made = new TagToken(image, at, column, symbols, parser);
            } else if (token instanceof ExpressionToken) {
                made = new ExpressionToken(image, at, column, symbols, parser);
            } else if (token instanceof NoteToken) {
                made = new NoteToken(image, at, column, symbols, parser);
            } else {
                return token;
            }
            made.setLeftTrim(token.isLeftTrim());
            made.setRightTrim(token.isRightTrim());
            made.setRightTrimAfterEnd(token.isRightTrimAfterEnd());
            return made;
        }
    }
}
