package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.inventory.HostPattern;
import io.runbook.engine.inventory.Inventory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code inventory_hostnames} lookup: the names of the hosts a host pattern selects ({@code group01:!test03},
 * {@code t?s?03}, {@code all}), as Ansible's, which matches the pattern against an inventory made from the
 * {@code groups} variable (so hosts added with add_host or group_by count, and no host's variables matter).
 */
final class InventoryHostnames {
    private static final SourcePosition WHERE = SourcePosition.of("(inventory_hostnames lookup)");

    private InventoryHostnames() {
    }

    static List<Object> lookup(List<Object> terms, Frame frame) {
        if (terms.isEmpty()) {
            return new ArrayList<>();
        }
        List<String> patterns = new ArrayList<>();
        for (Object t : terms) {
            patterns.add(Secrets.plain(t));
        }
        Inventory inventory = ofGroups(frame.lookup("groups"));
        try {
            return new ArrayList<>(inventory.select(HostPattern.parse(patterns, WHERE), null).names());
        } catch (UserError e) {
            throw new ExpressionFailure(e.getMessage());
        }
    }

    /** An inventory holding the hosts of {@code groups} (name to host names), each in its groups. */
    private static Inventory ofGroups(Object groups) {
        Map<String, List<String>> groupsOfHost = new LinkedHashMap<>();
        if (groups instanceof Map<?, ?> byGroup) {
            byGroup.forEach((group, hosts) -> {
                if (hosts instanceof List<?> names) {
                    for (Object h : names) {
                        List<String> of = groupsOfHost.computeIfAbsent(Secrets.plain(h), k -> new ArrayList<>());
                        String g = Secrets.plain(group);
                        if (!g.equals(Inventory.ALL) && !g.equals(Inventory.UNGROUPED)) {
                            of.add(g);
                        }
                    }
                }
            });
        }
        Inventory inventory = Inventory.load(List.of(), null);
        for (Map.Entry<String, List<String>> e : groupsOfHost.entrySet()) {
            inventory = inventory.withHost(e.getKey(), e.getValue(), Map.of());
        }
        return inventory;
    }
}
