package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where roles are looked for, in Ansible's order: {@code roles/} next to the playbook, each folder of
 * {@code roles_path}, the folder holding the role that depends on it (for dependencies), the playbook's folder
 * itself; and last the name as a path.
 *
 * @param rolesPath {@code roles_path} from runbook.yml, ansible.cfg or ANSIBLE_ROLES_PATH, already resolved
 * @param collectionsPath COLLECTIONS_PATHS, the run's ({@link io.runbook.engine.module.CollectionsPath#configured})
 */
public record RoleSearch(List<Path> rolesPath, List<Path> collectionsPath) {
    public RoleSearch {
        rolesPath = List.copyOf(rolesPath);
        collectionsPath = List.copyOf(collectionsPath);
    }

    /** Ansible's default roles_path, with this home as {@code ~}. */
    public static List<Path> defaultPath(String home) {
        return List.of(Path.of(home, ".ansible", "roles"), Path.of("/usr/share/ansible/roles"), Path.of("/etc/ansible/roles"));
    }

    /** Ansible's default roles and collections paths, of a run with no environment (the account's home as {@code ~}). */
    public static RoleSearch defaults() {
        io.runbook.engine.env.RunEnvironment none = io.runbook.engine.env.RunEnvironment.EMPTY;
        return new RoleSearch(defaultPath(io.runbook.engine.vars.HomeDir.of(none)),
                io.runbook.engine.module.CollectionsPath.configured(none));
    }

    /** The folder of role {@code name} as a play in {@code playbookDir} finds it, or empty when there is none. */
    public java.util.Optional<Path> folder(String name, Path playbookDir) {
        try {
            return java.util.Optional.of(find(name, playbookDir, null, null));
        } catch (UserError e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The folder of role {@code name}.
     *
     * @param playbookDir the folder of the playbook that uses it
     * @param siblingsDir the folder holding the role that depends on it, or null
     */
    Path find(String name, Path playbookDir, Path siblingsDir, SourcePosition where) {
        boolean fqcr = name.matches("[A-Za-z_]\\w*\\.[A-Za-z_]\\w*\\.[A-Za-z_]\\w*");
        if (fqcr) {
            java.util.Optional<Path> found = inCollection(name, playbookDir);
            if (found.isPresent()) {
                return found.get();
            }
        }
        List<Path> dirs = new ArrayList<>();
        dirs.add(playbookDir.resolve("roles"));
        dirs.addAll(rolesPath);
        if (siblingsDir != null) {
            dirs.add(siblingsDir);
        }
        dirs.add(playbookDir);
        for (Path dir : dirs) {
            Path p = dir.resolve(name).normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        Path asPath = Path.of(name).toAbsolutePath().normalize();
        if (Files.isDirectory(asPath)) {
            return asPath;
        }
        if (fqcr) {
            throw notInCollection(name, playbookDir, dirs, where);
        }
        throw new UserError(where, "role '" + name + "' not found; looked in " + String.join(":",
                dirs.stream().map(Path::toString).toList()), "set roles_path in runbook.yml or ansible.cfg, or "
                + "ANSIBLE_ROLES_PATH, to the folder that holds it");
    }

    /**
     * A role named {@code namespace.collection.role}: in {@code collections/ansible_collections/} beside the playbook,
     * then in each folder of {@code ANSIBLE_COLLECTIONS_PATH} (or Ansible's default collections path), as Ansible finds
     * a collection that is installed (Galaxy is never asked). Not there, such a name is looked for as any role's, as
     * Ansible's RoleDefinition does (a role folder named {@code a.b.c} in roles_path).
     */
    private java.util.Optional<Path> inCollection(String name, Path playbookDir) {
        String[] parts = name.split("\\.");
        for (Path dir : collectionRoots(playbookDir)) {
            Path p = dir.resolve("ansible_collections").resolve(parts[0]).resolve(parts[1]).resolve("roles").resolve(parts[2]);
            if (Files.isDirectory(p)) {
                return java.util.Optional.of(p.toAbsolutePath().normalize());
            }
        }
        return java.util.Optional.empty();
    }

    private UserError notInCollection(String name, Path playbookDir, List<Path> roleDirs, SourcePosition where) {
        String[] parts = name.split("\\.");
        List<Path> dirs = collectionRoots(playbookDir);
        return new UserError(where, "role '" + name + "' not found: no collection " + parts[0] + "." + parts[1]
                + " with that role in " + String.join(":", dirs.stream().map(Path::toString).toList())
                + ", nor a role folder of that name in " + String.join(":", roleDirs.stream().map(Path::toString).toList()),
                "install the collection there (ansible-galaxy collection install -p DIR), or set ANSIBLE_COLLECTIONS_PATH");
    }

    /**
     * The folders whose {@code ansible_collections/} hold installed collections, in Ansible's order: {@code collections/}
     * beside the playbook, then {@code ANSIBLE_COLLECTIONS_PATH} (or Ansible's default collections path).
     */
    public List<Path> collectionRoots(Path playbookDir) {
        List<Path> dirs = new ArrayList<>();
        dirs.add(playbookDir.resolve("collections"));
        dirs.addAll(collectionsPath);
        return dirs;
    }
}
