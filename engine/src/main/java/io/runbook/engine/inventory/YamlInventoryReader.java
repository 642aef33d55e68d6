package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.Suggestions;
import io.runbook.engine.error.UserError;
import io.runbook.engine.yaml.YList;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import io.runbook.engine.yaml.YamlLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads one YAML (or JSON) inventory file in the format of Ansible's yaml inventory plugin into an
 * {@link InventoryBuilder}. Stricter than Ansible on purpose: an unknown key in a group is an error with a
 * "did you mean", not a skipped warning, and wrong shapes say how to write them.
 */
final class YamlInventoryReader {
    private static final List<String> GROUP_KEYS = List.of("hosts", "vars", "children");
    private static final String PRIORITY = "ansible_group_priority";

    private static final String INI_HINT = "this looks like an INI inventory: name it without the .yml/.yaml/.json ending";
    private final InventoryBuilder builder;
    private final PluginReader plugins;

    /** Reads a file whose top has {@code plugin:}: an inventory plugin's configuration, not an inventory. */
    interface PluginReader {
        void read(Path file, YMap top);
    }

    YamlInventoryReader(InventoryBuilder builder, PluginReader plugins) {
        this.builder = builder;
        this.plugins = plugins;
    }

    /** Reads the file's document, parsed by {@code loader} (which may give one it parsed before). */
    void read(Path file, Function<Path, Optional<YNode>> loader) {
        Optional<YNode> doc;
        try {
            doc = loader.apply(file);
        } catch (UserError e) {
            throw looksLikeIni(file) ? new UserError(e.position(), e.getMessage(),
                    INI_HINT) : e;
        }
        if (doc.isEmpty() || doc.get() instanceof YScalar s && s.isNull()) {
            builder.warnings.add(SourcePosition.of(file.toString()) + ": empty inventory file, no hosts read");
            return;
        }
        if (!(doc.get() instanceof YMap top)) {
            throw new UserError(doc.get().position(), "an inventory must be a mapping of group names (such as 'all:') "
                    + "to their hosts, vars and children, not " + doc.get().describe(),
                    looksLikeIni(file) ? INI_HINT : null);
        }
        if (top.entry("plugin").isPresent()) {
            plugins.read(file, top);
            return;
        }
        for (YMap.Entry e : top.entries()) {
            if (GROUP_KEYS.contains(e.key())) {
                throw new UserError(e.keyPosition(), "'" + e.key() + "' at the top of an inventory is read as a group "
                        + "name", "put it under a group, e.g. 'all:' with '" + e.key() + ":' indented below it");
            }
            readGroup(e.key(), e.keyPosition(), e.value());
        }
    }

    /** Reads a group; returns the name it has ({@link InventoryBuilder#group}). */
    private String readGroup(String written, SourcePosition where, YNode node) {
        String name = builder.group(written, where).name;
        if (node instanceof YScalar s && s.isNull()) {
            return name;
        }
        if (!(node instanceof YMap map)) {
            throw new UserError(node.position(), "group '" + name + "' must be a mapping with 'hosts', 'vars' or "
                    + "'children', not " + node.describe());
        }
        for (YMap.Entry e : map.entries()) {
            switch (e.key()) {
                case "hosts" -> readHosts(name, e.value());
                case "vars" -> readVars(name, e.value());
                case "children" -> readChildren(name, e.value());
                default -> throw unknownKey(name, e);
            }
        }
        return name;
    }

    private static UserError unknownKey(String group, YMap.Entry e) {
        String hint = Suggestions.didYouMean(e.key(), GROUP_KEYS);
        if (hint == null) {
            // Suggestions allows too few edits for 'childs' -> 'children'; a shared stem of 4+ letters is enough here
            hint = GROUP_KEYS.stream().filter(k -> e.key().length() >= 4 && k.startsWith(e.key().substring(0, 4)))
                    .findFirst().map(k -> "did you mean '" + k + "'?").orElse(null);
        }
        if (hint == null) {
            hint = "a group may only have 'hosts', 'vars' and 'children'; put variables under 'vars:'";
        }
        return new UserError(e.keyPosition(), "unknown key '" + e.key() + "' in group '" + group + "'", hint);
    }

    private void readHosts(String group, YNode node) {
        if (node instanceof YScalar s && s.value() instanceof CharSequence text && !text.toString().isBlank()) {
            String name = text.toString();
            if (name.trim().contains(" ")) {
                throw new UserError(node.position(), "hosts of group '" + group + "' must be a mapping, not the string '"
                        + name + "'", "write each host on its own line ending with ':'");
            }
            addHosts(group, name.trim(), s.position(), null);
            return;
        }
        if (node instanceof YMap map) {
            for (YMap.Entry e : map.entries()) {
                if (e.keyValue() instanceof Number || e.keyValue() instanceof Boolean) {
                    // as Ansible's yaml plugin, which refuses the file (and goes on without it: see ansible-compatibility.md)
                    throw new UserError(e.keyPosition(), "Host pattern " + e.key() + " must be a string. Enclose "
                            + "integers/floats in quotation marks.", "write '" + e.key() + "':");
                }
                addHosts(group, e.key(), e.keyPosition(), e.value());
            }
        } else if (node instanceof YList list) {
            throw new UserError(list.position(), "hosts of group '" + group + "' must be a mapping of host names to "
                    + "their vars, not a list", "write each host as 'name:' on its own line, without '- '");
        } else if (!(node instanceof YScalar s && s.isNull())) {
            throw new UserError(node.position(), "hosts of group '" + group + "' must be a mapping of host names, not "
                    + node.describe());
        }
    }

    private void addHosts(String group, String key, SourcePosition where, YNode vars) {
        if (vars != null && !(vars instanceof YMap) && !(vars instanceof YScalar s && s.isNull())) {
            throw new UserError(vars.position(), "the vars of host '" + key + "' must be a mapping, not " + vars.describe(),
                    "write them as 'name: value' lines below the host, e.g. 'ansible_host: 10.0.0.1'");
        }
        for (InventoryBuilder.HostDraft draft : builder.addHostEntry(group, key, where)) {
            if (vars instanceof YMap map) {
                for (YMap.Entry e : map.entries()) {
                    builder.setVar(draft.vars, e.key(), new PositionedValue(e.value().toPlain(), e.keyPosition()));
                }
            }
        }
    }

    private void readVars(String group, YNode node) {
        if (node instanceof YScalar s && s.isNull()) {
            return;
        }
        if (!(node instanceof YMap map)) {
            throw new UserError(node.position(), "vars of group '" + group + "' must be a mapping of variable names to "
                    + "values, not " + node.describe(), "write them as 'name: value' lines below 'vars:'");
        }
        InventoryBuilder.GroupDraft draft = builder.groups.get(group);
        for (YMap.Entry e : map.entries()) {
            if (e.key().equals(PRIORITY)) {
                draft.priority = priority(e.value());
            } else {
                builder.setVar(draft.vars, e.key(), new PositionedValue(e.value().toPlain(), e.keyPosition()));
            }
        }
    }

    private static int priority(YNode value) {
        Object v = value.toPlain();
        try {
            return v instanceof Integer i ? i : Integer.parseInt(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new UserError(value.position(), PRIORITY + " must be a whole number, not " + value.describe());
        }
    }

    private void readChildren(String group, YNode node) {
        if (node instanceof YScalar s && s.value() instanceof CharSequence text && !text.toString().isBlank()
                && !text.toString().contains(" ")) {
            String name = builder.group(text.toString(), s.position()).name;
            builder.addChild(group, name, s.position());
        } else if (node instanceof YMap map) {
            for (YMap.Entry e : map.entries()) {
                builder.addChild(group, readGroup(e.key(), e.keyPosition(), e.value()), e.keyPosition());
            }
        } else if (!(node instanceof YScalar s && s.isNull())) {
            throw new UserError(node.position(), "children of group '" + group + "' must be a mapping of group names, not "
                    + node.describe(), "write each child group as 'name:' on its own line, without '- '");
        }
    }

    /** Whether {@code file} reads as YAML whose top is a mapping (used for files whose name does not say). */
    /** The {@code plugin:} a YAML file's top names, or null (not a plugin's file, or not YAML). */
    static String pluginOf(Path file, Function<Path, Optional<YNode>> loader) {
        try {
            return loader.apply(file).filter(YMap.class::isInstance).map(YMap.class::cast).flatMap(m -> m.entry("plugin"))
                    .map(e -> e.value() instanceof YScalar v && v.value() != null ? String.valueOf(v.value()) : "").orElse(null);
        } catch (UserError e) {
            return null;
        }
    }

    static boolean isYamlMapping(Path file) {
        try {
            return YamlLoader.load(file).map(d -> d instanceof YMap).orElse(false);
        } catch (UserError e) {
            return false;
        }
    }

    private static boolean looksLikeIni(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .findFirst().map(l -> l.matches("\\[[^\\]:]+(:\\w+)?\\]")).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
