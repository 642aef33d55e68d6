package io.runbook.engine.pyplugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The Python action plugins of one run, found where Ansible's action loader finds them: the {@code action_plugins/}
 * folders beside each playbook and in each role read (in the order read), then the configured folders
 * ({@code ANSIBLE_ACTION_PLUGINS}, {@code action_plugins =} of ansible.cfg); {@code ns.coll.NAME} in the collection's
 * {@code plugins/action/}. Each runs in an action process of the run's {@link PluginHost} with the controller's
 * ansible-core ({@code action_host.py}): a process runs one plugin at a time, and calls of several hosts at once each
 * get their own (started when none is idle, kept for the next call). What the plugin asks the engine meanwhile
 * the engine answers: {@code _execute_module} by running the module on the host, as it runs a task's module
 * ({@link ModuleContext#runModule}), {@code _low_level_execute_command} by running the command over the host's
 * connection ({@link io.runbook.engine.module.HostCommand}, in check mode too), the connection's {@code put_file} and
 * {@code fetch_file} ({@code _transfer_file}, {@code _transfer_data}) by copying the file over it. What the plugin displays goes where
 * Ansible's worker shows it ({@link PluginHost#showFromWorker}). Thread-safe.
 */
public final class ActionPlugins {
    /**
     * A key of an action plugin's result (action_host.py's) saying the result has no {@code changed}: the failure for an
     * exception the plugin raised, which Ansible's task executor registers without one.
     */
    private static final String UNCHANGED_UNSAID = "_runbook_changed_unsaid";
    /** A key of a plugin's result as the engine holds it: the plugin's keys in the order it gave them. */
    static final String KEY_ORDER = "_runbook_key_order";
    private final List<Path> folders = new CopyOnWriteArrayList<>();
    private final List<Path> configured = new CopyOnWriteArrayList<>();
    /** The {@code callback_plugins/} folders beside the playbooks and in the roles ({@link PythonCallbacks}). */
    private final List<Path> callbackFolders = new CopyOnWriteArrayList<>();
    private final List<Path> callbackConfigured = new CopyOnWriteArrayList<>();
    private final Map<String, Module> created = new ConcurrentHashMap<>();
    private final PluginHost host;
    /** The run's collection folders (those whose {@code ansible_collections/} hold collections), in search order. */
    private final java.util.function.Supplier<List<Path>> roots;
    private final ConnectionPlugins connections;
    /** ansible-core 2.14's own action plugins: a module of another name runs through its {@code normal} action. */
    private static final java.util.Set<String> CORE_ACTIONS = java.util.Set.of("add_host", "assemble", "assert",
            "async_status", "command", "copy", "debug", "fail", "fetch", "gather_facts", "group_by", "include_vars", "normal",
            "package", "pause", "raw", "reboot", "script", "service", "set_fact", "set_stats", "shell", "template", "unarchive",
            "uri", "validate_argument_spec", "wait_for_connection", "yum");
    /** How many folders {@link #hasNormal} looked at, and whether one held normal.py. */
    private volatile int normalChecked = -1;
    private volatile boolean hasNormal;

    /** The action plugins of a run whose plugin host is {@code host} and whose collections are in {@code roots}. */
    public ActionPlugins(PluginHost host, java.util.function.Supplier<List<Path>> roots) {
        this.host = host;
        this.roots = roots;
        this.connections = new ConnectionPlugins(roots);
    }

    /** The run's Python connection plugins, whose tasks run through ansible-core's action plugins here. */
    public ConnectionPlugins connections() {
        return connections;
    }

    /** A playbook's or a role's folder: its {@code action_plugins/} and {@code connection_plugins/}, when they hold .py files. */
    public void addFolder(Path folder) {
        addPythonFolder(folders, folder.resolve("action_plugins"));
        addPythonFolder(callbackFolders, folder.resolve("callback_plugins"));
        connections.addFolder(folder);
    }

    /** The {@code callback_plugins/} folders with .py files, in the order the playbooks and roles were read. */
    public List<String> callbackDirs() {
        List<String> all = new java.util.ArrayList<>(callbackFolders.stream().map(Path::toString).toList());
        callbackConfigured.forEach(f -> all.add(f.toString()));
        return all;
    }

    /** The configured callback folders (DEFAULT_CALLBACK_PLUGIN_PATH), searched after every playbook's and role's. */
    public void addConfiguredCallbacks(List<Path> paths) {
        paths.forEach(p -> addPythonFolder(callbackConfigured, p));
    }

    /** The run's collection folders, in search order. */
    List<String> rootDirs() {
        return roots.get().stream().map(Path::toString).toList();
    }

    /** The configured folders (ACTION_PLUGINS), searched after every playbook's and role's. */
    public void addConfigured(List<Path> paths) {
        paths.forEach(p -> addPythonFolder(configured, p));
    }

    /** Adds {@code folder} to {@code to} (once) when it holds a .py file. */
    static synchronized void addPythonFolder(List<Path> to, Path folder) {
        Path f = folder.toAbsolutePath().normalize();
        if (to.contains(f) || !Files.isDirectory(f)) {
            return;
        }
        try (Stream<Path> files = Files.list(f)) {
            if (files.anyMatch(p -> p.getFileName().toString().endsWith(".py"))) {
                to.add(f);
            }
        } catch (IOException e) {
            // an unreadable folder holds no plugin Ansible could load either
        }
    }

    /**
     * The action plugin a task's {@code name} runs: a short name (or {@code ansible.legacy.NAME}) the first folder's
     * {@code NAME.py}, {@code ns.coll.NAME} the collection's {@code plugins/action/NAME.py} in the first of
     * the run's collection folders that holds the collection; empty when none.
     */
    public Optional<Module> find(String name) {
        String[] parts = name.split("\\.");
        if (parts.length == 1 || parts.length == 3 && name.startsWith("ansible.legacy.")) {
            String shortName = parts[parts.length - 1];
            return all().stream().filter(f -> Files.isRegularFile(f.resolve(shortName + ".py"))).findFirst()
                    .map(f -> created.computeIfAbsent(shortName, n -> new ActionPluginModule(this, n, null)));
        }
        if (parts.length != 3 || parts[0].equals("ansible") && parts[1].equals("builtin")) {
            return Optional.empty();
        }
        return collectionFolder(roots.get(), parts[0], parts[1])
                .filter(c -> Files.isRegularFile(c.resolve("plugins/action").resolve(parts[2] + ".py")))
                .map(c -> created.computeIfAbsent(name, n -> new ActionPluginModule(this, n, null)));
    }

    /**
     * What runs module {@code name} when a playbook's or role's {@code action_plugins/} (or a configured folder) has a
     * {@code normal.py}: that plugin, as Ansible's task executor runs every module without an action plugin of its own
     * through {@code ansible.legacy.normal}; empty otherwise, for ansible-core's own actions, and for a collection's
     * module (the engine does not know which of those have an action plugin in their collection).
     */
    public Optional<Module> normalFor(String name) {
        String shortName = io.runbook.engine.module.ModuleRegistry.shortName(name);
        if (CORE_ACTIONS.contains(shortName) || !(name.equals(shortName) || name.equals("ansible.legacy." + shortName)
                || name.equals("ansible.builtin." + shortName)) || !hasNormal()) {
            return Optional.empty();
        }
        return Optional.of(created.computeIfAbsent("ansible.legacy.normal\0" + name,
                n -> new ActionPluginModule(this, "ansible.legacy.normal", null, name)));
    }

    /** Whether a folder holds normal.py (looked at again only when folders were added). */
    private boolean hasNormal() {
        int count = folders.size() + configured.size();
        if (count != normalChecked) {
            hasNormal = all().stream().anyMatch(f -> Files.isRegularFile(f.resolve("normal.py")));
            normalChecked = count;
        }
        return hasNormal;
    }

    /** Collection {@code ns.coll}'s folder in the first of {@code roots} that holds it. */
    static Optional<Path> collectionFolder(List<Path> roots, String namespace, String collection) {
        return roots.stream().map(r -> r.resolve("ansible_collections").resolve(namespace).resolve(collection))
                .filter(Files::isDirectory).findFirst();
    }

    /**
     * What runs action {@code name} on a host with these variables when its connection is a Python connection plugin
     * ({@link ConnectionPlugins#of}): ansible-core's action plugin of that name (its {@code normal} one for a module),
     * whose module, commands and files go through the connection plugin, as Ansible's TaskExecutor runs them; empty
     * when the host's connection is the engine's own.
     */
    public Optional<Module> throughConnection(String name, Map<String, Object> vars) {
        return connections.of(name, vars).map(c -> created.computeIfAbsent(name + "\0" + c,
                n -> new ActionPluginModule(this, name, c)));
    }

    /**
     * A plugin's registered result in the order Ansible's task executor makes it: the plugin's keys as it gave them,
     * then {@code failed} and {@code changed} when it gave none (no {@code changed} for an exception it raised), then
     * what the engine added. Changes {@code result} (a result of another module is left as it is).
     */
    public static void inAnsiblesOrder(Map<String, Object> result) {
        if (result.remove(UNCHANGED_UNSAID) != null) {
            result.remove("changed");
        }
        if (!(result.remove(KEY_ORDER) instanceof List<?> keys)) {
            return;
        }
        Map<String, Object> rest = new LinkedHashMap<>(result);
        result.clear();
        for (Object key : keys) {
            if (rest.containsKey(String.valueOf(key))) {
                result.put(String.valueOf(key), rest.remove(String.valueOf(key)));
            }
        }
        for (String key : List.of("failed", "changed")) {
            if (rest.containsKey(key)) {
                result.put(key, rest.remove(key));
            }
        }
        result.putAll(rest);
    }

    /**
     * Whether {@code module} is a playbook's Python action plugin (not ansible-core's through a connection plugin): an
     * async task's limit bounds the module it runs with {@code _execute_module(wrap_async=True)}, not the plugin.
     */
    public static boolean boundsItsModule(Module module) {
        return module instanceof ActionPluginModule a && !a.throughConnection();
    }

    /** Whether {@code module} is a Python action plugin. */
    public static boolean runs(Module module) {
        return module instanceof ActionPluginModule;
    }

    private List<Path> all() {
        List<Path> all = new ArrayList<>(folders);
        all.addAll(configured);
        return all;
    }

    /**
     * Runs action plugin {@code name} for the task of {@code ctx}, with {@code request}'s task and variables: the
     * plugin's result, as Ansible's TaskExecutor makes it (an exception the plugin raised made a failure).
     */
    Map<String, Object> run(ModuleContext ctx, String name, Map<String, Object> request)
            throws ModuleException, InterruptedException {
        Map<String, Object> asked = new LinkedHashMap<>(request);
        asked.put("op", "action");
        asked.put("name", name);
        asked.put("dirs", all().stream().map(Path::toString).toList());
        asked.put("roots", roots.get().stream().map(Path::toString).toList());
        asked.put("connection_dirs", connections.dirs());
        PluginProcess process = host.actionProcess(ctx.runEnvironment());
        boolean reusable = false;
        try {
            JsonNode answer = process.answer(asked);
            while (answer.has("call")) {
                host.showFromWorker(answer);
                answer = process.answer(Map.of("result", called(ctx, answer)));
            }
            host.showFromWorker(answer);
            reusable = true;
            if (!answer.path("ok").asBoolean()) {
                throw new ModuleException(answer.path("error").asText());
            }
            Object result = PluginProcess.JSON.convertValue(answer.path("result"), Object.class);
            return result instanceof Map<?, ?> m ? plainKeys(m) : Map.of("failed", true, "msg",
                    "the action plugin " + name + " gave no mapping: " + result);
        } finally {
            host.actionProcessDone(process, reusable);
        }
    }

    /** The engine's answer to what the plugin asked: the module's (or the command's) registered result. */
    private static Map<String, Object> called(ModuleContext ctx, JsonNode call) throws InterruptedException {
        try {
            switch (call.path("call").asText()) {
                case "command" -> {
                    // as Ansible's: EXECUTABLE -c CMD over the connection (in check mode too), in_data its stdin
                    List<String> argv = List.of(call.hasNonNull("executable") ? call.path("executable").asText()
                            : "/bin/sh", "-c", call.path("cmd").asText());
                    return command().run(ctx, argv, text(call.get("in_data")), call.path("sudoable").asBoolean(true));
                }
                case "put", "fetch" -> {
                    return transferred(ctx, call);
                }
                default -> { }
            }
            Object args = PluginProcess.JSON.convertValue(call.path("args"), Object.class);
            return ctx.runModule(call.path("name").asText(), args instanceof Map<?, ?> m ? plainKeys(m) : Map.of(),
                    call.path("wrap_async").asBoolean(false));
        } catch (ModuleException e) {
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("failed", true);
            failed.put("msg", e.getMessage());
            if (e.isUnreachable()) {
                failed.put("unreachable", true);
            }
            return failed;
        }
    }

    /** The connection's put_file or fetch_file: nothing, or the error that stopped it. */
    private static Map<String, Object> transferred(ModuleContext ctx, JsonNode call) throws InterruptedException {
        String from = call.path("from").asText();
        String to = call.path("to").asText();
        try {
            if (call.path("call").asText().equals("put")) {
                command().put(ctx, Path.of(from), to);
            } else {
                command().fetch(ctx, from, Path.of(to));
            }
            return Map.of();
        } catch (ModuleException e) {
            return Map.of("error", String.valueOf(e.getMessage()));
        }
    }

    private static io.runbook.engine.module.HostCommand command() throws ModuleException {
        return Commands.ALL.stream().findFirst().orElseThrow(() -> new ModuleException("no connection runs commands"));
    }

    /**
     * What runs a plugin's {@code _low_level_execute_command} on the host (the modules' connections): looked up on the
     * class path when a plugin first runs a command, not whenever a run's action plugins are made.
     */
    private static final class Commands {
        static final List<io.runbook.engine.module.HostCommand> ALL = java.util.ServiceLoader
                .load(io.runbook.engine.module.HostCommand.class).stream().map(java.util.ServiceLoader.Provider::get).toList();
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, Object> plainKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
