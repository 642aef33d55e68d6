package io.runbook.cli;

import io.runbook.engine.config.SettingTable;
import io.runbook.engine.config.SettingTable.Def;
import io.runbook.engine.config.SettingTable.Ini;
import io.runbook.engine.config.SettingValues;
import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the settings of {@link SettingTable} are read from: the environment, then runbook.yml's values (by Ansible
 * name: {@link ProjectConfig#ansibleSettings()}; base settings only), then the ansible.cfg; relative paths from the
 * environment are relative to {@code cwd}, those of a file to its folder.
 */
record SettingSources(Map<String, String> env, ProjectConfig project, AnsibleConfig cfg, Path cwd) {

    /** A value as given, with where: an environment variable, a config file (ansible.cfg or runbook.yml) or none. */
    record Raw(String text, String envName, Path file, String key) {
        /** Where it came from as {@code ansible-config dump} says it: {@code env: NAME} or the file. */
        String origin() {
            return envName != null ? "env: " + envName : file.toString();
        }

        /** Where it came from as an error message says it: the variable's name or {@code key in FILE}. */
        String where() {
            return envName != null ? envName : key + " in " + file;
        }
    }

    /** A setting's value (typed as its entry says) and its origin as {@code ansible-config dump} says it. */
    record Value(Object value, String origin) {
        boolean changed() {
            return !origin.equals("default");
        }
    }

    /** The value set for the base setting {@code name} in the environment or ansible.cfg. */
    Optional<Raw> raw(String name) {
        return raw(SettingTable.def(name));
    }

    /** The value set for {@code d} in the environment or ansible.cfg (runbook.yml's values are typed: not here). */
    Optional<Raw> raw(Def d) {
        for (int i = d.envNames().size() - 1; i >= 0; i--) {
            String e = d.envNames().get(i);
            String v = env.get(e);
            // as Ansible's configuration: a variable set to empty text is set (ANSIBLE_HOST_KEY_CHECKING= is false)
            if (v != null) {
                return Optional.of(new Raw(v.strip(), e, null, null));
            }
        }
        if (cfg.file() == null) {
            return Optional.empty();
        }
        for (int i = d.ini().size() - 1; i >= 0; i--) {
            Ini ini = d.ini().get(i);
            Optional<String> v = cfg.get(ini.section(), ini.key());
            if (v.isPresent()) {
                return Optional.of(new Raw(v.get(), null, cfg.file(), ini.key()));
            }
        }
        return Optional.empty();
    }

    /** The value of the base setting {@code name}. */
    Value value(String name) {
        return value(SettingTable.def(name));
    }

    /** The value of {@code d}: the environment's, runbook.yml's (a base setting's), ansible.cfg's or the default. */
    Value value(Def d) {
        Optional<Raw> raw = raw(d);
        if (raw.isPresent() && raw.get().envName() != null && raw.get().text().isEmpty()
                && java.util.Set.of("integer", "int", "float").contains(d.type())) {
            // Ansible's: an empty variable that is no number is the default's (ansible.cfg's value does not count)
            return new Value(fallback(d), "default");
        }
        if (raw.isPresent() && raw.get().envName() != null) {
            return new Value(typed(d, raw.get()), raw.get().origin());
        }
        Object fromProject = SettingTable.ALL.get(d.name()) == d ? project.ansibleSettings().get(d.name()) : null;
        if (fromProject != null) {
            return new Value(fromProject, project.file().toString());
        }
        if (raw.isPresent()) {
            return new Value(typed(d, raw.get()), raw.get().origin());
        }
        return new Value(fallback(d), "default");
    }

    private Object fallback(Def d) {
        return d.fallback() instanceof String s ? typed(d, new Raw(s, null, null, null)) : d.fallback();
    }

    @SuppressWarnings("unchecked")
    <T> T get(String name) {
        return (T) value(name).value();
    }

    /**
     * The values of the settings the engine honours, and every other setting's of Ansible's read when the config lookup
     * first asks ({@link SettingValues#every}). A whole number Ansible's other base settings are given as text that is
     * none is refused now, as Ansible refuses it at start whether it uses the setting or not.
     */
    SettingValues values() {
        Map<String, Object> base = values(SettingTable.ALL);
        Map<String, Map<String, Object>> plugins = new LinkedHashMap<>();
        SettingTable.PLUGINS.forEach((type, byName) -> byName.forEach((name, defs) -> plugins.put(type + "/" + name, values(defs))));
        if (othersGiven()) {
            SettingTable.ansibleBase().values().stream().filter(d -> d.type().equals("integer")).forEach(this::value);
        }
        Map<String, Map<String, Object>> own = java.util.Collections.unmodifiableMap(plugins);
        return new SettingValues(base, own, () -> every(base, own));
    }

    /** Every setting's value, base and plugins', Ansible's that the engine does not use too, for the config lookup. */
    private SettingValues every(Map<String, Object> own, Map<String, Map<String, Object>> ownPlugins) {
        Map<String, Object> base = new LinkedHashMap<>();
        SettingTable.ansibleBase().values().forEach(d -> base.put(d.name(), value(d).value()));
        base.putAll(own);
        base.put("CONFIG_FILE", cfg.file() == null ? null : cfg.file().toString());
        Map<String, Map<String, Object>> plugins = new LinkedHashMap<>(ownPlugins);
        SettingTable.ansiblePlugins().forEach((plugin, defs) -> plugins.put(plugin, values(defs)));
        return new SettingValues(java.util.Collections.unmodifiableMap(base), java.util.Collections.unmodifiableMap(plugins), null);
    }

    /**
     * Whether a setting the engine's own tables do not have may be given: an {@code ANSIBLE_*} variable, or a key of the
     * ansible.cfg, that none of {@link SettingTable#ALL} or {@link SettingTable#PLUGINS} reads ({@code ANSIBLE_CONFIG}
     * names the file).
     */
    private boolean othersGiven() {
        java.util.Set<String> names = new java.util.HashSet<>(java.util.Set.of("ANSIBLE_CONFIG"));
        // "section key" texts, not Ini records: a record's first hashCode links an invokedynamic call site (about
        // thirty generated method-handle classes) that nothing else in a syntax check needs
        java.util.Set<String> keys = new java.util.HashSet<>();
        java.util.function.Consumer<Def> known = d -> {
            names.addAll(d.envNames());
            d.ini().forEach(ini -> keys.add(ini.section() + " " + ini.key()));
        };
        SettingTable.ALL.values().forEach(known);
        SettingTable.PLUGINS.values().forEach(byName -> byName.values().forEach(defs -> defs.values().forEach(known)));
        return env.keySet().stream().anyMatch(n -> n.startsWith("ANSIBLE_") && !names.contains(n))
                || cfg.sections().entrySet().stream().anyMatch(section -> section.getValue().keySet().stream()
                .anyMatch(key -> !keys.contains(section.getKey() + " " + key)));
    }

    private Map<String, Object> values(Map<String, Def> defs) {
        Map<String, Object> values = new LinkedHashMap<>();
        defs.values().forEach(d -> values.put(d.name(), value(d).value()));
        return java.util.Collections.unmodifiableMap(values);
    }

    private Object typed(Def d, Raw raw) {
        Path base = raw.file() == null ? cwd : raw.file().toAbsolutePath().getParent();
        String v = raw.text();
        return switch (d.type()) {
            case "boolean", "bool" -> SettingTable.bool(v);
            case "integer" -> number(v, d, raw);
            case "path" -> base.resolve(AnsibleConfig.expandHome(v, env)).normalize().toString();
            // Ansible's: empty text is one empty path, the folder itself
            case "pathlist", "pathspec" -> (v.isBlank() ? java.util.List.of(base.normalize()) : AnsibleConfig.pathList(v, base, env)).stream()
                    .map(Path::toString).toList();
            // Ansible's: split at each comma, an empty part kept (ANSIBLE_VARS_ENABLED= is [''], which names no plugin)
            case "list" -> java.util.Arrays.stream(v.split(",", -1)).map(String::strip).toList();
            default -> v;
        };
    }

    private static int number(String v, Def d, Raw raw) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            String key = d.lastIni().map(Ini::key).orElse(d.name());
            throw new UserError(SourcePosition.of(raw.envName() != null ? raw.envName() : key + " in " + raw.file()),
                    key + " must be a whole number, not '" + v + "'");
        }
    }
}
