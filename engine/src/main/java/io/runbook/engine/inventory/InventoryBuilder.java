package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.vars.HashBehaviour;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutable groups and hosts while inventory sources are read, in first-declared order. Later sources set
 * vars over earlier ones. {@link #reconcile()} then applies Ansible's rules: groups without a parent become
 * children of {@code all}, hosts in no group but {@code all} go to {@code ungrouped}.
 */
final class InventoryBuilder {
    static final class GroupDraft {
        final String name;
        final SourcePosition position;
        final Set<String> hosts = new LinkedHashSet<>();
        final Set<String> children = new LinkedHashSet<>();
        final Set<String> parents = new LinkedHashSet<>();
        final Map<String, PositionedValue> vars = new LinkedHashMap<>();
        int priority = 1;

        GroupDraft(String name, SourcePosition position) {
            this.name = name;
            this.position = position;
        }
    }

    static final class HostDraft {
        final String name;
        final SourcePosition position;
        final Map<String, PositionedValue> vars = new LinkedHashMap<>();

        HostDraft(String name, SourcePosition position) {
            this.name = name;
            this.position = position;
        }
    }

    final Map<String, GroupDraft> groups = new LinkedHashMap<>();
    final Map<String, HostDraft> hosts = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();
    /** Lines shown from -vvvv on (what became of a group name with invalid characters). */
    final List<String> details = new ArrayList<>();
    final HashBehaviour hash;
    private final GroupNameChars groupNameChars;
    private final GroupNameChars.Notes notes = new GroupNameChars.Notes() {
        @Override
        public void detail(String line) {
            details.add(line);
        }

        @Override
        public void warning(String text) {
            if (!warnings.contains(text)) {
                warnings.add(text);
            }
        }
    };

    InventoryBuilder(HashBehaviour hash, GroupNameChars groupNameChars) {
        this.hash = hash;
        this.groupNameChars = groupNameChars;
        SourcePosition implicit = SourcePosition.of("(implicit)");
        group(Inventory.ALL, implicit);
        group(Inventory.UNGROUPED, implicit);
        addChild(Inventory.ALL, Inventory.UNGROUPED, implicit);
    }

    /** A variable set again in the same group or host (a later source): combined as Ansible's set_variable does. */
    void setVar(Map<String, PositionedValue> vars, String key, PositionedValue value) {
        PositionedValue before = vars.get(key);
        vars.put(key, before == null ? value : new PositionedValue(hash.combine(before.value(), value.value()), value.position()));
    }

    /**
     * The group {@code name}, made when new: a new group's name is first made safe ({@link GroupNameChars}), as
     * Ansible's {@code Group} does; the name it has is the draft's {@code name}.
     */
    GroupDraft group(String name, SourcePosition where) {
        GroupDraft known = groups.get(name);
        return known != null ? known : groups.computeIfAbsent(safeName(name), n -> new GroupDraft(n, where));
    }

    /** A group name as the inventory setting makes it ({@link GroupNameChars}), noting what it says. */
    String safeName(String name) {
        return groupNameChars.safe(name, notes);
    }

    HostDraft addHost(String group, String name, SourcePosition where) {
        HostDraft host = hosts.computeIfAbsent(name, n -> new HostDraft(n, where));
        groups.get(group).hosts.add(name);
        return host;
    }

    /**
     * Adds host {@code name} to {@code group}, the port of the address it was written as ({@code address}) its
     * {@code ansible_port} when the host is new to the inventory and the port is not 0, as Ansible's {@code Host} takes it.
     */
    HostDraft addHost(String group, String name, HostAddress address, SourcePosition where) {
        boolean known = hosts.containsKey(name);
        HostDraft host = addHost(group, name, where);
        if (!known && address.hasPort()) {
            host.vars.put("ansible_port", new PositionedValue(address.port(), where));
        }
        return host;
    }

    /**
     * Adds the hosts a host entry of an inventory file names ({@code web[01:10]:2222}, {@code [fe80::1]:22}), as Ansible's
     * {@code _expand_hostpattern} reads one: an address with ranges ({@link HostAddress}; an entry that is none is the
     * name as written, without a port), its ranges expanded ({@link HostRange}).
     */
    List<HostDraft> addHostEntry(String group, String entry, SourcePosition where) {
        HostAddress address = HostAddress.parseOrKeep(entry, true);
        List<HostDraft> added = new ArrayList<>();
        for (String name : HostRange.expand(address.host(), where)) {
            added.add(addHost(group, name, address, where));
        }
        return added;
    }

    void addChild(String parent, String child, SourcePosition where) {
        if (child.equals(Inventory.ALL)) {
            throw new UserError(where, "group 'all' cannot be a child of '" + parent + "': every group is already below 'all'");
        }
        if (parent.equals(child) || descendants(child).contains(parent)) {
            throw new UserError(where, "adding group '" + child + "' as a child of '" + parent
                    + "' creates a loop: '" + parent + "' is already below '" + child + "'");
        }
        groups.get(parent).children.add(child);
        groups.get(child).parents.add(parent);
    }

    Set<String> descendants(String group) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(groups.get(group).children);
        while (!todo.isEmpty()) {
            String g = todo.remove(0);
            if (seen.add(g)) {
                todo.addAll(groups.get(g).children);
            }
        }
        return seen;
    }

    void reconcile() {
        for (GroupDraft g : groups.values()) {
            if (!g.name.equals(Inventory.ALL) && g.parents.isEmpty()) {
                addChild(Inventory.ALL, g.name, g.position);
            }
        }
        GroupDraft ungrouped = groups.get(Inventory.UNGROUPED);
        for (HostDraft h : hosts.values()) {
            boolean grouped = groups.values().stream()
                    .anyMatch(g -> g.hosts.contains(h.name) && !g.name.equals(Inventory.ALL) && g != ungrouped);
            if (grouped) {
                ungrouped.hosts.remove(h.name);
            } else {
                ungrouped.hosts.add(h.name);
            }
            if (groups.containsKey(h.name)) {
                warnings.add(h.position + ": found both a group and a host named '" + h.name
                        + "'; patterns will match the host");
            }
        }
    }

    /** Depth of every group: all = 0, else one more than its deepest parent. */
    Map<String, Integer> depths() {
        Map<String, Integer> depth = new HashMap<>();
        for (String name : groups.keySet()) {
            depthOf(name, depth);
        }
        return depth;
    }

    private int depthOf(String name, Map<String, Integer> memo) {
        Integer known = memo.get(name);
        if (known != null) {
            return known;
        }
        int d = 0;
        for (String parent : groups.get(name).parents) {
            d = Math.max(d, depthOf(parent, memo) + 1);
        }
        memo.put(name, d);
        return d;
    }
}
