package io.runbook.engine.config;

import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YamlLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Ansible settings the engine honours, from the one table of them ({@code settings.yml} beside this class, in
 * the form {@code ansible-config list} prints): their names, environment variables, ini keys, types and defaults; and
 * the settings of the plugins the engine has a meaning for ({@code connection-ssh.yml}: the form of
 * {@code ansible-config list -t connection}'s ssh entry; {@code callback-default.yml}, the default callback's;
 * {@code callback-profile_tasks.yml}, ansible.posix.profile_tasks'). The
 * command line reads every setting by it, {@code config} prints it and the {@code config} lookup answers from the values read by it ({@link SettingValues}).
 */
public final class SettingTable {
    /** Ansible's other names of a type. */
    private static final Map<String, String> TYPES = Map.of("int", "integer", "bool", "boolean");

    /** The base settings, by name, in the file's order. */
    public static final Map<String, Def> ALL = load("settings.yml");
    /** The plugins' settings, by plugin type, then plugin name, then setting name. */
    public static final Map<String, Map<String, Map<String, Def>>> PLUGINS = Map.of("connection",
            Map.of("ssh", load("connection-ssh.yml")), "callback", Collections.unmodifiableMap(new java.util.TreeMap<>(Map.of("default",
                    load("callback-default.yml"), "ansible.posix.profile_tasks", load("callback-profile_tasks.yml")))));

    /**
     * Ansible's other base settings, which the engine does not use ({@code ansible-settings.yml}, ansible-core's
     * entries): the config lookup answers them too. Read when first asked for, not with the engine's own: most
     * commands never need them.
     */
    public static Map<String, Def> ansibleBase() {
        return AnsibleBase.ALL;
    }

    /**
     * The options of the builtin plugins the engine knows (shell sh, connection local and ssh, become sudo and su,
     * callback default) as ansible-core's configuration has them, by {@code type/name}, then option name
     * ({@code ansible-plugins.yml}): what the config lookup answers for them, used by the engine or not. Read when
     * first asked for.
     */
    public static Map<String, Map<String, Def>> ansiblePlugins() {
        return AnsiblePlugins.ALL;
    }

    /** The table of {@link #ansibleBase}, read at its first use (a class is initialised once, thread-safely). */
    private static final class AnsibleBase {
        static final Map<String, Def> ALL = load("ansible-settings.yml");
    }

    /** The table of {@link #ansiblePlugins}, read at its first use. */
    private static final class AnsiblePlugins {
        static final Map<String, Map<String, Def>> ALL = grouped(loadYaml("ansible-plugins.yml"));
    }

    private SettingTable() {
    }

    /**
     * One setting: its entry as {@code ansible-config list} prints it, and the parts of it the engine reads by: its
     * environment variables, ini keys and (a plugin's) host variables in Ansible's order (the last set wins).
     */
    public record Def(String name, Map<String, Object> entry, List<String> envNames, List<Ini> ini, List<String> vars,
                      String type, Object fallback) {
        /** The ini key a value is read from last (Ansible: the last listed that is set wins; init writes the last). */
        public Optional<Ini> lastIni() {
            return ini.isEmpty() ? Optional.empty() : Optional.of(ini.get(ini.size() - 1));
        }
    }

    public record Ini(String section, String key) {
    }

    /** The base setting {@code name}. */
    public static Def def(String name) {
        Def d = ALL.get(name);
        if (d == null) {
            throw new IllegalArgumentException("not in the settings table: " + name);
        }
        return d;
    }

    /** The settings of the plugin {@code name} of {@code type} ({@code ansible.builtin.} or not), none if it has none. */
    public static Map<String, Def> plugin(String type, String name) {
        return PLUGINS.getOrDefault(type, Map.of()).getOrDefault(shortName(name), Map.of());
    }

    /**
     * The options the config lookup answers for plugin {@code name} of {@code type}: Ansible's of a builtin plugin the
     * engine knows ({@link #ansiblePlugins}), else those the engine honours, none if it has none.
     */
    public static Map<String, Def> lookup(String type, String name) {
        Map<String, Def> ansibles = ansiblePlugins().get(type + "/" + shortName(name));
        return ansibles != null ? ansibles : plugin(type, name);
    }

    /** A plugin's name without {@code ansible.builtin.} or {@code ansible.legacy.}. */
    public static String shortName(String name) {
        return name.startsWith("ansible.builtin.") || name.startsWith("ansible.legacy.")
                ? name.substring(name.indexOf('.', "ansible.".length()) + 1) : name;
    }

    /**
     * A boolean setting's text as Ansible's configuration reads it ({@code boolean(value, strict=False)}): its true
     * words (yes, on, true, 1, ...) are true, every other text (no, maybe, ...) false.
     */
    public static boolean bool(String text) {
        return io.runbook.engine.module.ArgValidator.isTrue(text.strip());
    }

    /** The table {@code resource}: from its compact form when the build wrote one ({@link SettingForm}), else its YAML. */
    private static Map<String, Def> load(String resource) {
        Map<String, Def> compact = SettingForm.read(resource);
        return compact != null ? compact : parse(resource);
    }

    /** The table {@code resource} read from its YAML, every entry whole. */
    static Map<String, Def> parse(String resource) {
        return defs(loadYaml(resource));
    }

    private static YMap loadYaml(String resource) {
        String text;
        try (InputStream in = SettingTable.class.getResourceAsStream(resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (YMap) YamlLoader.loadAll(text, Path.of(resource)).get(0);
    }

    private static Map<String, Map<String, Def>> grouped(YMap tables) {
        Map<String, Map<String, Def>> out = new LinkedHashMap<>();
        tables.entries().forEach(e -> out.put(e.key(), defs((YMap) e.value())));
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Def> defs(YMap table) {
        Map<String, Def> out = new LinkedHashMap<>();
        for (YMap.Entry e : table.entries()) {
            Map<String, Object> entry = (Map<String, Object>) e.value().toPlain();
            List<Ini> ini = new ArrayList<>();
            for (Object o : (List<Object>) entry.getOrDefault("ini", List.of())) {
                Map<String, Object> m = (Map<String, Object>) o;
                ini.add(new Ini(String.valueOf(m.get("section")), String.valueOf(m.get("key"))));
            }
            String type = String.valueOf(entry.getOrDefault("type", "string"));
            out.put(e.key(), new Def(e.key(), entry, names(entry, "env"), List.copyOf(ini), names(entry, "vars"),
                    TYPES.getOrDefault(type, type), entry.get("default")));
        }
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Map<String, Object> entry, String key) {
        List<String> names = new ArrayList<>();
        for (Object o : (List<Object>) entry.getOrDefault(key, List.of())) {
            names.add(String.valueOf(((Map<String, Object>) o).get("name")));
        }
        return List.copyOf(names);
    }
}
