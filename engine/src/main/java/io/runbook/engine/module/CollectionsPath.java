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
}
