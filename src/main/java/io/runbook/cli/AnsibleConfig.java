package io.runbook.cli;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code ansible.cfg} in force, found as Ansible finds it: the file named by {@code ANSIBLE_CONFIG} (a folder
 * means its ansible.cfg), else {@code ./ansible.cfg}, {@code ~/.ansible.cfg}, {@code /etc/ansible/ansible.cfg}; only
 * the first found is read. INI as Python's configparser reads it: {@code [section]}, {@code key = value} or
 * {@code key: value}, comments starting a line with {@code #} or {@code ;}, inline comments after {@code " ;"},
 * and indented continuation lines.
 */
record AnsibleConfig(Path file, Map<String, Map<String, String>> sections) {
    static final AnsibleConfig NONE = new AnsibleConfig(null, Map.of());

    /** The config file Ansible would read, given the environment and the working directory. */
    static AnsibleConfig find(Map<String, String> env, Path cwd) {
        Optional<Path> named = namedFile(env);
        if (named.isPresent()) {
            return load(named.get());
        }
        String home = io.runbook.engine.vars.HomeDir.of(env);
        for (Path p : List.of(cwd.resolve("ansible.cfg"), Path.of(home, ".ansible.cfg"), Path.of("/etc/ansible/ansible.cfg"))) {
            // as Ansible: not the working directory's when others may write there (WorldWritable warns of it)
            if (Files.isRegularFile(p) && !(p.equals(cwd.resolve("ansible.cfg")) && WorldWritable.is(cwd.toAbsolutePath()))) {
                return load(p.toAbsolutePath().normalize());
            }
        }
        return NONE;
    }

    /** The file {@code ANSIBLE_CONFIG} names (a folder means its ansible.cfg), when it exists. */
    static Optional<Path> namedFile(Map<String, String> env) {
        String named = env.get("ANSIBLE_CONFIG");
        if (named == null || named.isBlank()) {
            return Optional.empty();
        }
        // absolute, as Ansible's (its dump, -v header and messages name it so)
        Path p = Path.of(expandHome(named, env)).toAbsolutePath().normalize();
        if (Files.isDirectory(p)) {
            p = p.resolve("ansible.cfg");
        }
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    static AnsibleConfig load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(SourcePosition.of(file.toString()), "cannot read the Ansible config: " + e.getMessage());
        }
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        String lastKey = null;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0)) && current != null && lastKey != null) {
                current.put(lastKey, (current.get(lastKey) + "\n" + stripComment(line)).strip());
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(), s -> new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            int sep = separator(line);
            if (current == null || sep < 0) {
                throw new UserError(new SourcePosition(file, i + 1, 1), current == null
                        ? "the Ansible config must start with a section such as [defaults]"
                        : "expected 'key = value' in the Ansible config, got '" + line + "'");
            }
            lastKey = line.substring(0, sep).strip().toLowerCase();
            current.put(lastKey, stripComment(line.substring(sep + 1)).strip());
        }
        return new AnsibleConfig(file, sections);
    }

    /** A value of {@code [section]}, if set. */
    Optional<String> get(String section, String key) {
        return Optional.ofNullable(sections.getOrDefault(section, Map.of()).get(key)).filter(v -> !v.isEmpty());
    }

    /** A path list value ({@code :} or {@code ,} separated), each relative to the config file's folder. */
    Optional<List<Path>> paths(String section, String key, Map<String, String> env) {
        return get(section, key).map(v -> pathList(v, file.toAbsolutePath().getParent(), env));
    }

    static List<Path> pathList(String value, Path base, Map<String, String> env) {
        return java.util.Arrays.stream(value.split("[:,]")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> base.resolve(expandHome(s, env)).normalize()).toList();
    }

    static String expandHome(String path, Map<String, String> env) {
        return io.runbook.engine.vars.HomeDir.expand(path, io.runbook.engine.vars.HomeDir.of(env));
    }

    private static int separator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static String stripComment(String value) {
        int at = value.indexOf(" ;");
        return at < 0 ? value : value.substring(0, at);
    }
}
