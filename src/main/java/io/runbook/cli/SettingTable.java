package io.runbook.cli;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YamlLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Ansible settings the engine honours, from the one table of them ({@code settings.yml} beside this class, in
 * the form {@code ansible-config list} prints): their names, environment variables, ini keys, types and defaults.
 * {@link Settings} reads every setting by it and {@code config} prints it.
 */
final class SettingTable {
    /** The table, by name, in the file's order. */
    static final Map<String, Def> ALL = load();

    private SettingTable() {
    }

    /** One setting: its entry as {@code ansible-config list} prints it, and the parts of it the engine reads by. */
    record Def(String name, Map<String, Object> entry, List<String> envNames, List<Ini> ini, String type, Object fallback) {
        /** The ini key a value is read from last (Ansible: the last listed that is set wins; init writes the last). */
        Optional<Ini> lastIni() {
            return ini.isEmpty() ? Optional.empty() : Optional.of(ini.get(ini.size() - 1));
        }
    }

    record Ini(String section, String key) {
    }

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

    static Def def(String name) {
        Def d = ALL.get(name);
        if (d == null) {
            throw new IllegalArgumentException("not in the settings table: " + name);
        }
        return d;
    }

    /**
     * Where the settings are read from: the environment, then runbook.yml's values (by Ansible name: {@link
     * ProjectConfig#ansibleSettings()}), then the ansible.cfg; relative paths from the environment are relative to
     * {@code cwd}, those of a file to its folder.
     */
    record Sources(Map<String, String> env, ProjectConfig project, AnsibleConfig cfg, Path cwd) {
        /** The value set for {@code name} in the environment or ansible.cfg (runbook.yml's values are typed: not here). */
        Optional<Raw> raw(String name) {
            Def d = def(name);
            for (int i = d.envNames().size() - 1; i >= 0; i--) {
                String e = d.envNames().get(i);
                String v = env.get(e);
                if (v != null && !v.isBlank()) {
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

        /** The value of {@code name}: the environment's, runbook.yml's, ansible.cfg's or the default. */
        Value value(String name) {
            Def d = def(name);
            Optional<Raw> raw = raw(name);
            if (raw.isPresent() && raw.get().envName() != null) {
                return new Value(typed(d, raw.get()), raw.get().origin());
            }
            Object fromProject = project.ansibleSettings().get(name);
            if (fromProject != null) {
                return new Value(fromProject, project.file().toString());
            }
            if (raw.isPresent()) {
                return new Value(typed(d, raw.get()), raw.get().origin());
            }
            Object fallback = d.fallback() instanceof String s ? typed(d, new Raw(s, null, null, null)) : d.fallback();
            return new Value(fallback, "default");
        }

        @SuppressWarnings("unchecked")
        <T> T get(String name) {
            return (T) value(name).value();
        }

        private Object typed(Def d, Raw raw) {
            Path base = raw.file() == null ? cwd : raw.file().toAbsolutePath().getParent();
            String v = raw.text();
            return switch (d.type()) {
                case "boolean" -> Settings.bool(v);
                case "integer" -> number(v, d, raw);
                case "path" -> base.resolve(AnsibleConfig.expandHome(v, env)).normalize().toString();
                case "pathlist", "pathspec" -> AnsibleConfig.pathList(v, base, env).stream().map(Path::toString).toList();
                case "list" -> java.util.Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
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

    @SuppressWarnings("unchecked")
    private static Map<String, Def> load() {
        String text;
        try (InputStream in = SettingTable.class.getResourceAsStream("settings.yml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        YMap table = (YMap) YamlLoader.loadAll(text, Path.of("settings.yml")).get(0);
        Map<String, Def> out = new LinkedHashMap<>();
        for (YMap.Entry e : table.entries()) {
            Map<String, Object> entry = (Map<String, Object>) e.value().toPlain();
            List<String> envNames = new ArrayList<>();
            for (Object o : (List<Object>) entry.getOrDefault("env", List.of())) {
                envNames.add(String.valueOf(((Map<String, Object>) o).get("name")));
            }
            List<Ini> ini = new ArrayList<>();
            for (Object o : (List<Object>) entry.getOrDefault("ini", List.of())) {
                Map<String, Object> m = (Map<String, Object>) o;
                ini.add(new Ini(String.valueOf(m.get("section")), String.valueOf(m.get("key"))));
            }
            out.put(e.key(), new Def(e.key(), entry, List.copyOf(envNames), List.copyOf(ini),
                    String.valueOf(entry.getOrDefault("type", "string")), entry.get("default")));
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
