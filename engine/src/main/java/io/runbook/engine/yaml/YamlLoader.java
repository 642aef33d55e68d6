package io.runbook.engine.yaml;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.vault.Vault;
import io.runbook.engine.vault.VaultCipher;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML 1.2 (core schema, plus YAML 1.1's unquoted yes/no/on/off booleans as Ansible reads them) into {@link YNode}s that keep {@code file:line:col}. Files and {@code !vault} values
 * encrypted with ansible-vault are decrypted with the {@linkplain Vault#active active vault}. Duplicate keys and
 * syntax errors become {@link UserError}s pointing at the place.
 */
public final class YamlLoader {
    private static final java.util.regex.Pattern YAML11_BOOL =
            java.util.regex.Pattern.compile("yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF");
    private YamlLoader() {
    }

    /** All documents of a file; an empty file gives an empty list. */
    public static List<YNode> loadAll(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError(null, "file not found: " + file);
        } catch (IOException e) {
            throw new UserError(null, "cannot read " + file + ": " + e.getMessage());
        }
        if (VaultCipher.isVaulted(text)) {
            // a whole file encrypted with ansible-vault (vars files, group_vars, inventory, -e @file): every
            // string in it is a secret
            List<YNode> docs = loadAll(Vault.active().decryptFile(text, new SourcePosition(file, 1, 1)), file);
            docs.forEach(YamlLoader::markSecret);
            return docs.stream().map(YamlLoader::secretCopy).toList();
        }
        return loadAll(text, file);
    }

    /** The single document of a file, or empty when the file holds no document. */
    public static Optional<YNode> load(Path file) {
        List<YNode> docs = loadAll(file);
        if (docs.size() > 1) {
            throw new UserError(docs.get(1).position(), "expected one YAML document, found " + docs.size());
        }
        return docs.stream().findFirst();
    }

    /** Parses text; {@code origin} is the file name used in positions. */
    public static List<YNode> loadAll(String text, Path origin) {
        LoadSettings settings = LoadSettings.builder().setLabel(origin.toString()).setSchema(new CoreSchema()).build();
        List<YNode> out = new ArrayList<>();
        try (Reader reader = new StringReader(text)) {
            for (Node node : new Compose(settings).composeAllFromReader(reader)) {
                out.add(convert(node, origin));
            }
        } catch (MarkedYamlEngineException e) {
            throw new UserError(position(e.getProblemMark(), origin), "invalid YAML: " + describe(e));
        } catch (YamlEngineException e) {
            throw new UserError(SourcePosition.of(origin.toString()), "invalid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new UserError(null, "cannot read " + origin + ": " + e.getMessage());
        }
        return out;
    }

    private static void markSecret(YNode node) {
        if (node instanceof YScalar scalar && scalar.value() instanceof String value) {
            Vault.active().markSecret(value);
        } else if (node instanceof YList list) {
            list.items().forEach(YamlLoader::markSecret);
        } else if (node instanceof YMap map) {
            map.entries().forEach(e -> markSecret(e.value()));
        }
    }

    /** The same document with every string a secret text: what templates make of it stays secret. */
    private static YNode secretCopy(YNode node) {
        if (node instanceof YScalar scalar && scalar.value() instanceof String value) {
            return new YScalar(new io.runbook.engine.vars.SecretText(value), scalar.text(), scalar.tag(), scalar.position());
        }
        if (node instanceof YList list) {
            return new YList(list.items().stream().map(YamlLoader::secretCopy).toList(), list.position());
        }
        if (node instanceof YMap map) {
            return new YMap(map.entries().stream().map(e -> new YMap.Entry(e.key(), e.keyPosition(), secretCopy(e.value())))
                    .toList(), map.position());
        }
        return node;
    }

    private static String describe(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "syntax error" : e.getProblem();
        return e.getContext() == null ? problem : problem + " (" + e.getContext() + ")";
    }

    private static YNode convert(Node node, Path origin) {
        SourcePosition pos = position(node.getStartMark(), origin);
        if (node instanceof ScalarNode scalar) {
            return scalar(scalar, pos);
        }
        if (node instanceof SequenceNode seq) {
            List<YNode> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                items.add(convert(item, origin));
            }
            return new YList(items, pos);
        }
        MappingNode map = (MappingNode) node;
        List<YMap.Entry> entries = new ArrayList<>();
        Map<String, SourcePosition> seen = new HashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            YNode key = convert(tuple.getKeyNode(), origin);
            if (!(key instanceof YScalar keyScalar)) {
                throw new UserError(key.position(), "a mapping key must be a plain value, not " + key.describe());
            }
            String name = keyScalar.value() == null ? "null" : keyScalar.text();
            SourcePosition first = seen.putIfAbsent(name, key.position());
            if (first != null) {
                throw new UserError(key.position(), "duplicate key '" + name + "' (first defined at line " + first.line() + ")");
            }
            entries.add(new YMap.Entry(name, key.position(), convert(tuple.getValueNode(), origin)));
        }
        return new YMap(entries, pos);
    }

    private static YScalar scalar(ScalarNode node, SourcePosition pos) {
        String text = node.getValue();
        Tag tag = node.getTag();
        String local = tag.getValue().startsWith("!") && !tag.getValue().startsWith("!!") ? tag.getValue() : null;
        Object value;
        if ("!vault".equals(local) || "!vault-encrypted".equals(local)) {
            // an inline ansible-vault value: opened now, so a missing or wrong password is found before anything runs
            String plain = Vault.active().decrypt(text, pos);
            return new YScalar(io.runbook.engine.vars.SecretText.vaulted(plain), plain, local, pos);
        }
        if ("!unsafe".equals(local)) {
            // Ansible's !unsafe: the text is used as it is, never templated
            return new YScalar(new io.runbook.engine.vars.UnsafeText(text), text, local, pos);
        }
        if (Tag.STR.equals(tag) && node.getScalarStyle() == ScalarStyle.PLAIN && YAML11_BOOL.matcher(text).matches()) {
            // Ansible reads YAML 1.1, where unquoted yes/no/on/off are booleans; without this "no" would be truthy
            value = text.toLowerCase().equals("yes") || text.toLowerCase().equals("on");
        } else if (local != null || Tag.STR.equals(tag)) {
            value = text;
        } else if (Tag.NULL.equals(tag)) {
            value = null;
        } else if (Tag.BOOL.equals(tag)) {
            value = Boolean.valueOf(text.toLowerCase());
        } else if (Tag.INT.equals(tag)) {
            value = integer(text);
        } else if (Tag.FLOAT.equals(tag)) {
            value = floating(text);
        } else {
            value = text;
        }
        return new YScalar(value, text, local, pos);
    }

    private static Object integer(String text) {
        String t = text.startsWith("+") ? text.substring(1) : text;
        long v;
        if (t.startsWith("0x")) {
            v = Long.parseLong(t.substring(2), 16);
        } else if (t.startsWith("0o")) {
            v = Long.parseLong(t.substring(2), 8);
        } else {
            v = Long.parseLong(t);
        }
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
    }

    private static Object floating(String text) {
        String t = text.toLowerCase();
        if (t.endsWith(".inf")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (t.equals(".nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(text);
    }

    private static SourcePosition position(Optional<Mark> mark, Path origin) {
        return mark.map(m -> new SourcePosition(origin, m.getLine() + 1, m.getColumn() + 1))
                .orElse(SourcePosition.of(origin.toString()));
    }
}
