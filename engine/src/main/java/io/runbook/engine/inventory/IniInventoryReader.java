package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an INI inventory as Ansible's ini plugin does: hosts before any section are ungrouped; {@code [g]} lists
 * hosts (with ranges, {@code :port} and inline {@code key=value} vars), {@code [g:vars]} sets group vars and
 * {@code [g:children]} adds child groups, which may be declared further down. Values follow Ansible's type rules:
 * a value that is a Python literal ({@code 42}, {@code True}, {@code [1, 2]}, {@code 'text'}) has that type, any
 * other value is text. Inline host vars are split like a shell line first, so {@code a="1"} there is the number 1,
 * while in a {@code :vars} section it is the string "1".
 */
final class IniInventoryReader {
    private static final Pattern SECTION = Pattern.compile("^\\[([^:\\]\\s]+)(?::(\\w+))?\\]\\s*(?:[#;].*)?$");
    private static final Pattern GROUP_NAME = Pattern.compile("^([^:\\]\\s]+)\\s*(?:#.*)?$");

    private final InventoryBuilder builder;
    /** The file being read was encrypted whole: its variables' text values are secret (its host and group names are not). */
    private boolean vaulted;

    IniInventoryReader(InventoryBuilder builder) {
        this.builder = builder;
    }

    /** True when the first line that is not blank or a comment is a {@code [section]} header. */
    static boolean looksLikeIni(Path file) {
        try {
            return lines(file).stream().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith(";"))
                    .findFirst().map(l -> SECTION.matcher(l).matches()).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The file's lines; a file encrypted whole with ansible-vault is decrypted first (as Ansible reads it). */
    private static List<String> lines(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (io.runbook.engine.vault.VaultCipher.isVaulted(text)) {
            text = io.runbook.engine.vault.Vault.active().decryptFile(text, new SourcePosition(file, 1, 1));
        }
        return text.lines().toList();
    }

    void read(Path file) {
        List<String> lines;
        try {
            lines = lines(file);
            vaulted = io.runbook.engine.vault.VaultCipher.isVaulted(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserError(SourcePosition.of(file.toString()), "cannot read the inventory: " + e.getMessage());
        }
        Map<String, Pending> pending = new LinkedHashMap<>();
        String group = Inventory.UNGROUPED;
        String state = "hosts";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            SourcePosition where = new SourcePosition(file, i + 1, 1);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                // as Ansible's ini plugin: the header's name made safe, then once more when the group is new
                group = builder.safeName(m.group(1));
                state = m.group(2) == null ? "hosts" : m.group(2);
                section(group, state, where, pending);
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                throw new UserError(where, "invalid section '" + line + "': a section is [group], [group:vars] or "
                        + "[group:children], without spaces");
            }
            switch (state) {
                case "hosts" -> hostLine(group, line, where);
                case "vars" -> varLine(group, line, where);
                default -> childLine(group, line, where, pending);
            }
        }
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            throw new UserError(p.where, p.vars ? "section [" + e.getKey() + ":vars] is for a group that is not declared"
                    + " anywhere in this file" : "section [" + p.parents.get(p.parents.size() - 1) + ":children] names "
                    + "group '" + e.getKey() + "', which is not declared anywhere in this file",
                    "declare it with a [" + e.getKey() + "] or [" + e.getKey() + ":children] section");
        }
    }

    /** A group named before it is declared: in a :vars header, or as a child. */
    private static final class Pending {
        final SourcePosition where;
        final boolean vars;
        final List<String> parents = new ArrayList<>();

        Pending(SourcePosition where, boolean vars) {
            this.where = where;
            this.vars = vars;
        }
    }

    private void section(String group, String state, SourcePosition where, Map<String, Pending> pending) {
        if (!state.equals("hosts") && !state.equals("vars") && !state.equals("children")) {
            throw new UserError(where, "section [" + group + ":" + state + "] has an unknown type '" + state + "'",
                    "use [" + group + "], [" + group + ":vars] or [" + group + ":children]");
        }
        if (!builder.groups.containsKey(group) && state.equals("vars") && !pending.containsKey(group)) {
            pending.put(group, new Pending(where, true));
        }
        builder.group(group, where);
        Pending waiting = pending.get(group);
        if (waiting != null && !state.equals("vars")) {
            pending.remove(group);
            for (String parent : waiting.parents) {
                builder.addChild(parent, group, waiting.where);
            }
        }
    }

    private void hostLine(String group, String line, SourcePosition where) {
        List<String> tokens = ShellWords.split(line, where);
        if (tokens.isEmpty()) {
            return;
        }
        String pattern = tokens.get(0);
        if (pattern.endsWith(":")) {
            throw new UserError(where, "Invalid host pattern '" + pattern + "' supplied, ending in ':' is not allowed, this "
                    + "character is reserved to provide a port.",
                    "this looks like YAML: give the file a .yml extension, or remove the ':'");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        for (String t : tokens.subList(1, tokens.size())) {
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new UserError(where, "Expected key=value host variable assignment, got: " + t);
            }
            vars.put(t.substring(0, eq), io.runbook.engine.vars.PythonLiteral.valueOrText(t.substring(eq + 1)));
        }
        for (InventoryBuilder.HostDraft draft : builder.addHostEntry(group, pattern, where)) {
            vars.forEach((k, v) -> builder.setVar(draft.vars, k, new PositionedValue(secretIfVaulted(v), where)));
        }
    }

    private void varLine(String group, String line, SourcePosition where) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            throw new UserError(where, "expected key=value in [" + group + ":vars], got '" + line + "'");
        }
        String key = line.substring(0, eq).strip();
        Object value = io.runbook.engine.vars.PythonLiteral.valueOrText(line.substring(eq + 1).strip());
        InventoryBuilder.GroupDraft draft = builder.groups.get(group);
        if (key.equals("ansible_group_priority")) {
            try {
                draft.priority = value instanceof Integer n ? n : Integer.parseInt(String.valueOf(value).strip());
            } catch (NumberFormatException e) {
                throw new UserError(where, "ansible_group_priority must be a whole number, not '" + value + "'");
            }
            return;
        }
        builder.setVar(draft.vars, key, new PositionedValue(secretIfVaulted(value), where));
    }

    /** A text value of a file encrypted whole is secret, as every string of an encrypted YAML file. */
    private Object secretIfVaulted(Object value) {
        if (vaulted && value instanceof String text) {
            io.runbook.engine.vault.Vault.active().markSecret(text);
            return new io.runbook.engine.vars.SecretText(text);
        }
        return value;
    }

    private void childLine(String parent, String line, SourcePosition where, Map<String, Pending> pending) {
        Matcher m = GROUP_NAME.matcher(line);
        if (!m.matches()) {
            throw new UserError(where, "expected a group name in [" + parent + ":children], got '" + line + "'");
        }
        String child = m.group(1);
        if (builder.groups.containsKey(child)) {
            builder.addChild(parent, child, where);
        } else {
            pending.computeIfAbsent(child, c -> new Pending(where, false)).parents.add(parent);
        }
    }
}
