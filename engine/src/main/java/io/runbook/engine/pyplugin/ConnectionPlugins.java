package io.runbook.engine.pyplugin;

import io.runbook.engine.module.ConnectionTypes;
import io.runbook.engine.vars.Templar;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The Python connection plugins of one run, found where Ansible's connection loader finds them: the
 * {@code connection_plugins/} folders beside each playbook and in each role read, then the configured folders
 * ({@code ANSIBLE_CONNECTION_PLUGINS}, {@code connection_plugins =} of ansible.cfg); {@code ns.coll.NAME} in the
 * collection's {@code plugins/connection/}, or where its {@code meta/runtime.yml} redirects that name. The engine's own
 * connections ({@link ConnectionTypes}) keep their names, as Ansible's builtin ones do. A task on a host whose
 * connection is such a plugin runs through ansible-core ({@link ActionPlugins#throughConnection}): its action plugin,
 * its module, the plugin's {@code exec_command}, {@code put_file}, {@code fetch_file} and become, as Ansible runs it.
 * Thread-safe.
 */
public final class ConnectionPlugins {
    /** Actions the engine runs on the controller whatever the connection (Ansible's use none of it either). */
    private static final Set<String> NO_CONNECTION = Set.of("debug", "assert", "fail", "set_fact", "include_vars",
            "add_host", "group_by", "set_stats", "pause", "validate_argument_spec", "meta");
    private final List<Path> folders = new CopyOnWriteArrayList<>();
    private final List<Path> configured = new CopyOnWriteArrayList<>();
    private final Supplier<List<Path>> roots;
    private volatile ConnectionTypes own;
    /** Names found once (folders are only ever added): a plugin-connected host's tasks look no file up again. */
    private final Set<String> found = java.util.concurrent.ConcurrentHashMap.newKeySet();

    ConnectionPlugins(Supplier<List<Path>> roots) {
        this.roots = roots;
    }

    /** A playbook's or a role's folder: its {@code connection_plugins/}, when that holds a .py file. */
    void addFolder(Path folder) {
        ActionPlugins.addPythonFolder(folders, folder.resolve("connection_plugins"));
    }

    /** The configured folders (CONNECTION_PLUGINS), searched after every playbook's and role's. */
    public void addConfigured(List<Path> paths) {
        paths.forEach(p -> ActionPlugins.addPythonFolder(configured, p));
    }

    /** Every folder, in search order (handed to ansible-core's connection loader). */
    List<String> dirs() {
        List<String> all = new ArrayList<>();
        folders.forEach(f -> all.add(f.toString()));
        configured.forEach(f -> all.add(f.toString()));
        return all;
    }

    /**
     * The connection plugin an {@code action} runs through on a host with these variables: its
     * {@code ansible_connection}, when that is no connection of the engine's and a plugin of that name is found; empty
     * otherwise (and for the actions that use no connection).
     */
    public Optional<String> of(String action, Map<String, Object> vars) {
        Object value = vars.get("ansible_connection");
        String shortAction = action.substring(action.lastIndexOf('.') + 1);
        if (value == null || Templar.isTemplate(value) || NO_CONNECTION.contains(shortAction)) {
            return Optional.empty();
        }
        String name = String.valueOf(value).trim();
        return !types().supports(name) && has(name) ? Optional.of(name) : Optional.empty();
    }

    /** The run's connection types (those its checks found), so that they are not looked up again. */
    public void types(ConnectionTypes types) {
        own = types;
    }

    private ConnectionTypes types() {
        if (own == null) {
            own = ConnectionTypes.load();  // none handed over: a run without the checks (an engine test's)
        }
        return own;
    }

    /**
     * Whether a connection plugin of this name is found: a short name (or {@code ansible.legacy.NAME}) in the folders,
     * {@code ns.coll.NAME} in the collection's {@code plugins/connection/} or redirected by its meta/runtime.yml.
     */
    public boolean has(String name) {
        if (found.contains(name)) {
            return true;
        }
        boolean has = has(name, 0);
        if (has) {
            found.add(name);
        }
        return has;
    }

    private boolean has(String name, int redirects) {
        String[] parts = name.split("\\.");
        if (parts.length == 1 || parts.length == 3 && name.startsWith("ansible.legacy.")) {
            String file = parts[parts.length - 1] + ".py";
            return folders.stream().anyMatch(f -> Files.isRegularFile(f.resolve(file)))
                    || configured.stream().anyMatch(f -> Files.isRegularFile(f.resolve(file)));
        }
        if (parts.length != 3 || redirects > 10) {
            return false;
        }
        Optional<Path> collection = ActionPlugins.collectionFolder(roots.get(), parts[0], parts[1]);
        if (collection.isEmpty()) {
            return false;
        }
        if (Files.isRegularFile(collection.get().resolve("plugins/connection").resolve(parts[2] + ".py"))) {
            return true;
        }
        String redirect = redirect(collection.get().resolve("meta/runtime.yml"), parts[2]);
        return redirect != null && has(redirect, redirects + 1);
    }

    /** {@code plugin_routing.connection.NAME.redirect} of a collection's runtime file, or null. */
    private static String redirect(Path runtime, String name) {
        if (!Files.isRegularFile(runtime)) {
            return null;
        }
        Object doc = YamlLoader.load(runtime).map(YNode::toPlain).orElse(null);
        return doc instanceof Map<?, ?> top && top.get("plugin_routing") instanceof Map<?, ?> routing
                && routing.get("connection") instanceof Map<?, ?> connections
                && connections.get(name) instanceof Map<?, ?> route && route.get("redirect") != null
                ? String.valueOf(route.get("redirect")) : null;
    }
}
