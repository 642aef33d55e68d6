package io.runbook.engine.exec;

import io.runbook.engine.inventory.Host;
import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.playbook.Play;
import io.runbook.engine.playbook.Role;
import io.runbook.engine.playbook.RoleScope;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.TaskNode;
import io.runbook.engine.playbook.TaskParser;
import io.runbook.engine.vars.Templar;
import io.runbook.engine.vars.VarScope;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One play while it runs: its hosts, settings and current batch, its handlers and public roles (both grow when
 * include_role runs), and how a task's variables are layered for a host, lowest first, as Ansible's precedence:
 * role defaults (the play's public roles', then the task's role's), inventory, gathered facts, play vars,
 * vars_files, role vars (public, then the task's role's), block and task vars, include_vars, set_fact and register,
 * role parameters, include parameters, the magic variables, extra vars.
 */
final class PlayScope {
    final RunState run;
    final Play play;
    final PlaySetup setup;
    /** The play's hosts, in the order its pattern selected them (its {@code order} is the order its batches run in). */
    final List<String> playHosts;
    /** The play's name as its banner shows it (rendered), for {@code ansible_play_name}. */
    final String playName;
    final TaskParser taskParser;
    volatile List<HostState> batch = List.of();
    /** Set by {@code meta: end_play}: the batches still to come do not run either. */
    volatile boolean playEnded;
    final List<TaskNode> handlers;
    private final List<Role> publicRoles;
    private final RoleVars roleVars = new RoleVars();
    private final VarsFilesLayer varsFiles;
    private volatile Inventory groupsOf;
    private volatile Map<String, Object> groups;
    private final Set<TaskNode> announced = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Object> publicDefaults;
    private volatile Map<String, Object> publicVars;
    private volatile RoleNames roleNames;
    private final Map<TaskNode, List<String>> renderedNames = new ConcurrentHashMap<>();
    private final Set<TaskNode> unusable = ConcurrentHashMap.newKeySet();

    PlayScope(RunState run, Play play, PlaySetup setup, List<String> playHosts, String playName) {
        this.run = run;
        this.play = play;
        this.setup = setup;
        this.playHosts = List.copyOf(playHosts);
        this.playName = playName;
        this.handlers = new CopyOnWriteArrayList<>(play.handlers());
        this.publicRoles = new CopyOnWriteArrayList<>(play.roles());
        this.taskParser = new TaskParser(run.modules, run.options.roleSearch(), play.roleCache().copy(), play.baseDir(),
                run.options.hashBehaviour()).onStaticImport(f -> run.listeners.verbose(2, null, "statically imported: " + f));
        this.varsFiles = new VarsFilesLayer(run, play);
        refreshRoles();
    }

    /** The play's vars_files, as its hosts read them. */
    VarsFilesLayer varsFiles() {
        return varsFiles;
    }

    /** Whether to print the task's (or include's) banner now: always with linear; once per task and batch with free. */
    boolean announce(TaskNode task) {
        return !setup.isFree() || announced.add(task);
    }

    void newBatch(List<HostState> hosts) {
        batch = hosts;
        announced.clear();
    }

    /** Handlers and roles an include_role brought: handlers can be notified from now on, public roles' vars seen. */
    void addIncluded(List<TaskNode> newHandlers, Role role, boolean isPublic) {
        newHandlers.stream().filter(h -> !handlers.contains(h)).forEach(handlers::add);
        if (isPublic && !publicRoles.contains(role)) {
            publicRoles.add(role);
            refreshRoles();
        }
    }

    private void refreshRoles() {
        publicDefaults = RoleVars.publicDefaults(publicRoles);
        publicVars = RoleVars.publicVars(publicRoles);
        // as Ansible: the roles the play names, once per time it names them (and public include_roles), the roles their
        // meta/main.yml pulls in (each once), both (each once)
        List<String> playRoles = publicRoles.stream().map(Role::fullName).toList();
        List<String> dependent = publicRoles.stream().flatMap(r -> r.allDependencies().stream()).map(Role::fullName).distinct().toList();
        roleNames = new RoleNames(playRoles, dependent,
                java.util.stream.Stream.concat(playRoles.stream(), dependent.stream()).distinct().toList());
    }

    /** The play's role names as the magic variables give them, made when its public roles change, not per host and task. */
    private record RoleNames(List<String> play, List<String> dependent, List<String> all) {
    }

    /** The variables {@code node} sees on {@code host}. */
    VarScope vars(HostState host, TaskNode node) {
        return vars(host, node.keywords().vars(), node.keywords().includeParams(), node.role(), node.keywords().connection())
                .with(Map.of("ansible_search_path", FileSearch.searchPath(node, play.baseDir())));
    }

    /**
     * The variables {@code node} sees on {@code delegate} when {@code host} delegates it there, Ansible's
     * {@code ansible_delegated_vars[delegate]} (VariableManager's get_vars for the delegate and the task): the
     * delegate's own layers (inventory, facts, include_vars, set_fact and register, magic variables) in the task's
     * context (play vars, vars_files, roles, block and task vars, include parameters, extra vars), with
     * {@code inventory_hostname} the task's host's.
     */
    VarScope delegateVars(HostState host, HostState delegate, TaskNode node) {
        return vars(delegate, host, node.keywords().vars(), node.keywords().includeParams(), node.role(), node.keywords().connection())
                .with(Map.of("ansible_search_path", FileSearch.searchPath(node, play.baseDir()), "inventory_hostname", host.name));
    }

    /**
     * The names of {@code vars}' variables (a scope of {@link #vars}), without those its lowest layers give: the command
     * line's connection defaults, the play's {@code connection:} and the task's connection keywords, which are no
     * variables in Ansible (a delegate's {@code ansible_port} is its own, a task's {@code port:} is not).
     */
    Set<String> variableNames(VarScope vars) {
        return vars.names(play.connection() != null ? 3 : 2);
    }

    /**
     * {@code includeParams}: those of the static legacy includes the task comes from (the dynamic ones are the host's);
     * {@code connectionKeywords}: the task's connection keywords ({@code become}, {@code remote_user}, ...) as the
     * variables they stand for, below every variable as in Ansible.
     */
    VarScope vars(HostState host, Map<String, Object> taskVars, Map<String, Object> includeParams, RoleScope role,
                  Map<String, Object> connectionKeywords) {
        return vars(host, host, taskVars, includeParams, role, connectionKeywords);
    }

    /** As above; {@code context}: the host whose dynamic includes the task comes from ({@code host} but for a delegate). */
    private VarScope vars(HostState host, HostState context, Map<String, Object> taskVars, Map<String, Object> includeParams,
                          RoleScope role, Map<String, Object> connectionKeywords) {
        List<Map<String, Object>> layers = new ArrayList<>();
        layers.add(connectionDefaults(host));
        if (play.connection() != null) {
            // the play's connection: keyword, below every variable: a host's own ansible_connection wins, as in Ansible
            layers.add(Map.of("ansible_connection", play.connection()));
        }
        int keywordLayer = layers.size();
        layers.add(ConnectionKeywords.written(connectionKeywords));
        layers.add(publicDefaults);
        if (role != null) {
            layers.add(roleVars.defaults(role));
        }
        layers.add(run.inventoryOf(host.name).varsOfAny(host.name));
        layers.add(factsLayer(host));
        layers.add(play.vars());
        layers.add(varsFiles.of(host, () -> base(host)));
        layers.add(publicVars);
        if (role != null) {
            layers.add(roleVars.vars(role));
        }
        layers.add(taskVars);
        layers.add(host.includedVars);
        layers.add(host.facts);
        if (role != null) {
            layers.add(roleVars.params(role));
        }
        layers.add(includeParams);
        // the dynamic includes the task comes from, outermost first: an inner include's parameters win, as Ansible's
        // get_include_params (the stack's head is the innermost)
        for (java.util.Iterator<Map<String, Object>> p = context.includeParams.descendingIterator(); p.hasNext(); ) {
            layers.add(p.next());
        }
        layers.add(magic(host, role));
        layers.add(run.options.extraVars());
        VarScope scope = new VarScope(layers, run.templar, run.options.hashBehaviour());
        if (!ConnectionKeywords.templated(connectionKeywords)) {
            return scope;
        }
        // a keyword that renders to omit takes the level above's value (rendered with the task's variables)
        layers.set(keywordLayer, ConnectionKeywords.resolved(connectionKeywords, run.templar, scope));
        return new VarScope(layers, run.templar, run.options.hashBehaviour());
    }

    /**
     * What a task sees when the inventory sets no connection: ansible_host is the host's name; -c's connection and
     * the command line's -u, -b, --become-user, --become-method and -K.
     */
    private Map<String, Object> connectionDefaults(HostState host) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ansible_host", host.name);
        if (run.options.connection() != null) {
            m.put("ansible_connection", run.options.connection());
        }
        m.putAll(run.options.visibleConnectionDefaults());
        return m;
    }

    /** The variables vars_files names may use: inventory, play vars, magic and extra vars. */
    private VarScope base(HostState host) {
        return new VarScope(List.of(run.inventoryOf(host.name).varsOfAny(host.name), play.vars(), magic(host, null),
                run.options.extraVars()), run.templar, run.options.hashBehaviour());
    }

    /** Gathered facts: each under its own name, and all of them under ansible_facts without the ansible_ prefix. */
    static Map<String, Object> factsLayer(HostState host) {
        Map<String, Object> out;
        synchronized (host.gathered) {
            out = new LinkedHashMap<>(host.gathered);
        }
        Map<String, Object> namespaced = new LinkedHashMap<>();
        out.forEach((k, v) -> namespaced.put(k.startsWith("ansible_") ? k.substring("ansible_".length()) : k, v));
        out.keySet().removeIf(k -> PythonDiscovery.restricted(k) || k.startsWith("_ansible_"));
        out.put("ansible_facts", io.runbook.engine.vars.Templar.unsafe(namespaced));
        return out;
    }

    private Map<String, Object> magic(HostState host, RoleScope role) {
        return magic(host, role, true);
    }

    private Map<String, Object> magic(HostState host, RoleScope role, boolean withHostvars) {
        Map<String, Object> m = MagicVars.of(run, this, host);
        m.put("groups", groups());
        if (withHostvars) {
            m.put("hostvars", new HostVars());
        }
        RoleNames names = roleNames;
        m.put("role_names", names.play());
        m.put("ansible_play_role_names", names.play());
        m.put("ansible_dependent_role_names", names.dependent());
        m.put("ansible_role_names", names.all());
        if (role != null) {
            m.put("role_name", role.role().name());
            m.put("ansible_role_name", role.role().fullName());
            // as Ansible: null for a role that is no collection's
            m.put("ansible_collection_name", role.role().collection());
            m.put("role_path", role.role().path().toString());
            List<String> parents = role.includers().stream().map(Role::fullName).toList();
            List<String> parentPaths = role.includers().stream().map(r -> r.path().toString()).toList();
            if (!parents.isEmpty()) {
                // as Ansible: only defined in a role that another role included or imported (and its dependencies),
                // the includers innermost first; a role's dependency is no parent here
                m.put("ansible_parent_role_names", parents);
                m.put("ansible_parent_role_paths", parentPaths);
            }
        }
        return m;
    }

    /**
     * {@code hostvars}: every inventory host's variables, computed when one is read. As in Ansible, a host's own: its
     * inventory variables, facts, {@code set_fact}, {@code register} and {@code include_vars} values, magic and extra
     * vars, without the play's or roles' variables, and a value that needs a variable the host does not have stays as
     * written (Ansible templates hostvars without the play and without failing on what is undefined).
     */
    private final class HostVars extends AbstractMap<String, Object> implements io.runbook.engine.vars.LazyVariables {
        @Override
        public Object get(Object key) {
            if (!(key instanceof String name) || run.inventory.host(name).isEmpty()) {
                return null;
            }
            HostState other = run.host(name);
            // as Ansible's (get_vars with include_hostvars=False): no hostvars of its own, so printing a host's
            // variables (debug var=hostvars[host]) does not walk into hostvars again and again
            return new VarScope(List.of(run.inventory.hostVars(name), factsLayer(other), other.includedVars, other.facts,
                    magic(other, null, false), run.options.extraVars()), run.templar, true, run.options.hashBehaviour());
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && run.inventory.host(name).isPresent();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> all = new LinkedHashMap<>();
            run.inventory.hosts().forEach(h -> all.put(h.name(), get(h.name())));
            return all.entrySet();
        }
    }

    /**
     * The handlers a notification by {@code name} reaches now (none: no handler answers to it): the one of that name
     * ({@link #handlerNamed}), then every one listening to it. As in Ansible 2.14 a notification goes to the handlers
     * loaded when it is made, so a role that include_role brings again later with a handler of the same name gets the
     * later notifications, and each instance runs for the hosts that notified it (with its own role's variables).
     */
    List<TaskNode> answering(String name) {
        List<TaskNode> all = List.copyOf(handlers);
        List<TaskNode> out = new ArrayList<>();
        TaskNode named = handlerNamed(name, all);
        if (named != null) {
            out.add(named);
        }
        all.stream().filter(h -> h != named && HandlerNames.listen(h).contains(name)).forEach(out::add);
        return out;
    }

    /**
     * The handler of {@code among} (the play's handlers of a flush) a notification by {@code name} goes to (listeners
     * aside), or null, as Ansible 2.14 finds it: the handlers come in groups as they were loaded (each role's of {@code roles:}, the play's own with the files they
     * import, then each role's that import_role or include_role brought), the last group that has a handler of that
     * name wins, and in it the first one. So a role brought in after the play's handlers overrides a handler of the
     * same name, and the play's own handlers override those of its {@code roles:}.
     */
    TaskNode handlerNamed(String name, List<TaskNode> among) {
        TaskNode found = null;
        boolean foundInGroup = false;
        Object group = this;
        for (TaskNode h : among) {
            if (h.role() != group) {
                group = h.role();
                foundInGroup = false;
            }
            if (!foundInGroup && handlerNames(h, true).contains(name)) {
                found = h;
                foundInGroup = true;
            }
        }
        return found;
    }

    /**
     * The names a handler answers to, a name that is a template rendered as Ansible renders it: once, with the play's
     * variables (play, vars_files, role and the handler's own vars, extra vars) and no host's. A name that cannot be
     * rendered (a host's variable, an undefined one) makes the handler answer only to its listen topics, with a
     * warning, as ansible-playbook; {@code listen} topics are matched as written, as there.
     */
    List<String> handlerNames(TaskNode handler, boolean warn) {
        if (handler.name() == null || !Templar.isTemplate(handler.name())) {
            return HandlerNames.of(handler);
        }
        List<String> known = renderedNames.get(handler);
        if (known != null) {
            return known;
        }
        RoleScope role = handler.role();
        List<Map<String, Object>> layers = new ArrayList<>(List.of(publicDefaults));
        if (role != null) {
            layers.add(roleVars.defaults(role));
        }
        layers.add(play.vars());
        layers.add(publicVars);
        if (role != null) {
            layers.add(roleVars.vars(role));
        }
        layers.add(handler.keywords().vars());
        if (role != null) {
            layers.add(roleVars.params(role));
        }
        layers.add(run.options.extraVars());
        try {
            String name = run.templar.renderString(handler.name(), new VarScope(layers, run.templar, run.options.hashBehaviour()), handler.position());
            List<String> names = role == null ? List.of(name) : HandlerNames.inRole(name, role.role());
            renderedNames.put(handler, names);
            return names;
        } catch (io.runbook.engine.error.UserError e) {
            if (warn && HandlerNames.listen(handler).isEmpty() && unusable.add(handler)) {
                run.listeners.warning("Handler '" + handler.name() + "' is unusable because it has no listen topics and "
                        + "the name could not be templated (host-specific variables are not supported in handler names). "
                        + "The error: " + e.cause());
            }
            return List.of();
        }
    }

    /** The {@code groups} magic variable, made again when group_by changed the run's inventory. */
    private Map<String, Object> groups() {
        Inventory now = run.inventory;
        if (groupsOf != now) {
            groups = new LinkedHashMap<>(now.groupsMap());
            groupsOf = now;
        }
        return groups;
    }

    List<String> groupNames(HostState host) {
        return run.inventoryOf(host.name).host(host.name).map(Host::groupNames).orElse(List.of());
    }
}
