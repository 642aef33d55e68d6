package io.runbook.engine.inventory;

import io.runbook.engine.report.Redactor;
import io.runbook.engine.vars.HashBehaviour;
import io.runbook.engine.vars.PyYaml;
import io.runbook.engine.vars.SecretText;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code ansible-inventory} prints of an inventory: {@code --list} and {@code --host} as JSON or YAML
 * ({@code -y}), with {@code --export} (each host's and group's own variables, groups with theirs, instead of every
 * host's merged ones) and {@code -e} (extra variables over every host's merged ones, as Ansible's variable manager
 * gives them).
 */
public final class InventoryView {
    private final Inventory inventory;
    private final boolean export;
    private final Map<String, Object> extraVars;
    private final HashBehaviour hash;

    public InventoryView(Inventory inventory, boolean export, Map<String, Object> extraVars, HashBehaviour hash) {
        this.inventory = inventory;
        this.export = export;
        this.extraVars = extraVars;
        this.hash = hash;
    }

    /** A host's variables as ansible-inventory shows them: merged (with the extra ones), or with --export its own. */
    public Map<String, Object> hostVars(String host) {
        if (export) {
            return inventory.ownHostVars(host);
        }
        Map<String, Object> merged = inventory.shownHostVars(host);
        if (extraVars.isEmpty()) {
            return merged;
        }
        Map<String, Object> out = new LinkedHashMap<>(merged);
        extraVars.forEach((k, v) -> out.put(k, out.containsKey(k) ? hash.combine(out.get(k), v) : v));
        return out;
    }

    /** {@code --list}: every group and host, JSON as Ansible's inventory scripts give it, or YAML as a YAML inventory. */
    public String list(boolean yaml) {
        Set<String> available = Set.copyOf(inventory.hostsOf(Inventory.ALL));
        return yaml ? yaml(InventoryJson.yamlTree(inventory, available, this::hostVars, export ? inventory::groupVars : null))
                : InventoryJson.list(inventory, available, this::hostVars, export ? inventory::groupVars : null);
    }

    /** {@code --host NAME}: the host's variables. */
    public String host(String name, boolean yaml) {
        Map<String, Object> vars = hostVars(name);
        return yaml ? yaml(vars) : InventoryJson.write(vars);
    }

    /**
     * PyYAML's block style with sorted keys, as ansible-inventory dumps (ending in a line break, where the JSON does
     * not: {@code --output} writes either as it is); a value no password opened shown masked.
     */
    private static String yaml(Object value) {
        return PyYaml.block(masked(value, new IdentityHashMap<>()));
    }

    /** The value with each one no password opened masked; a collection met twice stays one (PyYAML's alias). */
    private static Object masked(Object value, Map<Object, Object> done) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            Object known = done.get(value);
            if (known == null) {
                known = value instanceof Map<?, ?> map ? maskedMap(map, done)
                        : ((List<?>) value).stream().map(v -> masked(v, done)).toList();
                done.put(value, known);
            }
            return known;
        }
        if (value instanceof SecretText secret && secret.unopened() != null) {
            return Redactor.MASK;
        }
        return value;
    }

    private static Map<Object, Object> maskedMap(Map<?, ?> map, Map<Object, Object> done) {
        Map<Object, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, masked(v, done)));
        return out;
    }
}
