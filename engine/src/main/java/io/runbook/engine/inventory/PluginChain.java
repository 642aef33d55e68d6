package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The enabled inventory plugins tried on an inventory file in enable_plugins' order, as ansible-core 2.14's inventory
 * manager tries them: each whose verify_file takes the file parses it, and the first that does not fail has read it
 * (the engine's own by Ansible's rules: script an executable with {@code #!}, auto a .yml/.yaml file naming its
 * {@code plugin:}, yaml a file ending in .yml, .yaml, .json or nothing, ini any file, toml a .toml file through the
 * controller's ansible-core; a Python plugin by its own verify_file). One that fails is remembered: when none reads the
 * file, Ansible's warnings name each in order ({@code  * Failed to parse FILE with NAME plugin: CAUSE}, then
 * {@code Unable to parse FILE as an inventory source}); when the engine's plugin of the file's kind is one of them (a
 * malformed YAML or INI inventory, a failing script or plugin) the engine then refuses the file with that plugin's
 * error, where ansible-playbook goes on without it.
 */
final class PluginChain {
    private static final List<String> YAML_EXTENSIONS = List.of(".yml", ".yaml", ".json");

    /** A plugin that took the file and failed on it. */
    private record Failure(String plugin, UserError error) {
        /** Ansible's warning: the exception's text, a Python plugin's own message. */
        String warning(Path file) {
            String cause = error instanceof PythonInventoryPlugin.Failed f ? f.pluginMessage() : error.getMessage();
            return "\n* Failed to parse " + file.toAbsolutePath().normalize() + " with " + plugin + " plugin: " + cause;
        }
    }

    /** What reads a file whose top names its {@code plugin:} (constructed, or a Python plugin through auto). */
    interface PluginFileReader {
        void read(Path file, YMap top);
    }

    private final InventorySettings settings;
    private final InventoryBuilder builder;
    private final YamlInventoryReader yaml;
    private final IniInventoryReader ini;
    private final PythonInventoryPlugin python;
    private final List<String> pythonPlugins;
    private final PluginFileReader pluginFiles;
    /** Ansible's {@code -vvv} lines of the plugins tried, in order ({@link VerboseLine}). */
    private final List<VerboseLine> lines;
    /**
     * The file {@link #read} is trying plugins on, and its YAML once parsed: auto and yaml both read a .yml file, and
     * a thousand-host inventory was parsed three times (auto's look for {@code plugin:}, yaml's, then yaml's read),
     * two thirds of the inventory thread's samples in a profile of a run over a thousand clusters. Only a parse that
     * succeeded is kept: a failing one is parsed again by each plugin, for its own error, as before.
     */
    private Path parsedFile;
    private Optional<YNode> parsed;

    PluginChain(InventorySettings settings, InventoryBuilder builder, YamlInventoryReader yaml, IniInventoryReader ini,
                PythonInventoryPlugin python, List<String> pythonPlugins, PluginFileReader pluginFiles, List<VerboseLine> lines) {
        this.settings = settings;
        this.builder = builder;
        this.yaml = yaml;
        this.ini = ini;
        this.python = python;
        this.pythonPlugins = pythonPlugins;
        this.pluginFiles = pluginFiles;
        this.lines = lines;
    }

    /** Whether Ansible tries plugin {@code name} on the sources: one it loads (an unknown one is skipped with a warning). */
    boolean loaded(String name) {
        return InventorySettings.OWN.contains(name) || name.equals("toml") || pythonPlugins.contains(name);
    }

    /**
     * Ansible's {@code -vvv} lines of plugin {@code name} declining a source that is no file or folder: a plugin of
     * files first says the source is not there (auto only of a name ending in .yml or .yaml, as its verify_file asks).
     */
    void declinedMissing(String name, String source) {
        boolean files = switch (name) {
            case "script", "yaml", "ini", "toml", "constructed" -> true;
            case "auto" -> source.endsWith(".yml") || source.endsWith(".yaml");
            default -> false;
        };
        if (files) {
            lines.add(VerboseLine.notThere());
        }
        lines.add(VerboseLine.declined(name, source));
    }

    /**
     * Reads {@code file} with the first enabled plugin that takes it and does not fail; false when none read it, with
     * Ansible's warnings about those that failed added to {@code warnings}. When the plugin of the file's kind (the
     * engine's own reader of it) is one that failed: its error, with those warnings and Ansible's last.
     */
    boolean read(Path file, List<String> warnings) {
        parsedFile = null;
        parsed = null;
        try {
            return readOnce(file, warnings);
        } finally {
            parsedFile = null;
            parsed = null;
        }
    }

    /** The file's single YAML document, parsed at most once while {@link #read} tries plugins on it. */
    private Optional<YNode> yamlOf(Path file) {
        if (!file.equals(parsedFile)) {
            parsed = YamlLoader.load(file);
            parsedFile = file;
        }
        return parsed;
    }

    private boolean readOnce(Path file, List<String> warnings) {
        List<Failure> failures = new ArrayList<>();
        String shown = file.toAbsolutePath().normalize().toString();
        for (String name : settings.enabled()) {
            if (!loaded(name)) {
                continue;
            }
            try {
                if (readWith(name, file)) {
                    lines.add(VerboseLine.parsed(name, shown));
                    return true;
                }
                lines.add(VerboseLine.declined(name, shown));
            } catch (UserError e) {
                failures.add(new Failure(name, e));
            }
        }
        List<String> failed = failures.stream().map(f -> f.warning(file)).toList();
        String kind = kind(file);
        UserError malformed = failures.stream().filter(f -> f.plugin.equals(kind)).map(Failure::error).findFirst().orElse(null);
        if (malformed == null) {
            warnings.addAll(failed);  // no plugin of its kind took it: not parsed, as Ansible
            return false;
        }
        List<String> before = new ArrayList<>(failed);
        before.add("Unable to parse " + file.toAbsolutePath().normalize() + " as an inventory source");
        throw malformed.warnedBefore(before);
    }

    /** Whether plugin {@code name} takes the file (its verify_file) and read it; a failure of its parse is thrown. */
    private boolean readWith(String name, Path file) {
        String fileName = file.getFileName().toString();
        String ext = extension(fileName);
        switch (name) {
            case "script" -> {
                if (!ScriptInventoryReader.isScript(file)) {
                    return false;
                }
                new ScriptInventoryReader(builder, settings.environment()).read(file);
            }
            case "auto", "constructed" -> {
                boolean takes = name.equals("auto") ? ext.equals(".yml") || ext.equals(".yaml")
                        : ext.isEmpty() || ext.equals(".config") || YAML_EXTENSIONS.contains(ext);
                if (!takes) {
                    return false;
                }
                readPluginFile(name, file);
            }
            case "yaml" -> {
                if (!ext.isEmpty() && !YAML_EXTENSIONS.contains(ext)) {
                    return false;
                }
                if (YamlInventoryReader.pluginOf(file, this::yamlOf) != null) {
                    throw new UserError(SourcePosition.of(file.toString()), "Plugin configuration YAML file, not YAML inventory");
                }
                yaml.read(file, this::yamlOf);
            }
            case "ini" -> ini.read(file);
            case "toml" -> {
                // Ansible's toml plugin, which the engine has not: the controller's ansible-core runs it on a .toml file
                return ext.equals(".toml") && python.read("toml", "toml", file, SourcePosition.of(file.toString()))
                        == PythonInventoryPlugin.Outcome.READ;
            }
            default -> {
                if (!pythonPlugins.contains(name)
                        || python.read(name, name, file, SourcePosition.of(file.toString())) != PythonInventoryPlugin.Outcome.READ) {
                    return false;  // host_list and advanced_host_list take no file; a plugin that does not verify it
                }
                PythonInventoryPlugin.maskFileWhenOpened(file);  // its options the plugin decrypts: masked as the engine's
            }
        }
        return true;
    }

    /**
     * A file naming its {@code plugin:}, as Ansible's auto plugin (any plugin's) or constructed plugin (its own only)
     * reads it; a file naming none is their failure.
     */
    private void readPluginFile(String name, Path file) {
        YMap top = yamlOf(file).filter(YMap.class::isInstance).map(YMap.class::cast).orElse(null);
        Object plugin = top == null ? null : top.entry("plugin").map(e -> e.value() instanceof YScalar s ? s.value() : "")
                .orElse(null);
        String shown = file.toAbsolutePath().normalize().toString();
        if (name.equals("auto") && (plugin == null || String.valueOf(plugin).isEmpty())) {
            throw new UserError(SourcePosition.of(file.toString()), "no root 'plugin' key found, '" + shown
                    + "' is not a valid YAML inventory plugin config file");
        }
        if (name.equals("constructed") && !ConstructedConfig.NAMES.contains(String.valueOf(plugin))) {
            throw new UserError(SourcePosition.of(file.toString()), "Incorrect plugin name in file: "
                    + (plugin == null ? "none found" : plugin));
        }
        pluginFiles.read(file, top);
    }

    /** The extension of a file's name as Python's os.path.splitext gives it: from its last dot, none for a leading one. */
    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 || fileName.substring(0, dot).chars().allMatch(c -> c == '.') ? "" : fileName.substring(dot);
    }

    /** The short name of the plugin of a file's kind, whose error the engine shows when no plugin read the file. */
    private String kind(Path file) {
        String name = file.getFileName().toString();
        if (ScriptInventoryReader.isScript(file)) {
            return "script";
        }
        boolean isYaml = YAML_EXTENSIONS.stream().anyMatch(name::endsWith)
                || extension(name).isEmpty() && !IniInventoryReader.looksLikeIni(file) && YamlInventoryReader.isYamlMapping(file);
        if (!isYaml) {
            return "ini";
        }
        String plugin = YamlInventoryReader.pluginOf(file, this::yamlOf);
        return plugin == null ? "yaml" : "auto";
    }
}
