package io.runbook.engine.inventory;

import io.runbook.engine.vars.HashBehaviour;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layers of inventory variables for one host, lowest precedence first, as Ansible's VariableManager
 * orders them: inline vars of {@code all}, inline vars of the host's other groups (by depth, then
 * {@code ansible_group_priority}, then name), {@code group_vars/all} next to each inventory source then next
 * to the playbook, {@code group_vars/<group>} likewise, then the host's inline vars, {@code host_vars/<host>}
 * next to each inventory source, then next to the playbook. Values replace, dicts are merged only with
 * hash_behaviour merge. In each of those folders the Python vars plugins' variables ({@link VarsPlugins}) come
 * before the files', as Ansible's plugin loader finds its builtin host_group_vars after every other vars plugin; the
 * files are read only when vars_plugins_enabled names host_group_vars (the playbook's not with
 * {@code run_vars_plugins: start}).
 */
final class VarPrecedence {
    private final Map<String, Group> groups;
    private final List<Path> inventoryDirs;
    private final Path playbookDir;
    private final VarsFiles files;
    private final HashBehaviour hash;
    private final VarsPlugins plugins;
    /**
     * Per kind ({@code group_vars}, {@code host_vars}), each base folder's stage name and its files by name, in look-up
     * order: named and looked up once, not for each of a thousand hosts.
     */
    private final Map<String, List<Place>> places = new java.util.concurrent.ConcurrentHashMap<>();

    /** One base folder, its vars files of one kind, and the stage its layers have. */
    private record Place(String stage, Path dir, Map<String, List<Path>> files) {
    }

    VarPrecedence(Map<String, Group> groups, List<Path> inventoryDirs, Path playbookDir, VarsFiles files,
                  HashBehaviour hash, VarsPlugins plugins) {
        this.plugins = plugins;
        this.groups = groups;
        this.inventoryDirs = inventoryDirs;
        this.playbookDir = playbookDir;
        this.files = files;
        this.hash = hash;
    }

    /** The same variable files over another set of groups (a group made at run time). */
    VarPrecedence withGroups(Map<String, Group> newGroups) {
        return new VarPrecedence(newGroups, inventoryDirs, playbookDir, files, hash, plugins);
    }

    /** The same layers with the vars plugins of the roles read since ({@link VarsPlugins#withRoleFolders}); this when none is new. */
    VarPrecedence withRoleVarsPlugins() {
        VarsPlugins now = plugins.withRoleFolders();
        return now == plugins ? this : new VarPrecedence(groups, inventoryDirs, playbookDir, files, hash, now);
    }

    /**
     * @param hostGroups the host's groups in merge order, starting with {@code all} when the host is in it
     * @param inline     the host's own inventory vars
     */
    List<VarLayer> layers(String host, List<String> hostGroups, VarLayer inline) {
        List<VarLayer> layers = new ArrayList<>();
        Group all = groups.get(Inventory.ALL);
        layers.add(VarLayer.ofGroup("inventory group", all, all.vars()));
        List<String> others = hostGroups.stream().filter(g -> !g.equals(Inventory.ALL)).toList();
        VarsPluginSettings settings = plugins.settings();
        if (settings.run().equals("start") && settings.stage().equals("task")) {
            // run_vars_plugins start: the plugins ran on the inventory sources after reading them, their variables
            // merged into each group's and host's own; none run for tasks
            addAtStart(layers, "group_vars", Inventory.ALL);
            for (String g : others) {
                layers.add(VarLayer.ofGroup("inventory group", groups.get(g), groups.get(g).vars()));
                addAtStart(layers, "group_vars", g);
            }
            layers.add(inline);
            addAtStart(layers, "host_vars", host);
            return layers;
        }
        for (String g : others) {
            layers.add(VarLayer.ofGroup("inventory group", groups.get(g), groups.get(g).vars()));
        }
        addFiles(layers, "group_vars", List.of(Inventory.ALL));
        addFiles(layers, "group_vars", others);
        layers.add(inline);
        addFiles(layers, "host_vars", List.of(host));
        return layers;
    }

    /** A group's own variables, as {@code ansible-inventory --graph --vars} shows them: its inventory vars, then its group_vars files. */
    List<VarLayer> groupLayers(String group) {
        List<VarLayer> layers = new ArrayList<>();
        layers.add(VarLayer.ofGroup("inventory group", groups.get(group), groups.get(group).vars()));
        addFiles(layers, "group_vars", List.of(group));
        return layers;
    }

    /** A host's own variables, as {@code ansible-inventory --export} shows them: its inventory vars, then its host_vars files. */
    List<VarLayer> hostLayers(String host, VarLayer inline) {
        List<VarLayer> layers = new ArrayList<>();
        layers.add(inline);
        addFiles(layers, "host_vars", List.of(host));
        return layers;
    }

    /** The inventory sources' plugins' and files' variables of {@code name}, as run_vars_plugins start merges them. */
    private void addAtStart(List<VarLayer> layers, String kind, String name) {
        for (Place place : places.computeIfAbsent(kind, this::places)) {
            if (place.stage().startsWith("inventory ")) {
                addPlace(layers, kind, List.of(name), place, "inventory");
            }
        }
    }

    private void addFiles(List<VarLayer> layers, String kind, List<String> names) {
        for (Place place : places.computeIfAbsent(kind, this::places)) {
            addPlace(layers, kind, names, place, plugins.settings().stage());
        }
    }

    private void addPlace(List<VarLayer> layers, String kind, List<String> names, Place place, String stage) {
        // the Python vars plugins of the folder first: Ansible's loader finds its builtin host_group_vars last
        Map<String, PositionedValue> given = plugins.vars(place.dir(), kind.equals("host_vars"), names, place.stage(), stage);
        if (!given.isEmpty()) {
            layers.add(VarLayer.ofHost(place.stage().replace(kind, "vars plugins"), null, given));
        }
        for (String name : names) {
            Group group = kind.equals("group_vars") ? groups.get(name) : null;
            for (Path f : place.files().getOrDefault(name, List.of())) {
                layers.add(group == null ? VarLayer.ofHost(place.stage(), name, files.read(f))
                        : VarLayer.ofGroup(place.stage(), group, files.read(f)));
            }
        }
    }

    /** The folders looked in for {@code kind}: next to each inventory source, then next to the playbook. */
    private List<Place> places(String kind) {
        List<Place> out = new ArrayList<>();
        VarsPluginSettings settings = plugins.settings();
        boolean own = settings.hostGroupVars();
        for (Path dir : inventoryDirs) {
            out.add(new Place("inventory " + kind, dir, own ? files.names(dir, kind) : Map.of()));
        }
        if (playbookDir != null) {
            out.add(new Place("playbook " + kind, playbookDir, own && settings.playbookSide() ? files.names(playbookDir, kind) : Map.of()));
        }
        return out;
    }

    /**
     * Merges layers in order; each variable keeps its winning origin and the origins it replaced (or, with
     * hash_behaviour merge, merged into).
     *
     * @param ties receives one message per variable that sibling groups both set, where only their names
     *             decided the winner (Ansible does this silently)
     */
    Map<String, ExplainedVar> merge(List<VarLayer> layers, Collection<String> ties) {
        Map<String, ExplainedVar> out = new LinkedHashMap<>();
        Map<String, VarLayer> setBy = new HashMap<>();
        for (VarLayer layer : layers) {
            String named = null;
            for (Map.Entry<String, PositionedValue> e : layer.vars().entrySet()) {
                ExplainedVar before = out.get(e.getKey());
                List<VarOrigin> overridden = List.of();
                if (before != null) {
                    overridden = new ArrayList<>(before.overridden());
                    overridden.add(before.origin());
                    if (layer.tiesWith(setBy.get(e.getKey()))) {
                        ties.add(e.getValue().position() + ": variable '" + e.getKey() + "' is set by sibling groups '"
                                + setBy.get(e.getKey()).owner() + "' (" + before.origin().position() + ") and '"
                                + layer.owner() + "'; '" + layer.owner() + "' wins by name order (set "
                                + "ansible_group_priority in the inventory to choose; group_vars files cannot set it)");
                    }
                }
                setBy.put(e.getKey(), layer);
                if (named == null) {
                    // the layer's name once for all its variables
                    named = layer.layer();
                }
                VarOrigin origin = new VarOrigin(e.getValue().position(), named);
                Object value = before == null ? e.getValue().value() : hash.combine(before.value(), e.getValue().value());
                out.put(e.getKey(), new ExplainedVar(e.getKey(), value, origin, overridden));
            }
        }
        return out;
    }
}
