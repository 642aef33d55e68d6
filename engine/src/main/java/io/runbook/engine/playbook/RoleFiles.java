package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import io.runbook.engine.yaml.YamlLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a role's files as Ansible does: {@code <dir>/main.yml}, {@code main.yaml}, {@code main.json} or
 * {@code main}; or, for vars and defaults, a folder {@code <dir>/main/} whose files are merged in name order. A
 * name given with {@code tasks_from} and the like is tried as written first, then with each extension.
 */
final class RoleFiles {
    private static final List<String> EXTENSIONS = List.of(".yml", ".yaml", ".json");

    private RoleFiles() {
    }

    /**
     * The task (or handler) file of {@code subdir}, if any; a {@code from} name that is not found, or that is found
     * outside {@code subdir}, is a {@link RoleFileError}.
     */
    static Optional<Path> taskFile(Role role, String subdir, String from, SourcePosition where) {
        List<Path> found = candidates(role.path().resolve(subdir), from, false);
        if (found.isEmpty() && from != null) {
            throw new RoleFileError(where, "could not find " + subdir + "/" + from + " in role '" + role.name() + "' ("
                    + role.path() + ")");
        }
        inside(found, role.path().resolve(subdir), role.name(), where);
        return found.stream().findFirst();
    }

    /** As Ansible: a file a {@code *_from} name finds must lie inside the role's folder for it. */
    private static void inside(List<Path> found, Path dir, String roleName, SourcePosition where) {
        Path folder = dir.toAbsolutePath().normalize();
        for (Path file : found) {
            if (!file.toAbsolutePath().normalize().startsWith(folder)) {
                throw new RoleFileError(where, "cannot load " + file.toAbsolutePath().normalize() + " for role '" + roleName
                        + "': it is not inside the role's folder " + folder);
            }
        }
    }

    /** The merged variables of {@code subdir} (vars or defaults) of the role folder {@code path}. */
    static Map<String, Object> vars(Path path, String roleName, String subdir, String from, SourcePosition where) {
        List<Path> found = candidates(path.resolve(subdir), from, true);
        if (found.isEmpty() && from != null) {
            throw new RoleFileError(where, "could not find " + subdir + "/" + from + " in role '" + roleName + "' (" + path + ")");
        }
        inside(found, path.resolve(subdir), roleName, where);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Path file : found) {
            Optional<YNode> doc = YamlLoader.load(file);
            if (doc.isEmpty() || doc.get() instanceof YScalar s && s.isNull()) {
                continue;
            }
            if (!(doc.get() instanceof YMap)) {
                throw new UserError(doc.get().position(), "the " + subdir + " of role '" + roleName
                        + "' must be a mapping of variables, got " + doc.get().describe());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) doc.get().toPlain();
            out.putAll(m);
        }
        return out;
    }

    /** meta/main.yml as a mapping, or empty. */
    static Optional<YMap> meta(Path path) {
        Optional<Path> file = candidates(path.resolve("meta"), null, false).stream().findFirst();
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Optional<YNode> doc = YamlLoader.load(file.get());
        if (doc.isEmpty() || doc.get() instanceof YScalar s && s.isNull()) {
            return Optional.empty();
        }
        return Optional.of(NodeReader.map(doc.get(), "meta/main.yml"));
    }

    private static List<Path> candidates(Path dir, String from, boolean allowDir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        // as Ansible, a from name is a path below the folder (sub/file), or one that leads out of it (refused after)
        String base = from == null ? "main" : from;
        List<String> names = new ArrayList<>();
        if (from != null) {
            names.add(base);
        }
        EXTENSIONS.forEach(e -> names.add(base + e));
        if (from == null) {
            names.add(base);
        }
        for (String name : names) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return List.of(p);
            }
        }
        Path folder = dir.resolve(base);
        if (allowDir && Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                return files.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(p -> EXTENSIONS.stream().anyMatch(p.getFileName().toString()::endsWith)
                                || !p.getFileName().toString().contains("."))
                        .sorted().toList();
            } catch (IOException e) {
                throw new UserError(SourcePosition.of(folder.toString()), "cannot read the folder: " + e.getMessage());
            }
        }
        return List.of();
    }

    /**
     * A role's collections list, as Ansible's Role sets it (roles do not take the play's): the role's own collection
     * when it is in one ({@code .../ansible_collections/ns/coll/roles/NAME}), then its {@code meta/main.yml}'s
     * {@code collections:}.
     */
    static List<String> collections(Role role) {
        List<String> list = new ArrayList<>();
        Path p = role.path();
        int n = p.getNameCount();
        if (n >= 5 && p.getName(n - 2).toString().equals("roles") && p.getName(n - 5).toString().equals("ansible_collections")) {
            list.add(p.getName(n - 4) + "." + p.getName(n - 3));
        }
        RoleFiles.meta(p).flatMap(m -> m.get("collections")).filter(c -> !PlaybookParser.isNull(c))
                .map(c -> NodeReader.names(c, "collections")).orElse(List.of()).stream()
                .filter(c -> !list.contains(c)).forEach(list::add);
        return list;
    }
}
