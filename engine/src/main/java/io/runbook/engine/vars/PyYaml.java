package io.runbook.engine.vars;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * YAML text as Ansible's {@code to_yaml} and {@code to_nice_yaml} write it (PyYAML's safe dumper over libyaml):
 * keys sorted, YAML 1.1 quoting ({@code 'yes'}, {@code '0777'}, {@code '2024-01-01'} stay strings), the same
 * choice of plain, single- and double-quoted scalars, flow style for collections of scalars when asked, the same
 * indentation (sequences inside mappings are not indented) and the same folding of long scalars at 80 columns.
 */
public final class PyYaml {
    private static final String BREAKS = "\n\u0085\u2028\u2029";
    private static final String BLANKS = "\0 \t\r\n\u0085\u2028\u2029";
    private static final Pattern BOOL = Pattern.compile("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE"
            + "|on|On|ON|off|Off|OFF");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
            + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
            + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");
    private static final Pattern INT = Pattern.compile("[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)"
            + "|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
            + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9]"
            + "(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?");
    private static final Pattern OTHER = Pattern.compile("<<|=");

    /** A value as the representer sees it: a scalar with its text, or a collection with its flow style. */
    private record Scalar(String text, boolean plainAllowed) { }

    private final StringBuilder out = new StringBuilder();
    private final int bestIndent;
    private final int width;
    private final Boolean defaultFlow;
    private final boolean sortKeys;
    private final Deque<Integer> indents = new ArrayDeque<>();
    private long represented;
    /** The current indentation, -1 before the first node (PyYAML's None). */
    private int indent = -1;
    private int column;
    private int flowLevel;
    private boolean whitespace = true;
    private boolean indention = true;
    private boolean rootContext;
    private boolean mappingContext;
    private boolean simpleKeyContext;
    /**
     * With aliases (PyYAML's, which to_yaml does not ask for here): each collection represented by the object it came
     * from, each one met twice its anchor ({@code id001}, ... in the order met again), the anchors already written.
     */
    private IdentityHashMap<Object, Object> nodesOf;
    private IdentityHashMap<Object, String> anchors;
    private Set<Object> anchored;
    private int lastAnchor;

    private PyYaml(int indent, int width, Boolean defaultFlow, boolean sortKeys) {
        this.bestIndent = indent > 1 && indent < 10 ? indent : 2;
        this.width = width > bestIndent * 2 ? width : 80;
        this.defaultFlow = defaultFlow;
        this.sortKeys = sortKeys;
    }

    /**
     * Block style, keys sorted, 2-space indent, 80 columns, a collection met again written as an alias of its first
     * place, as {@code yaml.dump(value, default_flow_style=False)} writes a dict or list object met twice (an empty one
     * is never aliased: Java shares its empty collections where Python makes new ones).
     */
    public static String block(Object value) {
        PyYaml yaml = new PyYaml(2, 80, false, true);
        yaml.nodesOf = new IdentityHashMap<>();
        yaml.anchors = new IdentityHashMap<>();
        yaml.anchored = Collections.newSetFromMap(new IdentityHashMap<>());
        Object root = yaml.represent(value, 0);
        yaml.anchor(root);
        yaml.node(root, true, false, false);
        yaml.writeIndent();
        return yaml.out.toString();
    }

    /** PyYAML's serializer's first pass: the nodes met twice get anchors, numbered in the order they are met again. */
    private void anchor(Object node) {
        if (node instanceof Scalar) {
            return;
        }
        if (anchors.containsKey(node)) {
            if (anchors.get(node) == null) {
                anchors.put(node, String.format(java.util.Locale.ROOT, "id%03d", ++lastAnchor));
            }
            return;
        }
        anchors.put(node, null);
        for (Object item : (List<?>) node) {
            if (item instanceof Object[] pair) {
                anchor(pair[0]);
                anchor(pair[1]);
            } else {
                anchor(item);
            }
        }
    }

    /**
     * The YAML document for value. defaultFlow null: collections of scalars in flow style; false: block style;
     * true: flow style.
     */
    static String dump(Object value, int indent, int width, Boolean defaultFlow, boolean sortKeys) {
        PyYaml yaml = new PyYaml(indent, width, defaultFlow, sortKeys);
        yaml.node(yaml.represent(value, 0), true, false, false);
        yaml.writeIndent();
        return yaml.out.toString();
    }

    private Object represent(Object value, int depth) {
        represented += 2; // each value writes at least two characters ("- ", ": ", ", ")
        if (value instanceof CharSequence s) {
            represented += s.length();
        }
        Jinja.limit(represented);
        if (depth > 100) {
            throw new ExpressionFailure("to_yaml: the value nests more than 100 levels deep");
        }
        if (value instanceof Undefined u) {
            throw u.failure();
        }
        if (value == null) {
            return new Scalar("null", true);
        }
        if (value instanceof Boolean b) {
            return new Scalar(b ? "true" : "false", true);
        }
        if (PyNumbers.isInt(value)) {
            return new Scalar(PyNumbers.big(value).toString(), true);
        }
        if (value instanceof Number n) {
            return new Scalar(floatText(n.doubleValue()), true);
        }
        if (value instanceof CharSequence s) {
            return new Scalar(s.toString(), resolvesToText(s.toString()));
        }
        if (nodesOf != null && nodesOf.containsKey(value)) {
            return nodesOf.get(value);
        }
        if (value instanceof Map<?, ?> m) {
            List<Object> pairs = new MappingMarker();
            remember(value, m.isEmpty(), pairs);
            for (Map.Entry<?, ?> e : sortKeys ? sorted(m) : new ArrayList<>(m.entrySet())) {
                pairs.add(new Object[] {represent(e.getKey(), depth + 1), represent(e.getValue(), depth + 1)});
            }
            return pairs;
        }
        if (value instanceof Iterable<?> items) {
            List<Object> nodes = new ArrayList<>();
            remember(value, !items.iterator().hasNext(), nodes);
            items.forEach(i -> nodes.add(represent(i, depth + 1)));
            return nodes;
        }
        throw new ExpressionFailure("to_yaml: cannot write " + Describe.kind(value) + " as YAML");
    }

    private void remember(Object value, boolean empty, Object node) {
        if (nodesOf != null && !empty) {
            nodesOf.put(value, node);
        }
    }

    /** PyYAML's sort_keys: sorted when the keys can be compared, else in their order. */
    private static List<Map.Entry<?, ?>> sorted(Map<?, ?> m) {
        List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
        try {
            entries.sort((a, b) -> PyValues.compare(a.getKey(), b.getKey(), "<"));
        } catch (ExpressionFailure incomparable) {
            return new ArrayList<>(m.entrySet());
        }
        return entries;
    }

    static String floatText(double d) {
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        String text = PyNumbers.floatText(d).toLowerCase(java.util.Locale.ROOT);
        return !text.contains(".") && text.contains("e") ? text.replaceFirst("e", ".0e") : text;
    }

    /** Whether plain text reads back as a string under YAML 1.1 (else it is quoted). */
    private static boolean resolvesToText(String s) {
        return !(BOOL.matcher(s).matches() || FLOAT.matcher(s).matches() || INT.matcher(s).matches()
                || NULL.matcher(s).matches() || TIMESTAMP.matcher(s).matches() || OTHER.matcher(s).matches());
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
        String anchor = anchors == null ? null : anchors.get(node);
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

    /** A represented mapping: its (key, value) pairs. */
    private static final class MappingMarker extends ArrayList<Object> { }

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

        static Analysis of(String s) {
            Analysis a = new Analysis();
            if (s.isEmpty()) {
                a.empty = true;
                a.allowFlowPlain = false;
                return a;
            }
            YamlScalars.analyze(s, a);
            return a;
        }
    }
}
