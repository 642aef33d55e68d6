package io.runbook.engine.module;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The full names Ansible resolves actions to, which {@code module_defaults} and its action groups ({@link ActionGroups})
 * match actions by, and the folders of the collections those groups are read from. Each name is resolved once per run
 * (a registry's). Thread-safe.
 */
public final class ResolvedNames {
    private final ModuleRegistry modules;
    /** Whether a full name is a collection's module the {@code collections:} keyword found ({@link ModuleRegistry#inCollections}). */
    private final Predicate<String> fromCollections;
    /** The full names resolved so far, by the name given. */
    private final Map<String, String> resolved = new ConcurrentHashMap<>();

    ResolvedNames(ModuleRegistry modules, Predicate<String> fromCollections) {
        this.modules = modules;
        this.fromCollections = fromCollections;
    }

    /**
     * The full name Ansible resolves the action {@code name} to (a task's, as written or as the {@code collections:}
     * keyword found it; an action group's member), which {@code module_defaults} are matched by: a library/ module's
     * {@code ansible.legacy.NAME}; the engine's own module or action {@code ansible.builtin.NAME}, or the name of the
     * collection it stands for ({@code kubernetes.core.k8s}, also for {@code community.kubernetes.k8s}); another
     * name where the controller's Ansible redirects it ({@code formerly_core_ping} to {@code testns.testcoll.ping}),
     * else the full name as it is.
     */
    public String of(String name) {
        return resolved.computeIfAbsent(name, this::resolve);
    }

    private String resolve(String name) {
        boolean listed = fromCollections.test(name);
        String shortName = ModuleRegistry.shortName(name);
        int prefix = name.length() - shortName.length() - 1;
        String collection = prefix <= 0 ? "ansible.legacy" : name.substring(0, prefix);
        // a one-part prefix is the engine's own name (runbook.k8s_apply)
        boolean builtin = collection.equals("ansible.legacy") || collection.equals("ansible.builtin") || !collection.contains(".");
        ModuleLibrary library = modules.library();
        if (!listed && collection.equals("ansible.legacy") && !ModuleRegistry.ACTION_ONLY.contains(shortName)
                && library.find(shortName).isPresent()) {
            return "ansible.legacy." + shortName;
        }
        if (!listed && (builtin || EmulatedCollections.standsFor(collection, shortName)) && modules.isKnown(shortName)) {
            for (Map.Entry<String, java.util.Set<String>> e : EmulatedCollections.EMULATED.entrySet()) {
                if (e.getValue().contains(shortName)) {
                    return e.getKey() + "." + shortName;
                }
            }
            return "ansible.builtin." + shortName;
        }
        String full = builtin ? "ansible.builtin." + shortName : name;
        if (library.type() == null) {
            return full;
        }
        return library.type().routedName(full, modules.collectionRoots()).orElse(full);
    }

    /**
     * The folder of collection {@code namespace.name}: in the run's collection folders
     * ({@link ModuleRegistry#collectionRoots}), then where the controller's Ansible finds it (its Python's path); empty
     * when it is not installed.
     */
    public Optional<Path> collectionFolder(String namespace, String name) {
        java.util.List<Path> roots = modules.collectionRoots();
        for (Path root : roots) {
            Path dir = root.resolve("ansible_collections").resolve(namespace).resolve(name);
            if (Files.isDirectory(dir)) {
                return Optional.of(dir);
            }
        }
        ModuleLibrary library = modules.library();
        return library.type() == null ? Optional.empty() : library.type().collection(namespace, name, roots);
    }
}
