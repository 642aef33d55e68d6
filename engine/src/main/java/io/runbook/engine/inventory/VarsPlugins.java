package io.runbook.engine.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runbook.engine.env.RunEnvironment;
import io.runbook.engine.error.PluginFailure;
import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.pyplugin.PluginHost;
import io.runbook.engine.vars.TemplatePlugins;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The Python vars plugins of a run, run by the controller's ansible-core as its VariableManager runs them
 * (plugin_host.py's {@code vars}: ansible-core's own get_vars_from_path, so which plugins are enabled, at which
 * stage, and their warnings are Ansible's): those of the configured folders ({@link VarsPluginSettings#paths}, and
 * their subfolders), of the {@code vars_plugins/} folder beside the playbook and of the roles read (the run's
 * {@link PluginHost#varsFolders}, known once the playbook is read), and the collections' ones
 * vars_plugins_enabled names. The builtin host_group_vars is the engine's own ({@link VarsFiles}). They run in the
 * run's {@link PluginHost} (asked only when there is such a plugin), or, given none, in one of their own that
 * {@link #close} ends; each answer (a folder and the hosts or groups asked about) is asked once. A plugin that raises
 * is a {@link PluginFailure}: an AnsibleError's message, or ansible-playbook's {@code Unexpected Exception}.
 */
final class VarsPlugins implements AutoCloseable {
    /** Made when a plugin first answers: every inventory read uses {@link #NONE}, and Jackson is slow to start. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** No plugins: nothing is asked. */
    static final VarsPlugins NONE = new VarsPlugins(VarsPluginSettings.DEFAULT, null, false, null, List.of(), false);

    private final VarsPluginSettings settings;
    private final PluginHost host;
    /** Whether {@link #host} is this object's own, ended by {@link #close}. */
    private final boolean own;
    private final Path playbookDir;
    /** The plugin folders beside the playbook and in the roles read ({@link PluginHost#varsFolders}), in order. */
    private final List<String> folders;
    private final boolean active;
    private final Map<String, Map<String, PositionedValue>> answers = new ConcurrentHashMap<>();

    private VarsPlugins(VarsPluginSettings settings, PluginHost host, boolean own, Path playbookDir, List<String> folders,
                        boolean active) {
        this.settings = settings;
        this.host = host;
        this.own = own;
        this.playbookDir = playbookDir;
        this.folders = folders;
        this.active = active;
    }

    /**
     * The vars plugins of a run whose playbook (or --playbook-dir) is {@code playbookDir} (null: none), run in
     * {@code host} (null: one of their own, started in {@code environment}).
     */
    static VarsPlugins of(VarsPluginSettings settings, PluginHost host, RunEnvironment environment, Path playbookDir) {
        List<String> folders = new java.util.ArrayList<>();
        if (playbookDir != null && Files.isDirectory(playbookDir.resolve("vars_plugins"))) {
            folders.add(playbookDir.resolve("vars_plugins").toString());
        }
        if (host != null && !settings.run().equals("start")) {
            // with run_vars_plugins start Ansible ran its plugins once, when it read the inventory: before any role
            host.varsFolders().forEach(f -> folders.add(f.toString()));
        }
        boolean any = settings.namesCollectionPlugins() || folders.stream().anyMatch(f -> hasPython(Path.of(f), 0))
                || settings.paths().stream().anyMatch(p -> hasPython(p, 2));
        if (!any) {
            // the run's host kept: a role include_role reads later may bring plugins ({@link #withRoleFolders})
            return new VarsPlugins(settings, host, false, playbookDir, List.of(), false);
        }
        PluginHost used = host;
        if (used == null) {
            used = new PluginHost();
            used.environment(environment);
        }
        return new VarsPlugins(settings, used, host == null, playbookDir, List.copyOf(folders), true);
    }

    /**
     * The plugins with the roles' {@code vars_plugins/} folders the run's host knows now (a role include_role read
     * while the run goes on, as Ansible's role loading adds its plugin folders and its VariableManager asks them from
     * then on); this when no folder is new, with {@code run_vars_plugins: start} (they ran when the inventory was read)
     * or without the run's host.
     */
    VarsPlugins withRoleFolders() {
        if (host == null || own || settings.run().equals("start")
                || folders.containsAll(host.varsFolders().stream().map(Path::toString).toList())) {
            return this;
        }
        return of(settings, host, null, playbookDir);
    }

    VarsPluginSettings settings() {
        return settings;
    }

    /** Whether {@code folder}, or a folder up to {@code depth} levels below it, holds a .py file. */
    private static boolean hasPython(Path folder, int depth) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.find(folder, depth + 1, (p, a) -> p.toString().endsWith(".py") && a.isRegularFile())) {
            return files.findAny().isPresent();
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /**
     * The variables the plugins give for {@code names} (hosts or groups, asked together as Ansible asks them) of the
     * folder {@code dir} (an inventory source's, or the playbook's) at {@code stage} (Ansible's: task, inventory or
     * all); {@code layer} names the layer.
     */
    Map<String, PositionedValue> vars(Path dir, boolean hosts, List<String> names, String layer, String stage) {
        if (!active || names.isEmpty()) {
            return Map.of();
        }
        String key = stage + "\0" + dir + "\0" + hosts + "\0" + String.join("\0", names);
        Map<String, PositionedValue> known = answers.get(key);
        if (known == null) {
            known = ask(dir, hosts, names, layer, stage);
            answers.put(key, known);
        }
        return known;
    }

    private synchronized Map<String, PositionedValue> ask(Path dir, boolean hosts, List<String> names, String layer, String stage) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "vars");
        request.put("dirs", folders);
        request.put("path", dir.toString());
        request.put("entities", names.stream().map(n -> List.of(hosts ? "host" : "group", n)).toList());
        request.put("stage", stage);
        request.put("basedir", playbookDir == null ? null : playbookDir.toString());
        JsonNode answer;
        try {
            answer = host.answer(request);
        } catch (TemplatePlugins.Failure e) {
            throw new UserError(SourcePosition.of(dir.toString()), "vars plugins: " + e.getMessage());
        }
        if (!answer.path("ok").asBoolean()) {
            SourcePosition where = answer.has("file")
                    ? new SourcePosition(Path.of(answer.path("file").asText()), answer.path("line").asInt(), 1)
                    : SourcePosition.of(dir.toString());
            String hint = "a vars plugin failed while giving variables for " + String.join(", ", names) + " of " + dir;
            throw new PluginFailure(where, answer.path("error").asText(), hint, answer.path("unexpected").asBoolean());
        }
        SourcePosition at = SourcePosition.of(layer + " of " + dir);
        Map<String, PositionedValue> out = new LinkedHashMap<>();
        answer.path("vars").fields().forEachRemaining(e ->
                out.put(e.getKey(), new PositionedValue(Json.MAPPER.convertValue(e.getValue(), Object.class), at)));
        return out;
    }

    /** Ends the plugins' own host, if they have one (the run's is closed with the run); their answers are kept. */
    @Override
    public void close() {
        if (own) {
            host.close();
        }
    }
}
