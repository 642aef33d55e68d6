package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.Suggestions;
import io.runbook.engine.error.UserError;
import io.runbook.engine.vars.HashBehaviour;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@code -i} sources into an {@link Inventory}: YAML files, directories of them (ASCII order, recursive,
 * skipping hidden files, {@code group_vars/}, {@code host_vars/} and Ansible's ignored extensions) and comma
 * lists such as {@code host1,host2,}. Reads group_vars/host_vars next to each source and the playbook. A source that
 * is neither (a file or folder that is not there) or a folder with nothing to read in it (a subfolder too) is left
 * out with a warning, as ansible-playbook does: with no source read, only the implicit localhost is there; or is an
 * error, as {@link InventorySettings} says.
 */
final class InventoryLoader {
    // Ansible's INVENTORY_IGNORE_EXTS: files with these endings in an inventory directory are not read (.ini too)
    private static final List<String> IGNORED = List.of("~", ".orig", ".ini", ".cfg", ".retry", ".pyc", ".pyo", ".md",
            ".swp", ".bak", ".rpm", ".txt", ".rst");
    // lab-seed holds Kubernetes manifests for the embedded lab (see the README), not inventory
    private static final Set<String> SKIPPED_DIRS = Set.of("group_vars", "host_vars", "vars_plugins", "lab-seed");

    private final HashBehaviour hash;
    private final InventoryBuilder builder;
    private final YamlInventoryReader reader;
    private final IniInventoryReader ini;
    private final Set<Path> inventoryDirs = new LinkedHashSet<>();
    /** The folders of the files read so far, in order: a constructed source's use_vars_plugins looks there. */
    private final Set<Path> readDirs = new LinkedHashSet<>();
    private final List<String> unparsed = new ArrayList<>();
    private final InventorySettings inventorySettings;
    private final List<VerboseLine> pluginsUsed = new ArrayList<>();
    private final Map<String, Object> extraVars;
    private final VarsFiles files;
    /** The controller's ansible-core, for the plugins the engine has not. */
    private PythonInventoryPlugin python;
    /** The enabled plugins the engine has not that the controller's ansible-core loads, in order. */
    private final List<String> pythonPlugins = new ArrayList<>();
    private PluginChain chain;

    InventoryLoader(HashBehaviour hash, GroupNameChars groupNameChars, Map<String, Object> extraVars,
                    InventorySettings inventorySettings) {
        this.hash = hash;
        this.inventorySettings = inventorySettings;
        this.extraVars = extraVars;
        this.files = new VarsFiles(inventorySettings.vars().demanded());
        builder = new InventoryBuilder(hash, groupNameChars);
        reader = new YamlInventoryReader(builder, this::readPlugin);
        ini = new IniInventoryReader(builder);
    }

    Inventory load(List<String> sources, Path playbookDir) {
        python = new PythonInventoryPlugin(builder, playbookDir, inventorySettings.environment(), pluginsUsed);
        List<String> skipped = skippedPlugins();
        chain = new PluginChain(inventorySettings, builder, reader, ini, python, pythonPlugins, this::readPlugin, pluginsUsed);
        int read = 0;
        try {
            for (String source : sources) {
                read += readSource(source) ? 1 : 0;
            }
        } catch (UserError e) {
            // as Ansible's display: the warnings of the sources before, then the failure
            List<String> before = new ArrayList<>(skipped);
            before.addAll(unparsed);
            throw e.warnedBefore(before);
        }
        if (read == 0 && inventorySettings.noneIsFailed()) {
            throw new UserError(SourcePosition.of("-i"), "No inventory was parsed, please check your configuration and options.",
                    "unparsed_is_failed (ANSIBLE_INVENTORY_UNPARSED_FAILED) is set: give an inventory that is there");
        }
        builder.reconcile();
        Map<String, Integer> depths = builder.depths();
        Map<String, Group> groups = new LinkedHashMap<>();
        for (InventoryBuilder.GroupDraft g : builder.groups.values()) {
            groups.put(g.name, new Group(g.name, g.position, new ArrayList<>(g.hosts), new ArrayList<>(g.children),
                    g.priority, depths.get(g.name), g.vars));
        }
        Path playbook = playbookDir == null ? null : playbookDir.toAbsolutePath().normalize();
        List<Path> dirs = new ArrayList<>(inventoryDirs);
        if (playbook != null && dirs.contains(playbook)) {
            playbook = null;
        }
        VarsPlugins plugins = VarsPlugins.of(inventorySettings.vars(), inventorySettings.pluginHost(),
                inventorySettings.environment(), playbookDir == null ? null : playbookDir.toAbsolutePath().normalize());
        VarPrecedence precedence = new VarPrecedence(groups, dirs, playbook, files, hash, plugins);
        List<String> warnings = new ArrayList<>(skipped);
        warnings.addAll(unparsed);
        warnings.addAll(builder.warnings);
        Map<String, Host> hosts = new LinkedHashMap<>();
        Map<String, Map<String, ExplainedVar>> vars = new LinkedHashMap<>();
        Set<String> ties = new LinkedHashSet<>();
        Map<String, VarLayer> inline = new LinkedHashMap<>();
        Map<String, List<String>> groupsOfHosts = groupsOfHosts(groups);
        try {
            for (InventoryBuilder.HostDraft h : builder.hosts.values()) {
                List<String> hostGroups = groupsOfHosts.get(h.name);
                hosts.put(h.name, new Host(h.name, hostGroups, h.position, false));
                inline.put(h.name, VarLayer.ofHost("inventory host", null, withSource(h)));
                List<VarLayer> layers = precedence.layers(h.name, hostGroups, inline.get(h.name));
                vars.put(h.name, precedence.merge(layers, ties));
            }
        } finally {
            plugins.close();  // their own host, given none: the run's asks it again for what add_host and group_by make
        }
        warnings.addAll(ties);
        List<Path> all = new ArrayList<>(dirs);
        if (playbook != null) {
            all.add(playbook);
        }
        checkVarsFiles(all, files, groups.keySet(), hosts.keySet(), warnings);
        if (read == 0 && inventorySettings.unparsedWarning()) {
            warnings.add("No inventory was parsed, only implicit localhost is available");
        }
        return new Inventory(hosts, groups, vars, precedence, warnings, builder.details, pluginsUsed, inline);
    }

    /** Every host's groups, direct and inherited, sorted as Ansible merges them: depth, priority, name. */
    static Map<String, List<String>> groupsOfHosts(Map<String, Group> groups) {
        Map<String, List<String>> parents = new HashMap<>();
        Map<String, Set<String>> direct = new HashMap<>();
        for (Group g : groups.values()) {
            g.children().forEach(c -> parents.computeIfAbsent(c, k -> new ArrayList<>()).add(g.name()));
            g.hosts().forEach(h -> direct.computeIfAbsent(h, k -> new LinkedHashSet<>()).add(g.name()));
        }
        // one lambda of ours rather than Comparator.comparingInt(..).thenComparing..: the class-data archive holds the
        // engine's lambdas, not the JDK's own inside Comparator, which would be generated at every start
        Comparator<Group> order = (a, b) -> a.depth() != b.depth() ? Integer.compare(a.depth(), b.depth())
                : a.priority() != b.priority() ? Integer.compare(a.priority(), b.priority()) : a.name().compareTo(b.name());
        Map<String, List<String>> out = new HashMap<>();
        direct.forEach((host, mine) -> {
            Set<String> all = new LinkedHashSet<>();
            mine.forEach(g -> addWithAncestors(g, parents, all));
            out.put(host, all.stream().map(groups::get).sorted(order).map(Group::name).toList());
        });
        return out;
    }

    private static void addWithAncestors(String group, Map<String, List<String>> parents, Set<String> out) {
        if (out.add(group)) {
            parents.getOrDefault(group, List.of()).forEach(p -> addWithAncestors(p, parents, out));
        }
    }

    /**
     * The enabled plugins the engine has not: each one the controller's ansible-core loads is tried on the sources in its
     * place in enable_plugins, with the engine's own (a Python plugin, a collection's); any other is skipped with Ansible's warning
     * ({@code Failed to load inventory plugin, skipping NAME}), and none loaded is its error.
     */
    private List<String> skippedPlugins() {
        List<String> skipped = new ArrayList<>();
        SourcePosition where = SourcePosition.of(inventorySettings.enabledFrom());
        for (String name : inventorySettings.unknown()) {
            if (python.loads(name, where)) {
                pythonPlugins.add(name);
            } else {
                String hint = Suggestions.didYouMean(name, InventorySettings.OWN);
                skipped.add(name + (hint == null ? "" : " (" + hint + ")"));
            }
        }
        if (inventorySettings.enabled().size() == skipped.size()) {
            throw new UserError(where, "No inventory plugins available to generate inventory, make sure you have at "
                    + "least one enabled.", "neither the engine nor the controller's ansible-core has an inventory plugin "
                    + (skipped.isEmpty() ? "enabled" : String.join(", ", skipped)) + "; the engine's own: "
                    + String.join(", ", InventorySettings.OWN) + " (Ansible's default list is "
                    + String.join(", ", InventorySettings.DEFAULT_PLUGINS) + ")");
        }
        return skipped.stream().map(name -> "Failed to load inventory plugin, skipping " + name).toList();
    }

    /** Reads a source; false when nothing could be read from it. */
    private boolean readSource(String source) {
        Path path = Path.of(source);
        if (Files.isDirectory(path)) {
            inventoryDirs.add(path.toAbsolutePath().normalize());
            return readDirectory(path);
        } else if (Files.isRegularFile(path)) {
            Path parent = path.toAbsolutePath().normalize().getParent();
            inventoryDirs.add(parent);
            return readFile(path);
        } else if (readString(source)) {
            return true;
        } else if (source.contains(",")) {
            unparsed(path, "");
            return false;
        }
        // as ansible-playbook: a warning, and the run goes on without this source
        String hint = siblingHint(path);
        unparsed(path, " (no such file or folder" + (hint == null ? "" : "; " + hint) + ")");
        return false;
    }

    /**
     * Reads a source that is no file or folder with the first enabled plugin that takes it, as Ansible's inventory
     * manager offers it to each: a comma list to host_list or advanced_host_list, any source to a Python plugin (a
     * comma list as written, another as the absolute path Ansible makes of it); false when none does.
     */
    private boolean readString(String source) {
        boolean list = source.contains(",");
        String offered = list ? source : Path.of(source).toAbsolutePath().normalize().toString();
        SourcePosition where = SourcePosition.of("-i " + source);
        for (String name : inventorySettings.enabled()) {
            if (!chain.loaded(name)) {
                continue;
            }
            if (list && (name.equals(InventorySettings.HOST_LIST) || name.equals(InventorySettings.ADVANCED_HOST_LIST))) {
                readHostList(source, name.equals(InventorySettings.ADVANCED_HOST_LIST));
                pluginsUsed.add(VerboseLine.parsed(name, offered));
                return true;
            }
            if (pythonPlugins.contains(name) && python.read(name, name, offered, where, where) == PythonInventoryPlugin.Outcome.READ) {
                pluginsUsed.add(VerboseLine.parsed(name, offered));
                return true;
            }
            chain.declinedMissing(name, offered);
        }
        return false;
    }

    /** Reads a folder's files and subfolders; false when it held nothing to read (as Ansible, whose folder is parsed when a file in it is). */
    private boolean readDirectory(Path dir) {
        boolean read = false;
        for (Path p : VarsFiles.list(dir)) {
            String name = p.getFileName().toString();
            if (Files.isDirectory(p)) {
                if (!SKIPPED_DIRS.contains(name)) {
                    read |= readDirectory(p);
                }
            } else if (IGNORED.stream().noneMatch(name::endsWith)) {
                read |= readFile(p);
            }
        }
        if (!read) {
            unparsed(dir, "");
        }
        return read;
    }

    /** A source, or a folder of one, nothing could be read from: Ansible's warning, or its error as {@link InventorySettings} says. */
    private void unparsed(Path path, String why) {
        String shown = path.toAbsolutePath().normalize().toString();
        if (inventorySettings.anyIsFailed()) {
            throw new UserError(SourcePosition.of("-i"), "Completely failed to parse inventory source " + shown,
                    "any_unparsed_is_failed (ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED) is set: give inventories that are there and hold one");
        }
        unparsed.add("Unable to parse " + shown + " as an inventory source" + why);
    }

    /**
     * Reads a file with the first enabled plugin that takes it, in enable_plugins' order ({@link PluginChain}); false
     * when none does (as Ansible: a file only a plugin enable_plugins leaves out would read is not parsed).
     */
    private boolean readFile(Path file) {
        if (chain.read(file, unparsed)) {
            readDirs.add(file.toAbsolutePath().normalize().getParent());
            return true;
        }
        unparsed(file, "");
        return false;
    }

    /**
     * A file whose top has {@code plugin:}, named as ansible-playbook reads it (.yml or .yaml, through its auto plugin):
     * the constructed plugin's, applied to what the sources before it gave; any other plugin's is run by the controller's
     * ansible-core ({@link PythonInventoryPlugin}).
     */
    private void readPlugin(Path file, io.runbook.engine.yaml.YMap top) {
        io.runbook.engine.yaml.YMap.Entry plugin = top.entry("plugin").orElseThrow();
        Object name = plugin.value() instanceof io.runbook.engine.yaml.YScalar s ? s.value() : null;
        if (!(name instanceof CharSequence text) || text.toString().isBlank()) {
            throw new UserError(plugin.value().position(), "inventory plugin " + plugin.value().describe() + " is not a "
                    + "plugin's name", "write plugin: NAME, such as constructed or a plugin of the controller's ansible-core");
        }
        String fileName = file.getFileName().toString();
        if (!fileName.endsWith(".yml") && !fileName.endsWith(".yaml")) {
            throw new UserError(plugin.keyPosition(), "an inventory plugin's file must be named *.yml or *.yaml: "
                    + "ansible-playbook reads it only then (through its auto plugin) and leaves '" + fileName + "' out",
                    "rename it to end in .yml");
        }
        if (!ConstructedConfig.NAMES.contains(text.toString())) {
            PythonInventoryPlugin.maskWhenOpened(top.toPlain());  // its options the plugin decrypts: masked as the engine's
            python.read("auto", text.toString(), file, plugin.value().position());
            return;
        }
        // as ansible-core 2.14's auto plugin says it at -v: the plugin's name as loaded, which for the long name is this
        String loaded = text.toString().equals("constructed") ? "constructed"
                : "ansible_collections.ansible.builtin.plugins.inventory.constructed";
        pluginsUsed.add(new VerboseLine(1, "Using inventory plugin '" + loaded + "' to process inventory source '"
                + file.toAbsolutePath().normalize() + "'"));
        new ConstructedInventory(builder, extraVars, files, new ArrayList<>(readDirs)).apply(top);
    }

    /**
     * A {@code -i} host list, as Ansible's host_list plugin reads it: each item an address without ranges
     * ({@link HostAddress}: {@code h:2222} and {@code [fe80::1]:22} set the port; an item that is none, such as
     * {@code web[1:3]}, is the name as written); with {@code ranges}, as advanced_host_list reads it, an address with ranges,
     * expanded ({@code web[1:3]} is three hosts; an item whose ranges are wrong is the name as written). Only a host new to
     * the inventory is added, with its port.
     */
    private void readHostList(String source, boolean ranges) {
        SourcePosition where = SourcePosition.of("-i " + source);
        for (String item : source.split(",")) {
            String name = item.trim();
            if (name.isEmpty()) {
                continue;
            }
            HostAddress address = HostAddress.parseOrKeep(name, ranges);
            List<String> hosts = List.of(address.host());
            if (ranges) {
                try {
                    hosts = HostRange.expand(address.host(), where);
                } catch (UserError e) {
                    address = new HostAddress(name, null);
                    hosts = List.of(name);
                }
            }
            for (String h : hosts) {
                if (!builder.hosts.containsKey(h)) {
                    builder.addHost(Inventory.UNGROUPED, h, address, where);
                }
            }
        }
    }

    private static String siblingHint(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent) || abs.getFileName() == null) {
            return null;
        }
        List<String> names = VarsFiles.list(parent).stream().map(p -> p.getFileName().toString()).toList();
        return Suggestions.didYouMean(abs.getFileName().toString(), names);
    }

    private static void checkVarsFiles(List<Path> dirs, VarsFiles files, Set<String> groups, Set<String> hosts,
            List<String> warnings) {
        for (Path dir : dirs) {
            check(dir, "group_vars", "group", groups, files, warnings);
            Set<String> withLocal = new LinkedHashSet<>(hosts);
            withLocal.addAll(Inventory.LOCALHOST);
            check(dir, "host_vars", "host", withLocal, files, warnings);
        }
    }

    private static void check(Path dir, String kind, String what, Set<String> known, VarsFiles files,
            List<String> warnings) {
        for (Map.Entry<String, List<Path>> e : files.names(dir, kind).entrySet()) {
            if (known.contains(e.getKey())) {
                e.getValue().forEach(files::read);
                continue;
            }
            String hint = Suggestions.didYouMean(e.getKey(), known);
            Path shown = e.getValue().isEmpty() ? dir.resolve(kind).resolve(e.getKey()) : e.getValue().get(0);
            warnings.add(SourcePosition.of(shown.toString()) + ": no " + what + " '" + e.getKey()
                    + "' in the inventory; these variables are not used" + (what.equals("group")
                    ? " unless a group_by task makes the group" : "") + (hint == null ? "" : " (" + hint + ")"));
        }
    }

    /**
     * The host's own variables after those Ansible's inventory parser gives every host: {@code inventory_file}, the
     * inventory file that first named it, and {@code inventory_dir}, its folder (the host's variables may set them).
     */
    static Map<String, PositionedValue> withSource(InventoryBuilder.HostDraft h) {
        if (h.position == null || h.position.file() == null || !h.position.hasLine()) {
            return h.vars;
        }
        Path file = h.position.file().toAbsolutePath().normalize();
        Map<String, PositionedValue> vars = new LinkedHashMap<>();
        vars.put(Inventory.INVENTORY_FILE, new PositionedValue(file.toString(), h.position));
        vars.put(Inventory.INVENTORY_DIR, new PositionedValue(String.valueOf(file.getParent()), h.position));
        vars.putAll(h.vars);
        return vars;
    }
}
