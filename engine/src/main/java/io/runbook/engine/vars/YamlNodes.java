package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * PyYAML's representer for {@link PyYaml}: a value as the nodes the emitter writes (a {@link Scalar} with its text and
 * whether it may stay plain, a {@link MappingMarker} of key/value pairs, a list of items), keys sorted when asked, and
 * with aliases the anchors of the collections met more than once.
 */
final class YamlNodes {
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

    /**
     * A scalar as the representer sees it: its text, whether it may be written plain (it reads back as text), and
     * whether it asks for the literal block style ({@code |}, Ansible's callbacks' for text of several lines).
     */
    record Scalar(String text, boolean plainAllowed, boolean literal) {
        Scalar(String text, boolean plainAllowed) {
            this(text, plainAllowed, false);
        }
    }

    /** A represented mapping: its (key, value) pairs. */
    static final class MappingMarker extends ArrayList<Object> { }

    private final boolean sortKeys;
    /** Text with line breaks asks for the literal style, made readable first when lossy ({@link LiteralText}). */
    private LiteralText literals;
    private long represented;
    private Object root;
    /**
     * With aliases (PyYAML's, which to_yaml does not ask for here): each collection's node by the object it came from,
     * and each node met twice its anchor ({@code id001}, ... in the order met again).
     */
    private IdentityHashMap<Object, Object> nodesOf;
    private IdentityHashMap<Object, String> anchors;
    private int lastAnchor;


    private YamlNodes(boolean sortKeys, boolean aliases) {
        this.sortKeys = sortKeys;
        if (aliases) {
            nodesOf = new IdentityHashMap<>();
            anchors = new IdentityHashMap<>();
        }
    }

    /** As {@link #of(Object, boolean, boolean)}, text of several lines in the literal style ({@link LiteralText}). */
    static YamlNodes withLiterals(Object value, LiteralText literals) {
        YamlNodes nodes = new YamlNodes(true, false);
        nodes.literals = literals;
        nodes.root = nodes.represent(value, 0);
        return nodes;
    }

    /** The nodes of {@code value}; with {@code aliases}, a collection met again is the node of its first place. */
    static YamlNodes of(Object value, boolean sortKeys, boolean aliases) {
        YamlNodes nodes = new YamlNodes(sortKeys, aliases);
        nodes.root = nodes.represent(value, 0);
        if (aliases) {
            nodes.anchor(nodes.root);
        }
        return nodes;
    }

    /** The node of the whole value. */
    Object root() {
        return root;
    }

    /** The node's anchor ({@code id001}, ...) when it is met more than once, else null. */
    String anchorOf(Object node) {
        return anchors == null ? null : anchors.get(node);
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
        if (value instanceof CharSequence s && literals != null && LiteralText.hasBreak(s.toString())) {
            String text = literals.text(s.toString());
            return new Scalar(text, resolvesToText(text), true);
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
}
