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
import com.hubspot.jinjava.tree.parse.StringTokenScanner;
import com.hubspot.jinjava.tree.parse.TagToken;
import com.hubspot.jinjava.tree.parse.TextToken;
import com.hubspot.jinjava.tree.parse.Token;
import com.hubspot.jinjava.tree.parse.TokenScanner;
import com.hubspot.jinjava.tree.parse.TokenScannerSymbols;
import com.hubspot.jinjava.tree.parse.UnclosedToken;
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
    /** The scanner's configuration and the tags it knows: made once, when the first template is scanned. */
    private static final class Shared {
        static final JinjavaConfig CONFIG = ScanConfig.create();
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
        while (scanner.hasNext()) {
            add(scanner.next());
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
        Tag tag = Shared.TAGS.getTag(token.getTagName());
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
}
