package io.runbook.engine.module;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The modules on the class path, by name, each created only when first asked for: a syntax check of a playbook of
 * {@code debug} tasks never loads the Kubernetes, Helm or DNS modules (nor the client classes their fields refer to).
 * A module is listed, as for {@link java.util.ServiceLoader}, in {@code META-INF/services/io.runbook.engine.module.Module};
 * a line {@code com.example.MyModule # my_module} also says the module's name, so it can wait until a task calls it.
 * A line without a name is created at once (its name is known only from the module). A module is known as its short
 * name, also written {@code runbook.NAME}, {@code ansible.builtin.NAME}, {@code ansible.legacy.NAME} or as the collection
 * it stands for names it ({@code kubernetes.core.k8s}; see {@link #find}).
 * The modules of the run's {@code library/} folders ({@link #library()}) come first; a name neither they nor the class
 * path answer to is looked up in the controller's Ansible when the playbook is checked ({@link #resolve}). One registry
 * serves one run.
 */
public final class ModuleRegistry {
    static final String SERVICES = "META-INF/services/" + Module.class.getName();
    /** A name the list may give a module by (compiled once, not for each of the list's lines). */
    private static final java.util.regex.Pattern MODULE_NAME = java.util.regex.Pattern.compile("[a-z_][a-z0-9_]*");
    /**
     * Actions that are Ansible action plugins running no module of their name: a library/ module of such a name never
     * runs in Ansible (the plugin is found first), so it does not shadow the engine's either. Ansible's shell plugin
     * runs the command module ({@code ansible.legacy.command}), so a library/shell never runs either.
     */
    static final java.util.Set<String> ACTION_ONLY = java.util.Set.of("add_host", "assert", "debug", "fail",
            "gather_facts", "group_by", "pause", "raw", "reboot", "script", "set_stats", "shell", "validate_argument_spec",
            "wait_for_connection");
    private final Map<String, String> classes = new TreeMap<>();
    private final Map<String, Module> created = new ConcurrentHashMap<>();
    /** The controller's modules {@link #resolve} found, by the name the tasks give them. */
    private final Map<String, Module> fromController = new ConcurrentHashMap<>();
    /**
     * The modules of collections the {@code collections:} keyword resolved short names to, by full name: found before
     * the engine's own module of the same short name (which {@link #find} finds under the collections it stands for).
     */
    private final Map<String, Module> fromCollections = new ConcurrentHashMap<>();
    /** Full names of other collections, by whether the controller's Ansible routes them to a module the engine has. */
    private final Map<String, Boolean> routedToOwn = new ConcurrentHashMap<>();
    private final ClassLoader loader;
    private final ModuleLibrary library;
    /** The run's one Python plugin host: its filter, test, lookup and vars plugins run there. */
    private final io.runbook.engine.pyplugin.PluginHost pluginHost = new io.runbook.engine.pyplugin.PluginHost();
    private final io.runbook.engine.pyplugin.PythonPlugins pythonPlugins = new io.runbook.engine.pyplugin.PythonPlugins(pluginHost);
    /** The run's Python action plugins (their folders; they run in {@link #pluginHost}'s action processes). */
    private final io.runbook.engine.pyplugin.ActionPlugins actionPlugins = new io.runbook.engine.pyplugin.ActionPlugins(
            pluginHost, this::collectionRoots);
    /** The folders whose {@code ansible_collections/} hold the run's collections, in search order. */
    private final List<java.nio.file.Path> collectionRoots = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** COLLECTIONS_PATHS: where collections are when no playbook added its folders ({@link #collectionsPath}). */
    private volatile List<java.nio.file.Path> collectionsPath = CollectionsPath.configured(io.runbook.engine.env.RunEnvironment.EMPTY);
    private final ResolvedNames resolvedNames = new ResolvedNames(this, fromCollections::containsKey);
    private final ActionGroups actionGroups = new ActionGroups(resolvedNames);
    private volatile java.util.Set<String> blocked = java.util.Set.of();

    /** The modules given, already created (the first of a name wins). */
    public ModuleRegistry(Iterable<Module> found) {
        this.loader = ModuleRegistry.class.getClassLoader();
        this.library = ModuleLibrary.load(loader);
        packWith();
        for (Module m : found) {
            created.putIfAbsent(m.name(), m);
        }
    }

    private ModuleRegistry(ClassLoader loader) {
        this.loader = loader;
        this.library = ModuleLibrary.load(loader);
        packWith();
    }

    private void packWith() {
        if (library.type() != null) {
            library.type().packWith(library::moduleUtilsPath, this::collectionRoots);
        }
    }

    /**
     * The run's {@code library/} folders: their modules shadow the built-in ones of the same short name, as Ansible's
     * {@code ansible.legacy} search finds a playbook's module before its own.
     */
    public ModuleLibrary library() {
        return library;
    }

    /**
     * The run's Python filter and test plugins ({@code filter_plugins/}, {@code test_plugins/} beside the playbooks and
     * in the roles read, the configured folders): found as the library/ folders are, run in {@link #pluginHost}.
     */
    public io.runbook.engine.pyplugin.PythonPlugins pythonPlugins() {
        return pythonPlugins;
    }

    /**
     * The run's Python action plugins: {@code action_plugins/} beside the playbooks and in the roles read, the
     * configured folders, collections' {@code plugins/action/}.
     */
    public io.runbook.engine.pyplugin.ActionPlugins actionPlugins() {
        return actionPlugins;
    }

    /**
     * The run's one Python plugin host, for its filter, test and lookup plugins and (handed to the inventory's reading)
     * its vars plugins: started when first asked, closed when the run (the command) ends.
     */
    public io.runbook.engine.pyplugin.PluginHost pluginHost() {
        return pluginHost;
    }

    /**
     * Folders whose {@code ansible_collections/} hold collections, searched after those added before (a playbook's
     * {@code collections/}, then COLLECTIONS_PATHS: the engine's RoleSearch.collectionRoots): for the modules of
     * collections and for the Python filter and test plugins, one search order for both.
     */
    public synchronized void addCollectionRoots(List<java.nio.file.Path> roots) {
        roots.stream().map(p -> p.toAbsolutePath().normalize()).filter(p -> !collectionRoots.contains(p))
                .forEach(collectionRoots::add);
        pythonPlugins.addCollectionRoots(roots);
    }

    /**
     * The folders {@link #addCollectionRoots} added, in order; before a playbook is read, the run's COLLECTIONS_PATHS
     * ({@link #collectionsPath}).
     */
    public List<java.nio.file.Path> collectionRoots() {
        return collectionRoots.isEmpty() ? collectionsPath : List.copyOf(collectionRoots);
    }

    /** The run's COLLECTIONS_PATHS ({@link CollectionsPath#configured} of its environment). */
    public void collectionsPath(List<java.nio.file.Path> configured) {
        this.collectionsPath = List.copyOf(configured);
    }

    /**
     * The modules Ansible's plugin filter file blocks ({@code module_blacklist}): a task may not name them by their
     * short name (their full names still reach them, as in ansible-core 2.14).
     */
    public void blockModules(java.util.Set<String> names) {
        blocked = java.util.Set.copyOf(names);
    }

    /** Whether a task may not name {@code written} (a short name the plugin filter blocks). */
    public boolean blocked(String written) {
        return blocked.contains(written);
    }

    /** The action groups {@code module_defaults} names, resolved as Ansible resolves them, once per run. */
    public ActionGroups actionGroups() {
        return actionGroups;
    }

    /** The full names Ansible resolves actions to, which {@code module_defaults} match actions by, once per run. */
    public ResolvedNames resolvedNames() {
        return resolvedNames;
    }

    /** Every module on the class path. */
    public static ModuleRegistry load() {
        return load(Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : ModuleRegistry.class.getClassLoader());
    }

    /** Every module {@code loader} lists. */
    public static ModuleRegistry load(ClassLoader loader) {
        ModuleRegistry registry = new ModuleRegistry(loader);
        try {
            Enumeration<URL> lists = loader.getResources(SERVICES);
            while (lists.hasMoreElements()) {
                registry.read(lists.nextElement());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the module lists (" + SERVICES + ")", e);
        }
        return registry;
    }

    private void read(URL list) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(list.openStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int hash = line.indexOf('#');
                String className = (hash < 0 ? line : line.substring(0, hash)).trim();
                String name = hash < 0 ? "" : line.substring(hash + 1).trim();
                if (className.isEmpty() || isKnown(name)) {
                    continue;
                }
                if (name.isEmpty() || !MODULE_NAME.matcher(name).matches()) {
                    Module m = create(className, null);
                    created.putIfAbsent(m.name(), m);
                } else {
                    classes.put(name, className);
                }
            }
        }
    }

    boolean isKnown(String name) {
        return !name.isEmpty() && (classes.containsKey(name) || created.containsKey(name));
    }

    private Module create(String className, String listedAs) {
        Module m;
        try {
            m = Class.forName(className, true, loader).asSubclass(Module.class).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new IllegalStateException("module class " + className + " (" + SERVICES + ") cannot be created: " + e, e);
        }
        if (listedAs != null && !listedAs.equals(m.name())) {
            throw new IllegalStateException(SERVICES + " lists " + className + " as '" + listedAs + "' but it calls itself '"
                    + m.name() + "'");
        }
        return m;
    }

    /**
     * The module named (with or without a {@code namespace.collection.} prefix, the engine's own only under a collection
     * it stands for: {@link #ownAnswersTo}), created on first use. A
     * {@code library/} folder's module answers to its short name and to {@code ansible.legacy.NAME} only, as in Ansible
     * (which runs its own module for {@code ansible.builtin.NAME} and a collection's for {@code ns.coll.NAME}).
     */
    public Optional<Module> find(String name) {
        Module listed = fromCollections.get(name);
        if (listed != null) {
            return Optional.of(listed);
        }
        String shortName = shortName(name);
        boolean legacyName = shortName.equals(name) || name.equals("ansible.legacy." + shortName);
        if (!ACTION_ONLY.contains(shortName) && !(isKnown(shortName) && (legacyName || ownAnswersTo(name, shortName)))) {
            // a Python action plugin, found before a library/ module of its name as Ansible's action loader finds it;
            // the engine's own modules and actions keep their names
            Optional<Module> action = actionPlugins.find(name);
            if (action.isPresent()) {
                return action;
            }
        }
        if (legacyName && !ACTION_ONLY.contains(shortName)) {
            Optional<Module> own = library.find(shortName);
            if (own.isPresent()) {
                return own;
            }
        }
        Module m = null;
        if (ownAnswersTo(name, shortName)) {
            m = created.get(shortName);
            if (m == null && classes.containsKey(shortName)) {
                m = created.computeIfAbsent(shortName, n -> create(classes.get(n), n));
            }
        }
        return Optional.ofNullable(m != null ? m : fromController.get(name));
    }

    /**
     * Whether the engine's own module {@code shortName} answers to {@code name}: written short or with a one-part prefix
     * ({@code runbook.k8s_apply}), as {@code ansible.builtin.}/{@code ansible.legacy.}, as a collection the engine
     * stands for names it ({@link EmulatedCollections#standsFor}), or as a name the controller's Ansible routes to one of
     * those. Another collection's module of that short name is that collection's (run from the controller's Ansible),
     * and a full name no collection answers to (a misspelt namespace) stays unknown, as in Ansible.
     */
    private boolean ownAnswersTo(String name, String shortName) {
        int prefix = name.length() - shortName.length() - 1;
        if (prefix <= 0 || name.indexOf('.') == name.lastIndexOf('.')) {
            return true;
        }
        if (EmulatedCollections.standsFor(name.substring(0, prefix), shortName)) {
            return true;
        }
        return routedToOwn.computeIfAbsent(name, n -> library.type() != null && library.type().routedName(n, collectionRoots())
                .filter(r -> shortName(r).equals(shortName) && r.length() > shortName.length()
                        && EmulatedCollections.standsFor(r.substring(0, r.length() - shortName.length() - 1), shortName))
                .isPresent());
    }

    /**
     * The full names the engine's own module {@code shortName} answers to, the collections it stands for first
     * ({@code kubernetes.core.k8s}, {@code community.kubernetes.k8s}, then {@code ansible.builtin.k8s}); empty when the
     * engine has no module of that name. For an unknown full name's did-you-mean.
     */
    public List<String> ownFullNames(String shortName) {
        if (!classes.containsKey(shortName) && !created.containsKey(shortName)) {
            return List.of();
        }
        return EmulatedCollections.fullNames(shortName);
    }

    /**
     * As {@link #find}, and a name it does not find looked up in the controller's Ansible
     * ({@link LibraryModuleType#controllerModule}), which {@link #find} then answers to: called where a playbook's
     * actions are checked, before they run, for names that are no action of the engine's own. A run whose actions are
     * all the engine's never looks at the controller's Ansible.
     */
    public Optional<Module> resolve(String name) {
        Optional<Module> m = find(name);
        if (m.isPresent() || library.type() == null) {
            return m;
        }
        Optional<Module> found = library.type().controllerModule(name, collectionRoots());
        found.ifPresent(module -> fromController.putIfAbsent(name, module));
        return found;
    }

    /**
     * The name a task's action {@code written} is looked up by under the {@code collections:} keyword's
     * {@code collections}: a short name one of them has a module (or an action plugin) of is that collection's
     * ({@code ns.coll.NAME}), before the engine's own, as Ansible searches the list before {@code ansible.legacy};
     * else {@code written}. A name of the engine's own modules stays the engine's where the collection is one the engine
     * emulates ({@link EmulatedCollections#EMULATED}: no Python is asked), and is looked up only in the other listed collections. The engine's own actions that are action plugins in Ansible ({@code engineActions},
     * {@code debug}, {@code copy}...) keep their name, as Ansible's action loader finds them first.
     */
    public String inCollections(String written, List<String> collections, java.util.Set<String> engineActions) {
        return new CollectionsLookup(this).inCollections(written, collections, engineActions);
    }

    /** A module (or action plugin) the {@code collections:} keyword found as {@code full}: {@link #find} answers to it. */
    void foundInCollection(String full, Module module) {
        fromCollections.putIfAbsent(full, module);
    }

    /**
     * The names {@link #resolve} and {@link #inCollections} found modules of the controller's Ansible for, sorted: as
     * tasks wrote them, and, for those the {@code collections:} keyword found, their full names.
     */
    public Collection<String> controllerNames() {
        TreeSet<String> names = new TreeSet<>(fromController.keySet());
        names.addAll(fromCollections.keySet());
        return names;
    }

    /**
     * Why {@code name}, which {@link #find} does not find, is refused in other words than an unknown module's: an action
     * plugin of Ansible's the engine does not run. Empty for a plain unknown module.
     */
    public Optional<String> refusal(String name) {
        return library.type() == null ? Optional.empty() : library.type().refusal(name, collectionRoots());
    }

    /**
     * The names of the controller's ansible-core modules and action plugins, for an unknown module's did-you-mean (lists
     * them: only for an error).
     */
    public Collection<String> controllerBuiltinNames() {
        return library.type() == null ? List.of() : library.type().controllerBuiltinNames();
    }

    /** Why the controller has no Ansible to look modules up in (once it was looked at), or null. */
    public String controllerProblem() {
        return library.type() == null ? null : library.type().controllerProblem();
    }

    /** Every module's name, sorted, without creating any module. */
    public Collection<String> names() {
        TreeSet<String> names = new TreeSet<>(classes.keySet());
        names.addAll(created.keySet());
        names.addAll(library.names());
        return names;
    }

    /** Every module, sorted by name (creates those not created yet). */
    public Collection<Module> all() {
        List<String> names = List.copyOf(names());
        return names.stream().map(n -> find(n).orElseThrow()).toList();
    }

    /** {@code ansible.builtin.debug} → {@code debug}. */
    public static String shortName(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
