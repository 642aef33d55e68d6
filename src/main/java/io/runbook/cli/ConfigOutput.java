package io.runbook.cli;

import io.runbook.engine.config.SettingTable;
import io.runbook.engine.report.PythonRepr;
import io.runbook.engine.vars.PyYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The texts of {@code config list} and {@code config init} as ansible-config 2.14 writes them, for the settings of the
 * engine's table: list's entries (base, plugins by type), and init's ini file, environment variables (-f env) and
 * variables (-f vars).
 */
final class ConfigOutput {
    /** ansible-config's plugin types (C.CONFIGURABLE_PLUGINS), in its order. */
    static final List<String> PLUGIN_TYPES = List.of("become", "cache", "callback", "cliconf", "connection", "httpapi",
            "inventory", "lookup", "netconf", "shell", "vars");
    private static final Pattern SHELL_SAFE = Pattern.compile("[\\w@%+=:,./-]+", Pattern.UNICODE_CHARACTER_CLASS);

    private ConfigOutput() {
    }

    /** Whether settings of {@code type} (-t) are shown for the plugin type {@code pluginType}. */
    static boolean shows(String type, String pluginType) {
        return type.equals("all") || type.equals(pluginType);
    }

    /**
     * The plugins of a type with their settings, by name (sorted), as {@code pick} makes them from the table's: those
     * {@code args} names (when none, all but collections' ones, as ansible-config lists only ansible.builtin's).
     */
    static <T> Map<String, T> plugins(String pluginType, List<String> args, BiFunction<String, Map<String, SettingTable.Def>, T> pick) {
        Map<String, T> out = new TreeMap<>();
        SettingTable.PLUGINS.getOrDefault(pluginType, Map.of()).forEach((name, defs) -> {
            if (args.isEmpty() ? !name.contains(".") : args.contains(name) || args.contains("ansible.builtin." + name)) {
                out.put(name, pick.apply(name, defs));
            }
        });
        return out;
    }

    /** {@code config list}'s entries: base settings (-t base or all), PLUGINS by type (upper case for -t all). */
    static Map<String, Object> listEntries(String type, List<String> args) {
        Map<String, Object> entries = new LinkedHashMap<>();
        if (type.equals("base") || type.equals("all")) {
            entries.putAll(entries(SettingTable.ALL));
        }
        if (!type.equals("base")) {
            Map<String, Object> byType = new LinkedHashMap<>();
            for (String t : PLUGIN_TYPES) {
                if (shows(type, t)) {
                    byType.put(type.equals("all") ? t.toUpperCase(Locale.ROOT) : t,
                            plugins(t, type.equals("all") ? List.of() : args, (name, defs) -> entries(defs)));
                }
            }
            entries.put("PLUGINS", byType);
        }
        return entries;
    }

    /** The entries of a table of settings, as ansible-config list prints them. */
    private static Map<String, Object> entries(Map<String, SettingTable.Def> defs) {
        Map<String, Object> out = new LinkedHashMap<>();
        defs.forEach((name, def) -> out.put(name, def.entry()));
        return out;
    }

    /** The settings init writes: base ones (-t base or all), then each plugin's of the types -t names. */
    static List<Map<String, SettingTable.Def>> initSettings(String type, List<String> args) {
        List<Map<String, SettingTable.Def>> out = new ArrayList<>();
        if (type.equals("base") || type.equals("all")) {
            out.add(new TreeMap<>(SettingTable.ALL));
        }
        for (String t : PLUGIN_TYPES) {
            if (!type.equals("base") && shows(type, t)) {
                out.addAll(plugins(t, type.equals("all") ? List.of() : args, (name, defs) -> defs).values());
            }
        }
        return out;
    }

    /** {@code init -f ini}: a section for each ini section, each setting's last ini key with its default. */
    static String ini(List<Map<String, SettingTable.Def>> settings, boolean commented) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        for (Map<String, SettingTable.Def> defs : settings) {
            for (SettingTable.Def def : new TreeMap<>(defs).values()) {
                def.lastIni().ifPresent(ini -> sections.computeIfAbsent(ini.section(), s -> new ArrayList<>())
                        .add("# (" + type(def) + ") " + description(def, "\n# ") + "\n" + (commented ? ";" : "")
                                + ini.key() + "=" + iniDefault(def.fallback(), type(def))));
            }
        }
        List<String> data = new ArrayList<>();
        sections.forEach((section, keys) -> {
            data.add("[" + section + "]");
            keys.forEach(k -> {
                data.add(k);
                data.add("");
            });
            data.add("");
        });
        return String.join("\n", data);
    }

    /**
     * {@code init -f env} or {@code -f vars}: for each setting with an environment variable (a variable), a comment of
     * its name, type and description, and the last one set to its default (an internal one's line left out, as
     * Ansible's).
     */
    static String vars(List<Map<String, SettingTable.Def>> settings, boolean env, boolean commented) {
        List<String> data = new ArrayList<>();
        for (Map<String, SettingTable.Def> defs : settings) {
            for (SettingTable.Def def : defs.values()) {
                List<String> names = env ? def.envNames() : def.vars();
                Object written = def.entry().get("description");
                if (names.isEmpty() || written == null || written.equals("")) {
                    continue;
                }
                String name = names.get(names.size() - 1);
                // a plugin's option by its key (Ansible's plugin options have no name), a base setting by its name
                Object title = SettingTable.ALL.get(def.name()) == def ? def.entry().getOrDefault("name", def.name()) : def.name();
                data.add("# " + title + "(" + type(def) + "): "
                        + description(def, "\n#"));
                if (name.startsWith(env ? "_ANSIBLE_" : "_ansible_")) {
                    continue;
                }
                Object fallback = def.entry().get("default");
                data.add((commented ? "#" : "") + name + (env ? "=" + envDefault(fallback, type(def))
                        : ": " + PyYaml.flow(fallback == null ? "" : fallback)));
                data.add("");
            }
        }
        return String.join("\n", data);
    }

    /** The type as the table writes it (Ansible's: {@code int} stays {@code int}), string when none. */
    private static String type(SettingTable.Def def) {
        return String.valueOf(def.entry().getOrDefault("type", "string"));
    }

    /** A description's lines joined by {@code separator} (a description of one line: itself). */
    private static String description(SettingTable.Def def, String separator) {
        Object d = def.entry().get("description");
        return d instanceof List<?> lines ? String.join(separator, lines.stream().map(String::valueOf).toList()) : String.valueOf(d);
    }

    /** A default as ansible-config init writes it in an ini file: a list joined by ", ", none as nothing. */
    private static String iniDefault(Object value, String type) {
        if (value instanceof List<?> l && type.equals("list")) {
            return String.join(", ", l.stream().map(String::valueOf).toList());
        }
        return value == null ? "" : PythonRepr.str(value);
    }

    /** A default as a shell variable's value: a boolean 1 or 0, a list joined by ", ", a string quoted as shlex.quote. */
    private static String envDefault(Object value, String type) {
        if (type.equals("boolean")) {
            return Boolean.TRUE.equals(value) || value instanceof String s && !s.isEmpty() ? "1" : "0";
        }
        if (value == null || value.equals("")) {
            return "";
        }
        Object v = value instanceof List<?> l && type.equals("list") ? String.join(", ", l.stream().map(String::valueOf).toList()) : value;
        if (!(v instanceof String s)) {
            return PythonRepr.str(v);
        }
        boolean quoted = s.length() > 1 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0);
        return quoted || SHELL_SAFE.matcher(s).matches() ? s : "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
