package io.runbook.engine.yaml;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.vault.Vault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Turns snakeyaml-engine nodes into {@link YNode}s: scalars typed as Ansible types them (YAML 1.1, see
 * {@link Yaml11Resolver}) or, for Kubernetes manifests and Helm values, as kubectl and Helm do
 * ({@link KubernetesScalars}); {@code !vault} values sealed (decrypted when used), duplicate keys
 * refused, and merge keys ({@code <<: *base}, {@code <<: [*a, *b]}) applied as Ansible (PyYAML) applies them:
 * the mapping's own keys win over merged ones, and among merged mappings the first that has a key wins.
 */
final class NodeConverter {
    private static final String MERGE = "<<";

    private final Path origin;
    /** Scalars were resolved by {@link Yaml11Resolver} (Ansible's typing), else by {@link KubernetesScalars}. */
    private final boolean yaml11;
    /** Inside a list or mapping tagged {@code !unsafe}: every string in it is unsafe, as Ansible's wrap_var makes it. */
    private int unsafeDepth;
    /** Strings are remembered as Ansible's AnsibleUnicode ({@link YamlText}): YAML Ansible's loader reads, not JSON. */
    private final boolean ansibleText;

    NodeConverter(Path origin, boolean yaml11, boolean ansibleText) {
        this.origin = origin;
        this.yaml11 = yaml11;
        this.ansibleText = ansibleText;
    }

    YNode convert(Node node) {
        SourcePosition pos = position(node.getStartMark());
        if (node instanceof ScalarNode scalar) {
            return scalar(scalar, pos);
        }
        if ("!unsafe".equals(node.getTag().getValue())) {
            unsafeDepth++;
            try {
                return collection(node, pos);
            } finally {
                unsafeDepth--;
            }
        }
        return collection(node, pos);
    }

    private YNode collection(Node node, SourcePosition pos) {
        if (node instanceof SequenceNode seq) {
            List<YNode> items = new ArrayList<>(seq.getValue().size());
            for (Node item : seq.getValue()) {
                items.add(convert(item));
            }
            return new YList(items, pos);
        }
        return mapping((MappingNode) node, pos);
    }

    private YMap mapping(MappingNode map, SourcePosition pos) {
        Map<String, YMap.Entry> own = new LinkedHashMap<>();
        Map<String, SourcePosition> seen = new HashMap<>();
        List<YMap> merged = new ArrayList<>();
        for (NodeTuple tuple : map.getValue()) {
            if (isMergeKey(tuple.getKeyNode())) {
                merged.addAll(mergedMappings(tuple.getValueNode()));
                continue;
            }
            YNode key = convert(tuple.getKeyNode());
            if (!(key instanceof YScalar keyScalar)) {
                throw new UserError(key.position(), "a mapping key must be a plain value, not " + key.describe());
            }
            String name = keyScalar.value() == null ? "null" : keyScalar.text();
            SourcePosition first = seen.putIfAbsent(name, key.position());
            if (first != null) {
                throw new UserError(key.position(), "duplicate key '" + name + "' (first defined at line " + first.line() + ")");
            }
            own.put(name, new YMap.Entry(name, key.position(), convert(tuple.getValueNode()), keyScalar.value()));
        }
        if (merged.isEmpty()) {
            return new YMap(new ArrayList<>(own.values()), pos);
        }
        // as PyYAML: merged keys first (the first mapping that has a key wins), then the mapping's own keys on top
        Map<String, YMap.Entry> out = new LinkedHashMap<>();
        for (YMap m : merged) {
            m.entries().forEach(e -> out.putIfAbsent(e.key(), e));
        }
        out.putAll(own);
        return new YMap(new ArrayList<>(out.values()), pos);
    }

    private static boolean isMergeKey(Node key) {
        return key instanceof ScalarNode s && MERGE.equals(s.getValue()) && s.getScalarStyle() == ScalarStyle.PLAIN;
    }

    /** The value of a merge key: a mapping (usually an alias) or a list of mappings. */
    private List<YMap> mergedMappings(Node value) {
        List<Node> items = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
        List<YMap> out = new ArrayList<>();
        for (Node item : items) {
            YNode converted = convert(item);
            if (!(converted instanceof YMap m)) {
                throw new UserError(position(value.getStartMark()), "a merge key '<<' takes a mapping or a list of mappings"
                        + " (such as *base or [*base, *extra]), not " + converted.describe());
            }
            out.add(m);
        }
        return out;
    }

    private YScalar scalar(ScalarNode node, SourcePosition pos) {
        String text = node.getValue();
        Tag tag = node.getTag();
        String local = tag.getValue().startsWith("!") && !tag.getValue().startsWith("!!") ? tag.getValue() : null;
        Object value;
        if ("!vault".equals(local) || "!vault-encrypted".equals(local)) {
            // an inline ansible-vault value: a malformed envelope is refused now; it is decrypted when first used, as
            // Ansible does, so a value for a vault id whose password was not given is harmless until a template reads it
            return new YScalar(io.runbook.engine.vars.SecretText.vaulted(Vault.active().seal(text, pos)), text, local, pos);
        }
        if ("!unsafe".equals(local) || unsafeDepth > 0 && (Tag.STR.equals(tag) || local != null)) {
            // Ansible's !unsafe: the text is used as it is, never templated
            return new YScalar(new io.runbook.engine.vars.UnsafeText(text), text, local, pos);
        }
        if (local != null) {
            value = text;
        } else if (yaml11) {
            value = yaml11Value(tag, text, pos);
            if (ansibleText && value instanceof String s) {
                // an instance of its own (a parser may hand out shared ones, such as ""), the key's text too
                String own = new String(s);
                YamlText.mark(own);
                return new YScalar(own, s.equals(text) ? own : text, null, pos);
            }
        } else {
            value = kubernetesValue(tag, text, pos);
        }
        return new YScalar(value, text, local, pos);
    }

    private static Object yaml11Value(Tag tag, String text, SourcePosition pos) {
        try {
            return Yaml11Scalars.value(tag, text);
        } catch (IllegalArgumentException e) {
            throw new UserError(pos, e.getMessage(), "quote it to keep it as text");
        }
    }

    private static Object kubernetesValue(Tag tag, String text, SourcePosition pos) {
        if (Tag.STR.equals(tag)) {
            return text;
        }
        try {
            return KubernetesScalars.value(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(pos, e.getMessage(), "quote it to keep it as text");
        }
    }

    SourcePosition position(Optional<Mark> mark) {
        return mark.map(m -> new SourcePosition(origin, m.getLine() + 1, m.getColumn() + 1))
                .orElse(SourcePosition.of(origin.toString()));
    }
}
