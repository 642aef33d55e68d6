package io.runbook.engine.vars;

import io.runbook.engine.vars.YamlNodes.MappingMarker;
import io.runbook.engine.vars.YamlNodes.Scalar;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * YAML text as Ansible's {@code to_yaml} and {@code to_nice_yaml} write it (PyYAML's safe dumper over libyaml):
 * keys sorted, YAML 1.1 quoting ({@code 'yes'}, {@code '0777'}, {@code '2024-01-01'} stay strings), the same
 * choice of plain, single- and double-quoted scalars, flow style for collections of scalars when asked, the same
 * indentation (sequences inside mappings are not indented) and the same folding of long scalars at 80 columns.
 */
public final class PyYaml {
    private static final String BREAKS = "\n\u0085\u2028\u2029";
    private static final String BLANKS = "\0 \t\r\n\u0085\u2028\u2029";
    private final StringBuilder out = new StringBuilder();
    private final int bestIndent;
    private final int width;
    private final Boolean defaultFlow;
    private final Deque<Integer> indents = new ArrayDeque<>();
    /** The current indentation, -1 before the first node (PyYAML's None). */
    private int indent = -1;
    private int column;
    private int flowLevel;
    /** A literal ending in kept line breaks was written last: the document ends with {@code ...}. */
    private boolean openEnded;
    private boolean whitespace = true;
    private boolean indention = true;
    private boolean rootContext;
    private boolean mappingContext;
    private boolean simpleKeyContext;
    private final YamlNodes nodes;
    /** The anchored nodes already written: met again, each is written as an alias. */
    private final Set<Object> anchored = Collections.newSetFromMap(new IdentityHashMap<>());

    private PyYaml(int indent, int width, Boolean defaultFlow, YamlNodes nodes) {
        this.bestIndent = indent > 1 && indent < 10 ? indent : 2;
        this.width = width > bestIndent * 2 ? width : 80;
        this.defaultFlow = defaultFlow;
        this.nodes = nodes;
    }

    /**
     * Block style, keys sorted, 2-space indent, 80 columns, a collection met again written as an alias of its first
     * place, as {@code yaml.dump(value, default_flow_style=False)} writes a dict or list object met twice (an empty one
     * is never aliased: Java shares its empty collections where Python makes new ones).
     */
    public static String block(Object value) {
        return write(YamlNodes.of(value, true, true), 2, 80, false);
    }

    /** Flow style, keys sorted: {@code yaml.dump(value, default_flow_style=True)} (a scalar without "..."). */
    public static String flow(Object value) {
        return write(YamlNodes.of(value, true, false), 2, 80, true);
    }

    /**
     * The YAML document for value. defaultFlow null: collections of scalars in flow style; false: block style;
     * true: flow style.
     */
    static String dump(Object value, int indent, int width, Boolean defaultFlow, boolean sortKeys) {
        return write(YamlNodes.of(value, sortKeys, false), indent, width, defaultFlow);
    }

    /**
     * A result as Ansible's callbacks write it in YAML ({@code yaml.dump(result, Dumper=_AnsibleCallbackDumper(lossy),
     * default_flow_style=False, indent=indent)}): block style, keys sorted, text of several lines in the literal style.
     */
    public static String callbackBlock(Object value, int indent, boolean lossy) {
        return write(YamlNodes.withLiterals(value, new LiteralText(lossy)), indent, 80, false);
    }

    private static String write(YamlNodes nodes, int indent, int width, Boolean defaultFlow) {
        PyYaml yaml = new PyYaml(indent, width, defaultFlow, nodes);
        yaml.node(nodes.root(), true, false, false);
        yaml.writeIndent();
        if (yaml.openEnded) {
            // PyYAML's stream end after an open-ended document
            yaml.writeIndicator("...", true, false, false);
            yaml.writeIndent();
        }
        return yaml.out.toString();
    }

    private static boolean isCollection(Object node) {
        return !(node instanceof Scalar);
    }

    private static boolean isEmpty(Object node) {
        return node instanceof List<?> l && l.isEmpty();
    }

    @SuppressWarnings("unchecked")
    private boolean flowStyle(Object node) {
        if (defaultFlow != null) {
            return defaultFlow;
        }
        for (Object item : (List<Object>) node) {
            if (item instanceof Object[] pair ? isCollection(pair[0]) || isCollection(pair[1]) : isCollection(item)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMapping(Object node) {
        return node instanceof MappingMarker;
    }

    @SuppressWarnings("unchecked")
    private void node(Object node, boolean root, boolean mapping, boolean simpleKey) {
        rootContext = root;
        mappingContext = mapping;
        simpleKeyContext = simpleKey;
        String anchor = nodes.anchorOf(node);
        if (anchor != null) {
            boolean again = !anchored.add(node);
            writeIndicator((again ? "*" : "&") + anchor, true, false, false);
            if (again) {
                return;
            }
        }
        if (node instanceof Scalar s) {
            increaseIndent(true, false);
            scalar(s);
            indent = indents.pop();
            return;
        }
        List<Object> items = (List<Object>) node;
        boolean flow = flowLevel > 0 || items.isEmpty() || flowStyle(node);
        if (isMapping(node)) {
            if (flow) {
                flowMapping(items);
            } else {
                blockMapping(items);
            }
        } else if (flow) {
            flowSequence(items);
        } else {
            blockSequence(items);
        }
    }

    private void flowSequence(List<Object> items) {
        writeIndicator("[", true, true, false);
        flowLevel++;
        increaseIndent(true, false);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                writeIndicator(",", false, false, false);
            }
            if (column > width) {
                writeIndent();
            }
            node(items.get(i), false, false, false);
        }
        indent = indents.pop();
        flowLevel--;
        writeIndicator("]", false, false, false);
    }

    private void flowMapping(List<Object> pairs) {
        writeIndicator("{", true, true, false);
        flowLevel++;
        increaseIndent(true, false);
        for (int i = 0; i < pairs.size(); i++) {
            Object[] pair = (Object[]) pairs.get(i);
            if (i > 0) {
                writeIndicator(",", false, false, false);
            }
            if (column > width) {
                writeIndent();
            }
            if (simpleKey(pair[0])) {
                node(pair[0], false, true, true);
                writeIndicator(":", false, false, false);
            } else {
                writeIndicator("?", true, false, false);
                node(pair[0], false, true, false);
                if (column > width) {
                    writeIndent();
                }
                writeIndicator(":", true, false, false);
            }
            node(pair[1], false, true, false);
        }
        indent = indents.pop();
        flowLevel--;
        writeIndicator("}", false, false, false);
    }

    private void blockSequence(List<Object> items) {
        increaseIndent(false, mappingContext && !indention);
        for (Object item : items) {
            writeIndent();
            writeIndicator("-", true, false, true);
            node(item, false, false, false);
        }
        indent = indents.pop();
    }

    private void blockMapping(List<Object> pairs) {
        increaseIndent(false, false);
        for (Object p : pairs) {
            Object[] pair = (Object[]) p;
            writeIndent();
            if (simpleKey(pair[0])) {
                node(pair[0], false, true, true);
                writeIndicator(":", false, false, false);
            } else {
                writeIndicator("?", true, false, true);
                node(pair[0], false, true, false);
                writeIndent();
                writeIndicator(":", true, false, true);
            }
            node(pair[1], false, true, false);
        }
        indent = indents.pop();
    }

    private static boolean simpleKey(Object key) {
        if (key instanceof Scalar s) {
            return s.text().length() <= 128 && !Analysis.of(s.text()).multiline;
        }
        return isEmpty(key);
    }

    private void increaseIndent(boolean flow, boolean indentless) {
        indents.push(indent);
        if (indent < 0) {
            indent = flow ? bestIndent : 0;
        } else if (!indentless) {
            indent += bestIndent;
        }
    }

    private void scalar(Scalar s) {
        Analysis a = Analysis.of(s.text());
        boolean split = !simpleKeyContext;
        if (s.literal()) {
            // PyYAML's choose_scalar_style for a scalar that asks for '|': literal where allowed, else double-quoted
            if (flowLevel == 0 && !simpleKeyContext && a.allowBlock) {
                openEnded = YamlScalars.literal(this, s.text(), bestIndent);
            } else {
                YamlScalars.doubleQuoted(this, s.text(), split);
            }
            return;
        }
        if (s.plainAllowed() && !(simpleKeyContext && (a.empty || a.multiline))
                && (flowLevel > 0 ? a.allowFlowPlain : a.allowBlockPlain)) {
            YamlScalars.plain(this, s.text(), split);
        } else if (a.allowSingleQuoted && !(simpleKeyContext && a.multiline)) {
            YamlScalars.singleQuoted(this, s.text(), split);
        } else {
            YamlScalars.doubleQuoted(this, s.text(), split);
        }
    }

    // The writer, as the emitter's: YamlScalars writes scalars through these.

    void writeIndicator(String indicator, boolean needWhitespace, boolean whitespaceAfter, boolean indentionKept) {
        openEnded = false;
        String data = whitespace || !needWhitespace ? indicator : " " + indicator;
        whitespace = whitespaceAfter;
        indention = indention && indentionKept;
        column += data.length();
        out.append(data);
    }

    void writeIndent() {
        int at = Math.max(indent, 0);
        if (!indention || column > at || (column == at && !whitespace)) {
            writeLineBreak(null);
        }
        if (column < at) {
            whitespace = true;
            Jinja.limit(out.length() + (long) at - column);
            out.append(" ".repeat(at - column));
            column = at;
        }
    }

    void writeLineBreak(String data) {
        whitespace = true;
        indention = true;
        column = 0;
        out.append(data == null ? "\n" : data);
    }

    void write(String data) {
        column += data.length();
        out.append(data);
    }

    int column() {
        return column;
    }

    int width() {
        return width;
    }

    boolean whitespace() {
        return whitespace;
    }

    void whitespace(boolean value) {
        whitespace = value;
    }

    void indention(boolean value) {
        indention = value;
    }

    static boolean isBreak(char c) {
        return BREAKS.indexOf(c) >= 0;
    }

    static boolean isBlank(char c) {
        return BLANKS.indexOf(c) >= 0;
    }

    /** What a scalar's text allows: which styles, whether it spans lines. */
    static final class Analysis {
        boolean empty;
        boolean multiline;
        boolean allowFlowPlain = true;
        boolean allowBlockPlain = true;
        boolean allowSingleQuoted = true;
        boolean allowBlock = true;

        static Analysis of(String s) {
            Analysis a = new Analysis();
            if (s.isEmpty()) {
                a.empty = true;
                a.allowFlowPlain = false;
                a.allowBlock = false;
                return a;
            }
            YamlScalars.analyze(s, a);
            return a;
        }
    }
}
