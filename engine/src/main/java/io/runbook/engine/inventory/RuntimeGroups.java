package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds a host to a group while the run goes on (the {@code group_by} module), as Ansible's
 * {@code add_dynamic_group}: a missing group is made, as a child of each parent (parents that are missing are made
 * under {@code all}); the hosts in the group get their groups and variables again, {@code group_vars/<group>} next to
 * the inventory and the playbook included.
 */
final class RuntimeGroups {
    private static final SourcePosition MADE = SourcePosition.of("(group_by)");
    private static final SourcePosition MADE_BY_ADD_HOST = SourcePosition.of("(add_host)");
    private final Map<String, Group> groups;
    private final Map<String, Host> hosts;
    private final Map<String, VarLayer> inline;
    private final Map<String, Map<String, ExplainedVar>> vars;
    private final VarPrecedence precedence;
    private boolean changed;

    RuntimeGroups(Map<String, Group> groups, Map<String, Host> hosts, Map<String, VarLayer> inline,
                  Map<String, Map<String, ExplainedVar>> vars, VarPrecedence precedence) {
        this.groups = new LinkedHashMap<>(groups);
        this.hosts = new LinkedHashMap<>(hosts);
        this.inline = new LinkedHashMap<>(inline);
        this.vars = new LinkedHashMap<>(vars);
        this.precedence = precedence;
    }

    /** The new inventory, or null when the host already was in the group under those parents. */
    Inventory add(String host, String group, List<String> parents, List<String> warnings) {
        List<String> under = parents.isEmpty() ? List.of(Inventory.ALL) : parents;
        for (String parent : under) {
            if (!groups.containsKey(parent)) {
                makeGroup(parent, Inventory.ALL);
            }
        }
        if (!groups.containsKey(group)) {
            makeGroup(group, under.get(0));
        }
        for (String parent : under) {
            addChild(parent, group);
        }
        Group g = groups.get(group);
        if (!g.hosts().contains(host)) {
            List<String> members = new ArrayList<>(g.hosts());
            members.add(inventoryPlace(members, host), host);
            groups.put(group, new Group(g.name(), g.position(), members, g.children(), g.priority(), g.depth(), g.vars()));
            changed = true;
        }
        if (!changed) {
            return null;
        }
        return rebuild(warnings, h -> false);
    }

    /**
     * Where {@code host} joins {@code members} so they stay in inventory order, not in the order the hosts' group_by
     * happened to finish (they run in parallel): before the first member declared after it.
     */
    private int inventoryPlace(List<String> members, String host) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (String name : hosts.keySet()) {
            index.put(name, index.size());
        }
        Integer mine = index.get(host);
        for (int i = 0; mine != null && i < members.size(); i++) {
            if (index.getOrDefault(members.get(i), Integer.MAX_VALUE) > mine) {
                return i;
            }
        }
        return members.size();
    }

    /**
     * The new inventory with {@code host} in it (made when missing, in {@code all}), its variables updated with
     * {@code vars} and in each of {@code groups} (made when missing); null when nothing changed. As Ansible's add_host.
     */
    Inventory addHost(String host, List<String> groups, Map<String, Object> vars, List<String> warnings) {
        VarLayer before = inline.get(host);
        Map<String, PositionedValue> merged = new LinkedHashMap<>(before == null ? Map.of() : before.vars());
        vars.forEach((k, v) -> {
            PositionedValue old = merged.get(k);
            if (old == null || !java.util.Objects.equals(old.value(), v)) {
                merged.put(k, new PositionedValue(v, MADE_BY_ADD_HOST));
                changed = true;
            }
        });
        if (!hosts.containsKey(host)) {
            // as Ansible's add_host: a host no inventory file named has them, as None
            merged.putIfAbsent(Inventory.INVENTORY_FILE, new PositionedValue(null, MADE_BY_ADD_HOST));
            merged.putIfAbsent(Inventory.INVENTORY_DIR, new PositionedValue(null, MADE_BY_ADD_HOST));
            hosts.put(host, new Host(host, List.of(Inventory.ALL), MADE_BY_ADD_HOST, false));
            Group all = this.groups.get(Inventory.ALL);
            List<String> members = new ArrayList<>(all.hosts());
            members.add(host);
            this.groups.put(Inventory.ALL, new Group(all.name(), all.position(), members, all.children(), all.priority(),
                    all.depth(), all.vars()));
            changed = true;
        }
        inline.put(host, VarLayer.ofHost("add_host", null, merged));
        for (String g : groups) {
            add(host, g, List.of(), warnings);
        }
        return changed ? rebuild(warnings, host::equals) : null;
    }

    private void makeGroup(String name, String parent) {
        int depth = groups.containsKey(parent) ? groups.get(parent).depth() + 1 : 1;
        groups.put(name, new Group(name, MADE, List.of(), List.of(), 1, depth, Map.of()));
        if (!name.equals(parent)) {
            addChild(parent, name);
        }
        changed = true;
    }

    private void addChild(String parent, String child) {
        Group p = groups.get(parent);
        if (parent.equals(child) || p.children().contains(child)) {
            return;
        }
        List<String> children = new ArrayList<>(p.children());
        children.add(child);
        groups.put(parent, new Group(p.name(), p.position(), p.hosts(), children, p.priority(), p.depth(), p.vars()));
        Group c = groups.get(child);
        if (c.depth() <= p.depth()) {
            groups.put(child, new Group(c.name(), c.position(), c.hosts(), c.children(), c.priority(), p.depth() + 1, c.vars()));
        }
        changed = true;
    }

    /** The inventory with every host's variables merged again (its vars plugins changed). */
    Inventory everyHost(List<String> warnings) {
        return rebuild(warnings, h -> true);
    }

    private Inventory rebuild(List<String> warnings, java.util.function.Predicate<String> always) {
        Map<String, List<String>> groupsOfHosts = InventoryLoader.groupsOfHosts(groups);
        VarPrecedence now = precedence.withGroups(groups);
        List<String> ties = new ArrayList<>();
        for (Map.Entry<String, Host> e : hosts.entrySet()) {
            List<String> mine = groupsOfHosts.getOrDefault(e.getKey(), List.of());
            if (!mine.equals(e.getValue().groups()) || always.test(e.getKey())) {
                Host h = e.getValue();
                e.setValue(new Host(h.name(), mine, h.position(), h.implicit()));
                vars.put(h.name(), now.merge(now.layers(h.name(), mine, inline.get(h.name())), ties));
            }
        }
        return new Inventory(hosts, groups, vars, now, warnings, inline);
    }
}
