package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.Suggestions;
import io.runbook.engine.error.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The hosts and groups of a run, with every host's merged inventory variables and where each came from.
 * Immutable once loaded; safe to share between threads.
 *
 * <p>Besides the declared hosts there is Ansible's implicit {@code localhost} (also {@code 127.0.0.1} and
 * {@code ::1}): when not declared, {@link #host(String)} and patterns naming it exactly still find it, with
 * {@code ansible_connection: local}; it is in no group and not in {@code all}.
 */
public final class Inventory {
    /** The group every host belongs to. */
    public static final String ALL = "all";
    /** The group of hosts that are in no group but {@code all}. */
    public static final String UNGROUPED = "ungrouped";
    static final Set<String> LOCALHOST = Set.of("localhost", "127.0.0.1", "::1");
    /** The controller's Python, as {@code ansible_playbook_python} names it (the implicit localhost's interpreter too). */
    public static final String CONTROLLER_PYTHON = "/usr/bin/python3";

    private final Map<String, Host> hosts;
    private final Map<String, Group> groups;
    private final Map<String, Map<String, ExplainedVar>> vars;
    private final VarPrecedence precedence;
    private final List<String> warnings;
    private final List<String> details;
    private final List<VerboseLine> pluginsUsed;
    private final Map<String, List<String>> members = new HashMap<>();
    private final Map<String, VarLayer> inline;
    private final Map<String, Map<String, Object>> hostVars = new java.util.concurrent.ConcurrentHashMap<>();

    Inventory(Map<String, Host> hosts, Map<String, Group> groups, Map<String, Map<String, ExplainedVar>> vars,
            VarPrecedence precedence, List<String> warnings, Map<String, VarLayer> inline) {
        this(hosts, groups, vars, precedence, warnings, List.of(), List.of(), inline);
    }

    Inventory(Map<String, Host> hosts, Map<String, Group> groups, Map<String, Map<String, ExplainedVar>> vars,
            VarPrecedence precedence, List<String> warnings, List<String> details, List<VerboseLine> pluginsUsed,
            Map<String, VarLayer> inline) {
        this.details = List.copyOf(details);
        this.pluginsUsed = List.copyOf(pluginsUsed);
        this.inline = inline;
        this.hosts = hosts;
        this.groups = groups;
        this.vars = vars;
        this.precedence = precedence;
        this.warnings = List.copyOf(warnings);
        groups.keySet().forEach(g -> members.put(g, collectMembers(g)));
    }

    /**
     * A group's hosts as Ansible's {@code Group.get_hosts}: its own in the order they joined it, then its children's,
     * level by level (each level's groups in the order they were added), a host met again left where it was.
     */
    private List<String> collectMembers(String group) {
        Set<String> out = new LinkedHashSet<>();
        List<String> level = List.of(group);
        Set<String> seen = new java.util.HashSet<>(level);
        while (!level.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (String g : level) {
                out.addAll(groups.get(g).hosts());
                groups.get(g).children().stream().filter(seen::add).forEach(next::add);
            }
            level = next;
        }
        return List.copyOf(out);
    }

    /**
     * Reads inventory sources, as {@code -i} does.
     *
     * @param sources     each a YAML inventory file ({@code .yml .yaml .json} or no extension), a directory of
     *                    them, or a comma list such as {@code host1,host2,}; later sources override earlier ones
     * @param playbookDir the playbook's directory, whose {@code group_vars/} and {@code host_vars/} win over the
     *                    inventory's; null when there is no playbook
     * @throws UserError for a missing source or a malformed inventory or vars file, with its position
     */
    public static Inventory load(List<String> sources, Path playbookDir) {
        return load(sources, playbookDir, io.runbook.engine.vars.HashBehaviour.REPLACE);
    }

    /** As {@link #load(List, Path)}, a variable defined again combined by {@code hash} (Ansible's hash_behaviour). */
    public static Inventory load(List<String> sources, Path playbookDir, io.runbook.engine.vars.HashBehaviour hash) {
        return load(sources, playbookDir, hash, GroupNameChars.NEVER);
    }

    /** As {@link #load(List, Path, io.runbook.engine.vars.HashBehaviour)}, group names made safe as {@code chars} says. */
    public static Inventory load(List<String> sources, Path playbookDir, io.runbook.engine.vars.HashBehaviour hash,
                                 GroupNameChars chars) {
        return load(sources, playbookDir, hash, chars, Map.of());
    }

    /**
     * As {@link #load(List, Path, io.runbook.engine.vars.HashBehaviour, GroupNameChars)}, with the run's {@code -e}
     * vars, which a constructed source with {@code use_extra_vars} templates with.
     */
    public static Inventory load(List<String> sources, Path playbookDir, io.runbook.engine.vars.HashBehaviour hash,
                                 GroupNameChars chars, Map<String, Object> extraVars) {
        return load(sources, playbookDir, hash, chars, extraVars, InventorySettings.WARN);
    }

    /**
     * As {@link #load(List, Path, io.runbook.engine.vars.HashBehaviour, GroupNameChars, Map)}, a source nothing could be
     * read from an error or a warning as {@code unparsed} says.
     */
    public static Inventory load(List<String> sources, Path playbookDir, io.runbook.engine.vars.HashBehaviour hash,
                                 GroupNameChars chars, Map<String, Object> extraVars, InventorySettings unparsed) {
        return new InventoryLoader(hash, chars, extraVars, unparsed).load(sources, playbookDir);
    }

    /** The declared hosts in inventory order (order of first declaration). */
    public List<Host> hosts() {
        return List.copyOf(hosts.values());
    }

    /** A declared host, or the implicit localhost for {@code localhost}/{@code 127.0.0.1}/{@code ::1}. */
    public Optional<Host> host(String name) {
        Host h = hosts.get(name);
        if (h == null && LOCALHOST.contains(name)) {
            // a new name, not the pattern's text a playbook wrote: Ansible's implicit localhost is named by a str
            h = new Host(new String(name), List.of(), SourcePosition.of("(implicit localhost)"), true);
        }
        return Optional.ofNullable(h);
    }

    /** The variables Ansible's inventory parser gives each host it reads (not shown by {@code inventory --list/--host}). */
    public static final String INVENTORY_FILE = "inventory_file";
    public static final String INVENTORY_DIR = "inventory_dir";

    /**
     * The host's merged inventory variables as plain Java values (Map, List, String, Integer, Long, Double,
     * Boolean, null), in first-set order.
     *
     * @throws UserError for an unknown host, with a "did you mean"
     */
    public Map<String, Object> hostVars(String host) {
        // made once per host: every task reads them on every host (the inventory does not change; a run's add_host or
        // group_by makes a new one)
        Map<String, Object> known = hostVars.get(host);
        if (known != null) {
            return known;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        explained(host).values().forEach(v -> out.put(v.name(), v.value()));
        Map<String, Object> made = Collections.unmodifiableMap(out);
        Map<String, Object> raced = hostVars.putIfAbsent(host, made);
        return raced == null ? made : raced;
    }

    /**
     * The inventory variables of {@code host}, or of a host the inventory lacks (a delegate named by a name or address
     * of its own) as Ansible's variables for a host it makes on the fly: the {@code all} group's (its group_vars
     * too) and a host_vars file of that name.
     */
    public Map<String, Object> varsOfAny(String host) {
        if (host(host).isPresent()) {
            return hostVars(host);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        precedence.merge(precedence.layers(host, List.of(), VarLayer.ofHost("host outside the inventory", null, Map.of())),
                new ArrayList<>()).values().forEach(v -> out.put(v.name(), v.value()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Every variable of the host sorted by name, with its value, the place that set it and the places it
     * replaced.
     *
     * @throws UserError for an unknown host, with a "did you mean"
     */
    public List<ExplainedVar> explain(String host) {
        // a lambda of ours, not Comparator.comparing: the class-data archive holds the engine's lambdas, not the JDK's
        return explained(host).values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    /** All group names in declaration order, starting with {@code all} and {@code ungrouped}. */
    public List<String> groupNames() {
        return List.copyOf(groups.keySet());
    }

    /**
     * The hosts of a group and of its descendant groups, in inventory order; empty for an unknown group.
     * This is what the {@code groups} magic variable holds.
     */
    public List<String> hostsOf(String group) {
        return members.getOrDefault(group, List.of());
    }

    /** Whether the inventory has a group of that name. */
    public boolean hasGroup(String group) {
        return groups.containsKey(group);
    }

    /** A group's child groups, in the order they were declared (empty for an unknown group). */
    public List<String> childGroups(String group) {
        Group g = groups.get(group);
        return g == null ? List.of() : g.children();
    }

    /** The hosts a group lists itself (not its children's), in the order they were declared. */
    public List<String> directHosts(String group) {
        Group g = groups.get(group);
        return g == null ? List.of() : g.hosts();
    }

    /**
     * A group's own variables: its inventory vars and its group_vars files (not its parents'), with
     * {@code ansible_group_priority} when it is not 1, as ansible-inventory shows a group's variables.
     */
    public Map<String, Object> groupVars(String group) {
        Map<String, Object> out = new LinkedHashMap<>();
        precedence.merge(precedence.groupLayers(group), new ArrayList<>()).values().forEach(v -> out.put(v.name(), v.value()));
        if (groups.get(group).priority() != 1) {
            out.put("ansible_group_priority", groups.get(group).priority());
        }
        return out;
    }

    /**
     * A host's own variables: its inventory vars and its host_vars files (not its groups'), as
     * {@code ansible-inventory --export} shows a host's variables.
     *
     * @throws UserError for an unknown host, with a "did you mean"
     */
    public Map<String, Object> ownHostVars(String host) {
        explained(host);
        VarLayer own = inline.getOrDefault(host, VarLayer.ofHost("inventory host", null, Map.of()));
        Map<String, Object> out = new LinkedHashMap<>();
        precedence.merge(precedence.hostLayers(host, own), new ArrayList<>()).values().forEach(v -> out.put(v.name(), v.value()));
        return InventoryJson.shown(out);
    }

    /** The {@code groups} magic variable: every group name to {@link #hostsOf(String)}. */
    public Map<String, List<String>> groupsMap() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        groups.keySet().forEach(g -> out.put(g, hostsOf(g)));
        return out;
    }

    /**
     * Hosts matching a pattern, such as a play's {@code hosts:}.
     *
     * @throws UserError when the pattern is syntactically wrong, at {@code where}
     */
    public HostSelection select(String pattern, SourcePosition where) {
        return select(HostPattern.parse(pattern, where), null);
    }

    /**
     * Hosts matching a pattern and, when given, the {@code --limit} pattern too (intersection), in the order the
     * pattern selects them (as Ansible's {@code get_hosts}: {@code db:web} lists db's hosts first; the limit keeps
     * that order). Unmatched names are warnings in the result, not errors.
     *
     * @param limit the parsed {@code --limit}, or null for no limit
     * @throws UserError when a subscript is out of range
     */
    public HostSelection select(HostPattern pattern, HostPattern limit) {
        PatternResolver resolver = new PatternResolver(this);
        Set<String> names = resolver.resolve(pattern);
        if (limit != null) {
            names.retainAll(new java.util.HashSet<>(resolver.resolve(limit)));
        }
        List<Host> selected = names.stream().map(n -> host(n).orElseThrow()).toList();
        return new HostSelection(selected, resolver.warnings());
    }

    /** Warnings found while loading (empty files, vars files for unknown groups or hosts, ...), for printing. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The warning of ansible's command line (its get_host_list) when the inventory has no host, for a run of the
     * host pattern {@code pattern}: ansible-playbook's pattern is always {@code all}, ansible's ad-hoc one is given
     * and a pattern that is the implicit localhost's name is not warned about; ansible-inventory shows none.
     */
    public List<String> hostListWarnings(String pattern) {
        return hosts.isEmpty() && !Set.of("localhost", "127.0.0.1", "::1").contains(pattern)
                ? List.of("provided hosts list is empty, only localhost is available. Note that the implicit localhost "
                        + "does not match 'all'")
                : List.of();
    }

    /** What reading the sources said for {@code -vvvv} (a group name's invalid characters, as Ansible's), in order. */
    public List<String> details() {
        return details;
    }

    /**
     * What reading the sources said up to {@code verbosity}, in order: at {@code -v} ansible-playbook's {@code Using
     * inventory plugin 'constructed' to process inventory source '/abs/path.yml'} for each inventory plugin's file, at
     * {@code -vvv} each plugin that declined a source and the one that parsed it ({@link VerboseLine}).
     */
    public List<String> pluginsUsed(int verbosity) {
        return pluginsUsed.stream().filter(l -> l.verbosity() <= verbosity).map(VerboseLine::text).toList();
    }

    /** The JSON of {@code ansible-inventory --list}. */
    public String toListJson() {
        return InventoryJson.list(this, Set.copyOf(hostsOf(ALL)));
    }

    /**
     * The JSON of {@code ansible-inventory --list --limit PATTERN}: only the hosts the limit selects.
     *
     * @throws UserError when a subscript of the limit is out of range
     */
    public String toListJson(HostPattern limit) {
        return InventoryJson.list(this, Set.copyOf(select(limit, null).names()));
    }

    /** The JSON of {@code ansible-inventory --host NAME}: the host's merged vars, keys sorted. */
    public String toHostJson(String host) {
        return InventoryJson.write(shownHostVars(host));
    }

    /** The host's merged vars as ansible-inventory shows them: without the parser's inventory_file and inventory_dir. */
    public Map<String, Object> shownHostVars(String host) {
        return InventoryJson.shown(hostVars(host));
    }

    /** A readable table of the host's variables: name, value, where it was set and in which layer. */
    public String explainText(String host) {
        return ExplainTable.render(host, explain(host));
    }

    Map<String, Group> groups() {
        return groups;
    }

    /**
     * The inventory with {@code host} (made when missing, in {@code all}), its variables updated with {@code vars} and
     * in each of {@code groups} (made when missing), as Ansible's {@code add_host}; this inventory when nothing changes.
     */
    public Inventory withHost(String host, List<String> groups, Map<String, Object> vars) {
        Inventory next = new RuntimeGroups(this.groups, hosts, inline, this.vars, precedence).addHost(host, groups, vars, warnings);
        return next == null ? this : next;
    }

    /**
     * The inventory with {@code host} in {@code group} (made when missing, as a child of each of {@code parents}, or
     * of {@code all}), as Ansible's {@code group_by} changes the inventory of the run: the host's groups and variables
     * ({@code group_vars/<group>} included) follow. This inventory when nothing changes (compare with {@code ==}).
     */
    public Inventory withHostInGroup(String host, String group, List<String> parents) {
        Inventory next = new RuntimeGroups(groups, hosts, inline, vars, precedence).add(host, group, parents, warnings);
        return next == null ? this : next;
    }

    /**
     * The inventory with the vars plugins of the roles read since it was made (a role include_role brings while the
     * run goes on: Ansible's VariableManager asks them from then on), every host's variables asked again; this
     * inventory when no plugin is new (compare with {@code ==}).
     */
    public Inventory withRoleVarsPlugins() {
        VarPrecedence now = precedence.withRoleVarsPlugins();
        return now == precedence ? this : new RuntimeGroups(groups, hosts, inline, vars, now).everyHost(warnings);
    }

    List<String> inInventoryOrder(Collection<String> names) {
        Set<String> wanted = Set.copyOf(names);
        List<String> out = new ArrayList<>(hosts.keySet().stream().filter(wanted::contains).toList());
        names.stream().filter(n -> !hosts.containsKey(n) && !out.contains(n)).forEach(out::add);
        return out;
    }

    private Map<String, ExplainedVar> explained(String host) {
        Map<String, ExplainedVar> v = vars.get(host);
        if (v != null) {
            return v;
        }
        if (LOCALHOST.contains(host)) {
            PositionedValue local = new PositionedValue("local", SourcePosition.of("(implicit localhost)"));
            PositionedValue python = new PositionedValue(CONTROLLER_PYTHON, SourcePosition.of("(implicit localhost)"));
            VarLayer inline = VarLayer.ofHost("implicit localhost", null, Map.of("ansible_connection", local,
                    "ansible_python_interpreter", python));
            return precedence.merge(precedence.layers(host, List.of(), inline), new ArrayList<>());
        }
        throw new UserError(null, "unknown host '" + host + "'", Suggestions.didYouMean(host, hosts.keySet()));
    }
}
