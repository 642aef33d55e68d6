package io.runbook.engine.module;

import io.runbook.engine.vars.HomeDir;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Ansible's COLLECTIONS_PATHS from the environment alone: the folders that hold {@code ansible_collections/}, from
 * {@code ANSIBLE_COLLECTIONS_PATH} (or the older {@code ANSIBLE_COLLECTIONS_PATHS}), else Ansible's default
 * {@code ~/.ansible/collections:/usr/share/ansible/collections}: what a registry or role search has until the command
 * line gives it the setting as read with ansible.cfg's {@code collections_path} ({@link
 * io.runbook.engine.config.SettingTable}'s COLLECTIONS_PATHS).
 */
public final class CollectionsPath {
    private CollectionsPath() {
    }

    /** The folders a run with this environment is configured with, in order (whether they exist or not). */
    public static List<Path> configured(io.runbook.engine.env.RunEnvironment environment) {
        String env = environment.get("ANSIBLE_COLLECTIONS_PATH");
        env = env != null ? env : environment.get("ANSIBLE_COLLECTIONS_PATHS");
        String home = HomeDir.of(environment);
        List<Path> dirs = new ArrayList<>();
        if (env == null) {
            dirs.add(Path.of(home, ".ansible", "collections"));
            dirs.add(Path.of("/usr/share/ansible/collections"));
            return dirs;
        }
        for (String d : env.split(":")) {
            if (!d.isBlank()) {
                dirs.add(root(Path.of(HomeDir.expand(d, home))));
            }
        }
        return dirs;
    }

    /**
     * The folder that holds a configured path's {@code ansible_collections/}: the path itself, or its parent when the
     * path is an {@code ansible_collections} folder, as ansible-core's collection finder takes it.
     */
    public static Path root(Path configured) {
        Path name = configured.getFileName();
        return name != null && name.toString().equals("ansible_collections") && configured.getParent() != null
                ? configured.getParent() : configured;
    }

    /**
     * The collection ({@code namespace.name}) a folder or file lies in, as ansible-core's
     * {@code _get_collection_name_from_path} finds it: the path holds one {@code ansible_collections} folder followed by
     * a namespace and a name, and that collection, looked for along {@code roots} (folders holding
     * {@code ansible_collections/}), is the one there (not one an earlier root masks it with); else empty.
     */
    public static java.util.Optional<String> collectionOf(Path path, List<Path> roots) {
        Path p = path.toAbsolutePath().normalize();
        int at = -1;
        for (int i = 0; i < p.getNameCount(); i++) {
            if (p.getName(i).toString().equals("ansible_collections")) {
                if (at >= 0) {
                    return java.util.Optional.empty();
                }
                at = i;
            }
        }
        if (at < 0 || p.getNameCount() < at + 3) {
            return java.util.Optional.empty();
        }
        String namespace = p.getName(at + 1).toString();
        String name = p.getName(at + 2).toString();
        Path prefix = p.getRoot().resolve(p.subpath(0, at + 3));
        for (Path root : roots) {
            Path dir = root.toAbsolutePath().normalize().resolve("ansible_collections").resolve(namespace).resolve(name);
            if (java.nio.file.Files.isDirectory(dir)) {
                return dir.equals(prefix) ? java.util.Optional.of(namespace + "." + name) : java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
    }
}
