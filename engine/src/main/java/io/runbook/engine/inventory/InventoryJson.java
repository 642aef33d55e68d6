package io.runbook.engine.inventory;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * JSON exactly as {@code ansible-inventory} prints it: Python's {@code json.dumps(indent=4, sort_keys=True,
 * ensure_ascii=False)}, so the two outputs can be diffed.
 */
final class InventoryJson {
    private InventoryJson() {
    }

    /**
     * The {@code --list} shape: {@code _meta.hostvars} (hosts with at least one var), {@code all.children},
     * and each non-empty group with its direct {@code hosts} and its {@code children}; empty lists are left
     * out, and groups with neither are left out (though still named in their parent's children). Only the
     * {@code available} hosts are listed, as with {@code ansible-inventory --list --limit}.
     */
    static String list(Inventory inventory, Set<String> available) {
        return list(inventory, available, inventory::shownHostVars, null);
    }

    /**
     * As {@link #list(Inventory, Set)}, each host's variables from {@code hostVars}; with {@code groupVars} (not null:
     * {@code --export}) each group's own variables too, as {@code vars}.
     */
    static String list(Inventory inventory, Set<String> available, Function<String, Map<String, Object>> hostVars,
                       Function<String, Map<String, Object>> groupVars) {
        Map<String, Object> out = new LinkedHashMap<>();
        formatGroup(inventory, Inventory.ALL, available, groupVars, new TreeSet<>(), out);
        Map<String, Object> hostvars = new LinkedHashMap<>();
        for (String host : inventory.hostsOf(Inventory.ALL)) {
            if (!available.contains(host)) {
                continue;
            }
            Map<String, Object> vars = hostVars.apply(host);
            if (!vars.isEmpty()) {
                hostvars.put(host, vars);
            }
        }
        out.put("_meta", Map.of("hostvars", hostvars));
        return write(out);
    }

    private static void formatGroup(Inventory inventory, String name, Set<String> available,
            Function<String, Map<String, Object>> groupVars, Set<String> seen, Map<String, Object> out) {
        Group group = inventory.groups().get(name);
        Map<String, Object> entry = new LinkedHashMap<>();
        out.put(name, entry);
        List<String> hosts = group.hosts().stream().filter(available::contains).toList();
        if (!name.equals(Inventory.ALL) && !hosts.isEmpty()) {
            entry.put("hosts", hosts);
        }
        List<String> children = new ArrayList<>();
        for (String child : group.children()) {
            children.add(child);
            if (seen.add(child)) {
                formatGroup(inventory, child, available, groupVars, seen, out);
            }
        }
        if (!children.isEmpty()) {
            entry.put("children", children);
        }
        putVars(entry, name, groupVars);
        if (entry.isEmpty()) {
            out.remove(name);
        }
    }

    /**
     * The {@code --list -y} shape, a YAML inventory: {@code all} with its {@code children}, each group its children and
     * its {@code hosts}, each host's variables where it is first met (depth first, in declaration order) and {}
     * elsewhere; with {@code groupVars} ({@code --export}) each group's own {@code vars}. Empty keys are left out; a
     * group with nothing stays, as {}.
     */
    static Map<String, Object> yamlTree(Inventory inventory, Set<String> available,
            Function<String, Map<String, Object>> hostVars, Function<String, Map<String, Object>> groupVars) {
        return yamlGroup(inventory, Inventory.ALL, available, hostVars, groupVars, new java.util.HashSet<>());
    }

    private static Map<String, Object> yamlGroup(Inventory inventory, String name, Set<String> available,
            Function<String, Map<String, Object>> hostVars, Function<String, Map<String, Object>> groupVars,
            Set<String> seen) {
        Group group = inventory.groups().get(name);
        Map<String, Object> entry = new LinkedHashMap<>();
        Map<String, Object> children = new LinkedHashMap<>();
        for (String child : group.children()) {
            children.putAll(yamlGroup(inventory, child, available, hostVars, groupVars, seen));
        }
        putIfAny(entry, "children", children);
        Map<String, Object> hosts = new LinkedHashMap<>();
        if (!name.equals(Inventory.ALL)) {
            for (String host : group.hosts()) {
                if (available.contains(host)) {
                    hosts.put(host, seen.add(host) ? hostVars.apply(host) : Map.of());
                }
            }
        }
        putIfAny(entry, "hosts", hosts);
        putVars(entry, name, groupVars);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(name, entry);
        return out;
    }

    private static void putVars(Map<String, Object> entry, String group, Function<String, Map<String, Object>> groupVars) {
        if (groupVars != null) {
            putIfAny(entry, "vars", shown(groupVars.apply(group)));
        }
    }

    private static void putIfAny(Map<String, Object> entry, String key, Map<String, Object> value) {
        if (!value.isEmpty()) {
            entry.put(key, value);
        }
    }

    /** A host's variables as ansible-inventory shows them: without the parser's own inventory_file and inventory_dir. */
    static Map<String, Object> shown(Map<String, Object> vars) {
        if (!vars.containsKey(Inventory.INVENTORY_FILE) && !vars.containsKey(Inventory.INVENTORY_DIR)) {
            return vars;
        }
        Map<String, Object> out = new LinkedHashMap<>(vars);
        out.remove(Inventory.INVENTORY_FILE);
        out.remove(Inventory.INVENTORY_DIR);
        return out;
    }

    /** Pretty JSON with sorted keys and four-space indent, as Python writes it. */
    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0, true);
        return sb.toString();
    }

    /** One-line JSON, for table cells. */
    static String compact(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0, false);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value, int indent, boolean pretty) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            List<Map.Entry<String, Object>> entries = new ArrayList<>(sorted.entrySet());
            writeItems(sb, '{', '}', entries.size(), indent, pretty, i -> {
                sb.append(quote(entries.get(i).getKey())).append(": ");
                write(sb, entries.get(i).getValue(), indent + 1, pretty);
            });
        } else if (value instanceof List<?> list) {
            writeItems(sb, '[', ']', list.size(), indent, pretty, i -> write(sb, list.get(i), indent + 1, pretty));
        } else if (value instanceof io.runbook.engine.vars.SecretText secret && secret.unopened() != null) {
            // a !vault value is shown masked, as every secret, without opening it: showing it is no use of it
            sb.append(quote(io.runbook.engine.report.Redactor.MASK));
        } else if (value instanceof CharSequence s) {
            sb.append(quote(s.toString()));
        } else if (value instanceof Double d && d.isInfinite()) {
            sb.append(d > 0 ? "Infinity" : "-Infinity");
        } else {
            sb.append(value);
        }
    }

    private static void writeItems(StringBuilder sb, char open, char close, int size, int indent, boolean pretty,
            java.util.function.IntConsumer item) {
        sb.append(open);
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : pretty ? "," : ", ");
            if (pretty) {
                sb.append('\n').append("    ".repeat(indent + 1));
            }
            item.accept(i);
        }
        if (pretty && size > 0) {
            sb.append('\n').append("    ".repeat(indent));
        }
        sb.append(close);
    }

    private static String quote(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }
}
