package io.runbook.cli;

import io.runbook.engine.config.SettingTable;
import io.runbook.engine.error.UserError;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The project's defaults, from the first {@code runbook.yml} found in the working directory or above it
 * (like {@code ansible.cfg}): the inventory, forks, roles_path, the lab's state folder, where run journals go and
 * whether a notify that names no handler is an error (Ansible's ERROR_ON_MISSING_HANDLER).
 * Relative paths are relative to the file's folder. Command-line options override every value; {@link Settings}
 * says how this file, ansible.cfg and ANSIBLE_* variables combine.
 */
public record ProjectConfig(Path file, List<String> inventory, Integer forks, Path labStateDir, Path journalDir,
                            List<Path> rolesPath, Boolean errorOnMissingHandler) {
    public static final String FILE_NAME = "runbook.yml";
    private static final Set<String> KEYS = Set.of("inventory", "forks", "lab_state_dir", "journal_dir", "roles_path",
            "error_on_missing_handler");

    public static ProjectConfig none() {
        return new ProjectConfig(null, List.of(), null, null, null, List.of(), null);
    }

    /** The nearest config at or above {@code start} in a directory others cannot write to, or {@link #none()}. */
    public static ProjectConfig find(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path f = dir.resolve(FILE_NAME);
            // not one that others may have written (WorldWritable warns of it): the search goes on above it
            if (Files.isRegularFile(f) && !WorldWritable.is(dir)) {
                return load(f);
            }
        }
        return none();
    }

    /**
     * The folder that holds the run journals: {@code journal_dir}, else {@code .runbook/runs} beside runbook.yml, else
     * in the working directory.
     */
    public Path runsDir() {
        if (journalDir != null) {
            return journalDir;
        }
        Path base = file == null ? Path.of("") : file.toAbsolutePath().getParent();
        return base.resolve(io.runbook.engine.journal.RunDirectories.DEFAULT);
    }

    /** The Ansible settings this file sets, by Ansible's names (as {@link SettingTable} types them). */
    Map<String, Object> ansibleSettings() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        if (!inventory.isEmpty()) {
            out.put("DEFAULT_HOST_LIST", inventory);
        }
        if (forks != null) {
            out.put("DEFAULT_FORKS", forks);
        }
        if (!rolesPath.isEmpty()) {
            out.put("DEFAULT_ROLES_PATH", rolesPath.stream().map(Path::toString).toList());
        }
        if (errorOnMissingHandler != null) {
            out.put("ERROR_ON_MISSING_HANDLER", errorOnMissingHandler);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static ProjectConfig load(Path f) {
        Optional<YNode> doc = YamlLoader.load(f);
        if (doc.isEmpty()) {
            return new ProjectConfig(f, List.of(), null, null, null, List.of(), null);
        }
        if (!(doc.get() instanceof YMap map)) {
            throw new UserError(doc.get().position(), "the project config must be a mapping");
        }
        for (YMap.Entry e : map.entries()) {
            if (!KEYS.contains(e.key())) {
                throw new UserError(e.keyPosition(), "unknown setting '" + e.key() + "' in " + FILE_NAME,
                        io.runbook.engine.error.Suggestions.didYouMean(e.key(), KEYS));
            }
        }
        Map<String, Object> m = (Map<String, Object>) map.toPlain();
        Path dir = f.toAbsolutePath().getParent();
        Object inv = m.get("inventory");
        List<String> inventories = inv == null ? List.of()
                : (inv instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(inv)))
                .stream().map(s -> dir.resolve(s).normalize().toString()).toList();
        Integer forks = m.get("forks") instanceof Integer i ? i : null;
        map.get("forks").filter(n -> !(n.toPlain() instanceof Integer i && i >= 1)).ifPresent(n -> {
            throw new UserError(n.position(), "forks must be a whole number of at least 1, got "
                    + (n instanceof io.runbook.engine.yaml.YScalar sc ? "'" + sc.text() + "'" : n.describe()));
        });
        Path state = m.get("lab_state_dir") == null ? null : dir.resolve(String.valueOf(m.get("lab_state_dir"))).normalize();
        Path journals = m.get("journal_dir") == null ? null : dir.resolve(String.valueOf(m.get("journal_dir"))).normalize();
        Object roles = m.get("roles_path");
        List<Path> rolesPath = roles == null ? List.of()
                : (roles instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(roles).split(":")))
                .stream().map(s -> dir.resolve(s.strip()).normalize()).toList();
        Boolean errorOnMissingHandler = map.get("error_on_missing_handler").map(n -> {
            if (!(n.toPlain() instanceof Boolean b)) {
                throw new UserError(n.position(), "error_on_missing_handler must be true or false, got "
                        + (n instanceof io.runbook.engine.yaml.YScalar sc ? "'" + sc.text() + "'" : n.describe()));
            }
            return b;
        }).orElse(null);
        return new ProjectConfig(f, inventories, forks, state, journals, rolesPath, errorOnMissingHandler);
    }
}
