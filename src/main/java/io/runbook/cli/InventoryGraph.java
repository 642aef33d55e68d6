package io.runbook.cli;

import io.runbook.engine.error.UserError;
import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.inventory.InventoryView;
import io.runbook.engine.report.PythonRepr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code inventory --graph [GROUP] [--vars]}: the group tree as {@code ansible-inventory --graph} draws it, a group as
 * {@code @name:} with its child groups, then its own hosts, each level indented by {@code "  |"} and led by {@code --};
 * with {@code --vars}, each host's merged variables under it and each group's own variables after its members, as
 * {@code {name = value}} sorted by name, values written as Python's {@code str()} writes them.
 */
final class InventoryGraph {
    private final Inventory inventory;
    private final InventoryView view;
    private final boolean vars;

    InventoryGraph(Inventory inventory, InventoryView view, boolean vars) {
        this.inventory = inventory;
        this.view = view;
        this.vars = vars;
    }

    /** The graph from {@code group} down; an unknown group is refused with Ansible's words. */
    String render(String group) {
        if (!inventory.hasGroup(group)) {
            throw new UserError(null, "Pattern must be valid group name when using --graph (no group '" + group + "')",
                    io.runbook.engine.error.Suggestions.didYouMean(group, inventory.groupNames()));
        }
        List<String> lines = new ArrayList<>();
        group(group, 0, lines);
        return String.join("\n", lines);
    }

    private void group(String name, int depth, List<String> lines) {
        lines.add(line("@" + name + ":", depth));
        for (String child : inventory.childGroups(name)) {
            group(child, depth + 1, lines);
        }
        if (!name.equals(Inventory.ALL)) {
            for (String host : inventory.directHosts(name)) {
                lines.add(line(host, depth + 1));
                if (vars) {
                    shown(view.hostVars(host), depth + 2, lines);
                }
            }
        }
        if (vars) {
            shown(inventory.groupVars(name), depth + 1, lines);
        }
    }

    private static void shown(Map<String, Object> values, int depth, List<String> lines) {
        new TreeMap<>(values).forEach((k, v) -> lines.add(line("{" + k + " = " + PythonRepr.str(v) + "}", depth)));
    }

    private static String line(String text, int depth) {
        return depth == 0 ? text : "  |".repeat(depth) + "--" + text;
    }
}
